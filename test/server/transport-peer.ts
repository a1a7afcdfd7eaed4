/**
 * A test peer that speaks the protocol over either transport, and can move its session from
 * one to the other: a `ws` WebSocket, or the HTTP fallback spoken by hand (a `fetch` of the
 * event stream read with the client's SSE parser, frames POSTed one POST at a time). The
 * protocol side is the same on both: it numbers its signals and keeps them until
 * acknowledged, resends them after a resume, records every numbered message it receives
 * (duplicates and gaps included, so tests can assert there are none) and acknowledges them.
 */
import assert from 'node:assert/strict';
import type {
  ClientMessage,
  ClientMessages,
  ServerMessage,
  ServerMessages,
  SignalPayload,
} from 'switchboard/protocol';
import type { SignalingServer } from 'switchboard/server';
import { WebSocket } from 'ws';
import { createSseParser } from '../../src/client/sse-parser.ts';
import { ReceivingPeer } from './receiving-peer.ts';

export type { Numbered } from './receiving-peer.ts';

export type Transport = 'ws' | 'sse';

const DEFAULT_TIMEOUT_MS = 5_000;

/** One connection: how frames leave, and how it ends. */
interface Wire {
  readonly transport: Transport;
  send(text: string): void;
  /** A network cut: no close frame, no close POST. */
  cut(): void;
  /** Closes with `code` (WebSocket close frame, or the close POST). */
  close(code: number): Promise<void>;
  readonly open: boolean;
}

/** What a POST of the HTTP fallback was answered. */
export interface PostAnswer {
  status: number;
  body: string;
}

/** The base URL (`http://127.0.0.1:<port>`) of a server on port 0. */
export function baseOf(server: SignalingServer): string {
  const address = server.address();
  assert.ok(address, 'the server is not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** One signaling session, across as many connections and transports as it takes. */
export class TransportPeer extends ReceivingPeer {
  wire: Wire | undefined;
  /** The HTTP fallback stream's id, while on SSE. */
  streamId: string | undefined;
  /** Answers to POSTs that were not 204. */
  readonly postFailures: PostAnswer[] = [];
  /** The raw text of the SSE streams, comments included. */
  raw = '';

  constructor(
    readonly base: string,
    readonly options: { autoAck?: boolean; origin?: string } = {},
  ) {
    super(options.autoAck ?? true, DEFAULT_TIMEOUT_MS);
  }

  /** Opens a connection on `transport` (without saying hello). */
  async connect(transport: Transport): Promise<this> {
    this.wire = transport === 'ws' ? await this.openWs() : await this.openSse();
    return this;
  }

  /** Connects on `transport` and says hello; resolves with the welcome. */
  async hello(
    transport: Transport,
    fields: Partial<ClientMessages['hello']> = {},
  ): Promise<ServerMessages['welcome']> {
    await this.connect(transport);
    const from = this.log.length;
    this.send({ type: 'hello', v: 1, ...fields });
    const welcome = await this.waitFor(
      (m): m is ServerMessages['welcome'] => m.type === 'welcome',
      { from },
    );
    this.session = welcome.session;
    this.resumeToken = welcome.resumeToken;
    this.peer = welcome.peer;
    return welcome;
  }

  /** Resumes the session on a new connection of `transport`, resending unacked signals. */
  async resume(transport: Transport): Promise<ServerMessages['welcome']> {
    return this.resumeOn(() => this.connect(transport));
  }

  send(message: ClientMessage | Record<string, unknown> | string): void {
    assert.ok(this.wire?.open, 'not connected');
    this.wire.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async join(room: string): Promise<ServerMessage> {
    const id = `join-${room}-${this.log.length}`;
    this.send({ type: 'join', id, room });
    return this.waitFor((m) => 'ref' in m && m.ref === id);
  }

  /** Numbers and sends a signal (or keeps it for the next resume when disconnected). */
  signal(room: string, to: string, payload: SignalPayload): number {
    const seq = this.nextSeq++;
    const message = { type: 'signal', seq, room, to, payload } as ClientMessages['signal'];
    this.outbox.set(seq, message);
    if (this.wire?.open) this.send(message);
    return seq;
  }

  cut(): void {
    this.wire?.cut();
    this.wire = undefined;
  }

  async close(code: number): Promise<void> {
    await this.wire?.close(code);
  }

  /** Waits for the current connection to close; resolves with its code. */
  async closed(timeout = DEFAULT_TIMEOUT_MS): Promise<number> {
    const count = this.closes.length;
    if (this.wire !== undefined && !this.wire.open && count > 0) return this.closes[count - 1]!;
    await this.until(() => this.closes.length > count, timeout, 'a close');
    return this.closes[this.closes.length - 1]!;
  }

  ack(): void {
    if (this.wire?.open) this.send({ type: 'ack', seq: this.lastSeq });
  }

  /** POSTs `body` to the current stream's frame URL (or `path` under the stream's). */
  async post(body: string, path = '', headers: Record<string, string> = {}) {
    assert.ok(this.streamId, 'not on the HTTP fallback');
    const res = await fetch(`${this.base}/v1/sse/${this.streamId}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...headers },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  private async openWs(): Promise<Wire> {
    const headers = this.options.origin === undefined ? {} : { origin: this.options.origin };
    const socket = new WebSocket(`${this.base.replace('http', 'ws')}/v1/ws`, { headers });
    socket.on('message', (data) => this.receive(JSON.parse(data.toString()) as ServerMessage));
    socket.on('close', (code) => this.closedWith(code));
    socket.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return {
      transport: 'ws',
      send: (text) => socket.send(text),
      cut: () => socket.terminate(),
      close: async (code) => {
        const closed = new Promise((resolve) => socket.once('close', resolve));
        socket.close(code);
        await closed;
      },
      get open() {
        return socket.readyState === WebSocket.OPEN;
      },
    };
  }

  private async openSse(): Promise<Wire> {
    const abort = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.options.origin !== undefined) headers.origin = this.options.origin;
    const res = await fetch(`${this.base}/v1/sse`, { headers, signal: abort.signal });
    assert.equal(res.status, 200, `the stream answered ${res.status}`);
    assert.ok(res.body);
    let open = true;
    let id: string | undefined;
    let opened: () => void = () => {};
    const whenOpen = new Promise<void>((resolve) => (opened = resolve));
    const ended = (code: number) => {
      if (!open) return;
      open = false;
      this.closedWith(code);
    };
    const parser = createSseParser((event) => {
      if (event.type === 'open') {
        id = (JSON.parse(event.data) as { id: string }).id;
        this.streamId = id;
        opened();
      } else if (event.type === 'close') {
        ended((JSON.parse(event.data) as { code: number }).code);
      } else if (event.type === 'message') {
        this.receive(JSON.parse(event.data) as ServerMessage);
      }
    });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.raw += value;
          parser.push(value);
          this.notify();
        }
      } catch {
        // Aborted: a cut.
      }
      ended(1006);
    })();
    await whenOpen;
    // Frames sent in one task share a POST; POSTs go one at a time.
    let queue: string[] = [];
    let chain = Promise.resolve();
    const flush = () => {
      const body = queue.join('\n');
      queue = [];
      chain = chain.then(async () => {
        if (!open) return;
        const answer = await this.post(body).catch((error: Error) => ({
          status: 0,
          body: error.message,
        }));
        if (answer.status !== 204) this.postFailures.push(answer);
      });
    };
    return {
      transport: 'sse',
      send: (text) => {
        if (queue.length === 0) queueMicrotask(flush);
        queue.push(text);
      },
      cut: () => {
        open = false;
        abort.abort();
        this.closedWith(1006);
      },
      close: async (code) => {
        await chain;
        const answer = await this.post(JSON.stringify({ code, reason: 'test' }), '/close');
        assert.equal(answer.status, 204, answer.body);
        await this.until(() => !open, DEFAULT_TIMEOUT_MS, 'the echo of the close');
      },
      get open() {
        return open;
      },
    };
  }
}

/** Signals in a stream, as `[from, payload]`. */
export function signalsIn(peer: TransportPeer): [string, SignalPayload][] {
  return peer.stream
    .filter((m): m is ServerMessages['signal'] => m.type === 'signal')
    .map((m) => [m.from, m.payload]);
}

/** A data payload. */
export function data(value: unknown): SignalPayload {
  return { kind: 'data', data: value };
}

/** Waits until the adapter says `session` has no connection (the server saw the cut). */
export async function dropped(server: SignalingServer, session: string): Promise<void> {
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  while ((await server.adapter.getSession(session))?.connection !== undefined) {
    assert.ok(Date.now() < deadline, 'the server never noticed the cut');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
