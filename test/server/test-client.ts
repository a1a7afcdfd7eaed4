/**
 * A small signaling client for the server's integration tests: a real `ws` socket, and
 * just enough of the protocol's client side to check the server: it numbers its signals,
 * keeps them until acknowledged and resends them after a resume; it records every numbered
 * message it receives (duplicates and gaps included, so tests can assert there are none)
 * and acknowledges them.
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
import { ReceivingPeer } from './receiving-peer.ts';

export type { Numbered } from './receiving-peer.ts';

const DEFAULT_TIMEOUT_MS = 2_000;

/** The ws URL of a server listening on port 0. */
export function urlOf(server: SignalingServer, path = '/v1/ws'): string {
  const address = server.address();
  assert.ok(address, 'the server is not listening');
  return `ws://127.0.0.1:${address.port}${path}`;
}

/** Options of a test peer. */
export interface TestPeerOptions {
  /** Acknowledge numbered messages as they arrive. Default true. */
  autoAck?: boolean;
  /** Answer WebSocket pings (ws does by default). Default true. */
  autoPong?: boolean;
}

/** One signaling session, across as many sockets as it takes (reconnects and resumes). */
export class TestPeer extends ReceivingPeer {
  socket: WebSocket | undefined;

  constructor(
    readonly url: string,
    readonly options: TestPeerOptions = {},
  ) {
    super(options.autoAck ?? true, DEFAULT_TIMEOUT_MS);
  }

  /** Opens a socket (without saying hello). */
  async connect(headers: Record<string, string> = {}): Promise<this> {
    const socket = new WebSocket(this.url, {
      headers,
      autoPong: this.options.autoPong ?? true,
    } as ConstructorParameters<typeof WebSocket>[2]);
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'the server sent a binary frame');
      this.receive(JSON.parse(data.toString()) as ServerMessage);
    });
    socket.on('close', (code) => {
      this.closes.push(code);
      this.notify();
    });
    socket.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('close', (code) => reject(new Error(`closed with ${code} before open`)));
    });
    return this;
  }

  /** Connects and says hello; resolves with the welcome. */
  async hello(fields: Partial<ClientMessages['hello']> = {}): Promise<ServerMessages['welcome']> {
    if (this.socket?.readyState !== WebSocket.OPEN) await this.connect();
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

  /** Opens a new socket and resumes the session, resending unacknowledged signals. */
  async resume(): Promise<ServerMessages['welcome']> {
    return this.resumeOn(() => this.connect());
  }

  /** Sends a message (or raw text/bytes) on the current socket. */
  send(message: ClientMessage | Record<string, unknown> | string | Buffer): void {
    const socket = this.socket;
    assert.ok(socket, 'not connected');
    socket.send(
      typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message),
    );
  }

  /** Joins `room`; resolves with the answer (`joined` or `error`). */
  async join(room: string, presence?: Record<string, unknown>): Promise<ServerMessage> {
    const id = `join-${room}-${this.log.length}`;
    this.send({ type: 'join', id, room, ...(presence === undefined ? {} : { presence }) });
    return this.waitFor((m) => 'ref' in m && m.ref === id);
  }

  /**
   * Numbers and sends a signal (or keeps it for the next resume when disconnected);
   * returns its seq.
   */
  signal(
    room: string,
    to: string,
    payload: SignalPayload,
    extra: Record<string, unknown> = {},
  ): number {
    const seq = this.nextSeq++;
    const message = {
      type: 'signal',
      seq,
      room,
      to,
      payload,
      ...extra,
    } as ClientMessages['signal'];
    this.outbox.set(seq, message);
    if (this.socket?.readyState === WebSocket.OPEN) this.send(message);
    return seq;
  }

  /** Destroys the socket without a closing handshake (a network cut). */
  cut(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }

  /** Closes the socket with `code` and waits for the close. */
  async close(code?: number): Promise<void> {
    const socket = this.socket;
    if (socket === undefined || socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.close(code);
    await closed;
  }

  /** Waits for a socket close; resolves with its code. */
  async closed(timeout = DEFAULT_TIMEOUT_MS): Promise<number> {
    const count = this.closes.length;
    const socket = this.socket;
    if (socket?.readyState === WebSocket.CLOSED && count > 0) return this.closes[count - 1]!;
    await this.until(
      () => this.closes.length > count || socket?.readyState === WebSocket.CLOSED,
      timeout,
      'a close',
    );
    return this.closes[this.closes.length - 1]!;
  }

  /** Acknowledges everything accepted so far. */
  ack(): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.send({ type: 'ack', seq: this.lastSeq });
  }
}

/** Signals in a stream, as `[from, payload]`. */
export function signalsIn(peer: TestPeer): [string, SignalPayload][] {
  return peer.stream
    .filter((m): m is ServerMessages['signal'] => m.type === 'signal')
    .map((m) => [m.from, m.payload]);
}

/** A data payload. */
export function data(value: unknown): SignalPayload {
  return { kind: 'data', data: value };
}
