import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSignalingClient } from 'switchboard/client';
import type { ClientMessage, ServerMessage } from 'switchboard/protocol';
import { createFakeClock, flushMicrotasks } from '../../src/testing/fake-clock.ts';
import { createMemoryNetwork, type MemoryServerSocket } from '../../src/testing/transport-pair.ts';
import { fixedPolicy } from './support/client-harness.ts';
import { welcome } from './support/scripted-server.ts';

// Property: whatever the points at which the connection drops, and however much the server
// re-sends of what the client already had, both directions deliver every signal exactly
// once and in order after the session resumes.

type Step =
  | { kind: 'client-send' }
  | { kind: 'server-send' }
  | { kind: 'server-ack' }
  | { kind: 'drop' }
  | { kind: 'wait'; ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'client-send' }) },
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'server-send' }) },
  { weight: 2, arbitrary: fc.constant<Step>({ kind: 'server-ack' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'drop' }) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 250 }).map((ms): Step => ({ kind: 'wait', ms })),
  },
);

/** A server that keeps one session resumable forever and replays from `ack + 1 - overlap`. */
class ModelServer {
  /** Client seqs accepted, in order; each must be the previous plus one. */
  readonly accepted: number[] = [];
  readonly violations: string[] = [];
  /** Server seqs sent so far (1..sent); what the client acked. */
  sent = 0;
  clientAck = 0;
  socket: MemoryServerSocket | undefined;
  welcomed = false;
  connections = 0;

  constructor(readonly overlap: number) {}

  attach(socket: MemoryServerSocket): void {
    socket.accept();
    this.socket = socket;
    this.welcomed = false;
    socket.onMessage((data) => this.#onMessage(socket, JSON.parse(data) as ClientMessage));
  }

  send(): void {
    this.sent += 1;
    if (this.welcomed) this.#deliver(this.sent);
  }

  ack(): void {
    if (this.welcomed) this.#send({ type: 'ack', seq: this.accepted.length });
  }

  #deliver(seq: number): void {
    this.#send({
      type: 'signal',
      seq,
      room: 'r',
      from: 'bob',
      payload: { kind: 'data', data: seq },
    });
  }

  #send(message: ServerMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  #onMessage(socket: MemoryServerSocket, message: ClientMessage): void {
    if (socket !== this.socket) return;
    switch (message.type) {
      case 'hello': {
        const resumeAck = message.resume?.ack ?? 0;
        if (this.connections > 0 && !message.resume) this.violations.push('hello without resume');
        this.connections += 1;
        this.clientAck = Math.max(this.clientAck, resumeAck);
        this.#send(welcome({ resumed: message.resume !== undefined, ack: this.accepted.length }));
        this.welcomed = true;
        for (let seq = Math.max(1, this.clientAck + 1 - this.overlap); seq <= this.sent; seq += 1) {
          this.#deliver(seq);
        }
        return;
      }
      case 'signal': {
        const expected = this.accepted.length + 1;
        if (message.seq === expected) this.accepted.push(message.seq);
        else if (message.seq > expected)
          this.violations.push(`client seq ${message.seq} skipped ${expected}`);
        // A seq below `expected` is a re-send of one the server had: allowed, ignored.
        return;
      }
      case 'ack':
        this.clientAck = Math.max(this.clientAck, message.seq);
        return;
      default:
        return;
    }
  }
}

test('any disconnect point followed by resume gives exactly-once, in-order delivery both ways', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(stepArb, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 0, max: 3 }),
      async (steps, overlap) => {
        const network = createMemoryNetwork();
        const server = new ModelServer(overlap);
        network.onconnection = (socket) => server.attach(socket);
        const clock = createFakeClock();
        const client = createSignalingClient({
          url: 'ws://memory/v1/ws',
          WebSocket: network.WebSocket,
          clock,
          reconnectPolicy: fixedPolicy(100),
          ackDelayMs: 30,
          ackEvery: 3,
        });
        const received: number[] = [];
        client.on('signal', ({ payload }) => {
          if (payload.kind === 'data') received.push(payload.data as number);
        });
        await client.connect();
        let sent = 0;
        for (const step of steps) {
          switch (step.kind) {
            case 'client-send':
              sent += 1;
              client.signal('r', 'bob', { kind: 'data', data: sent });
              break;
            case 'server-send':
              server.send();
              break;
            case 'server-ack':
              server.ack();
              break;
            case 'drop':
              server.socket?.drop();
              server.welcomed = false;
              break;
            case 'wait':
              await clock.advanceAsync(step.ms);
              break;
          }
          await flushMicrotasks();
        }
        // Let the client reconnect and both sides flush.
        await clock.advanceAsync(1000);
        await flushMicrotasks();
        assert.equal(client.state, 'open');
        assert.deepEqual(server.violations, []);
        assert.deepEqual(
          server.accepted,
          Array.from({ length: sent }, (_, i) => i + 1),
        );
        assert.deepEqual(
          received,
          Array.from({ length: server.sent }, (_, i) => i + 1),
        );
        client.close();
      },
    ),
    { numRuns: 200 },
  );
});
