/**
 * The clients of `bench/relay.ts`, one kind per server, each speaking that server's own
 * protocol and nothing more. All three carry the same 1 KB application payload,
 * `{"t":<sent at>,"pad":"xx..."}`, where a real client would put an SDP or a candidate:
 *
 * - switchboard: `hello` > `welcome`, `join` > `joined`, then `signal {seq, room, to,
 *   payload: {kind: 'data', data}}`; received seqs are acknowledged cumulatively as
 *   `switchboard/client` does by default (at 32 unacknowledged, or 50 ms after the first).
 * - peerjs: the socket of the PeerJS client (`/peerjs?key&id&token`, `OPEN`), then
 *   `{type: 'CANDIDATE', dst, payload}`; the server forwards it with `src`.
 * - bare-ws: `/?pair=N`, `ready`, then any frame; the server forwards it untouched.
 *
 * Frames are built by string concatenation around a precomputed pad (the same for all three),
 * so the generator spends its time on the sockets rather than on `JSON.stringify`; received
 * frames are decoded with `JSON.parse` and their documented fields.
 */
import WebSocket from 'ws';

/** The servers the bench compares. */
export const SERVER_KINDS = ['switchboard', 'peerjs', 'bare-ws'] as const;
/** One of {@link SERVER_KINDS}. */
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Size of the application payload, `{"t":...,"pad":"..."}`, with a typical `t`. */
export const PAYLOAD_BYTES = 1024;
const PAD = 'x'.repeat(PAYLOAD_BYTES - '{"t":12345.678901234,"pad":""}'.length);
/** The payload after its `t`: closes it and, for the enclosing frame, `tail`. */
const afterStamp = (tail: string) => `,"pad":"${PAD}"}${tail}`;

/** Switchboard's client defaults (see `SignalingClientOptions`): ack at 32 or after 50 ms. */
const ACK_EVERY = 32;
const ACK_DELAY_MS = 50;
/** How long a close handshake may take before the socket is cut. */
const CLOSE_TIMEOUT_MS = 1_000;

/** Frames all clients sent and received so far (one server is loaded at a time). */
export const frames = { sent: 0, received: 0 };

/** What a client tells the load generator. */
export interface ClientEvents {
  /** A relayed message arrived; `sentAt` is the stamp its sender put in it. */
  message(sentAt: number): void;
  /** The server answered with something other than a relayed message; `what` names it. */
  problem(what: string): void;
}

/** One client as the load generator drives it. */
export interface BenchClient {
  /** Sends one payload, stamped `sentAt`, to the other client of the pair. */
  send(sentAt: number): void;
  /** Closes the socket (normal closure) and resolves when it is closed. */
  close(): Promise<void>;
}

/** Connects the two clients of pair `pair` and resolves once each can send to the other. */
export type ConnectPair = (
  port: number,
  pair: string,
  events: readonly [ClientEvents, ClientEvents],
) => Promise<[BenchClient, BenchClient]>;

type Message = Record<string, unknown> & { type?: unknown };

/** Unclaimed messages kept for a later `expect` (setup replies that beat their waiter). */
const MAX_BACKLOG = 64;

/** A socket with the plumbing every protocol needs: parsed frames, awaiting a reply type. */
abstract class Client implements BenchClient {
  protected readonly ws: WebSocket;
  private readonly opened: Promise<void>;
  private readonly waiters = new Map<string, (message: Message) => void>();
  private readonly backlog: Message[] = [];

  /** Opens a socket to `url`; frames are handled from the first one on. */
  protected constructor(
    url: string,
    protected readonly events: ClientEvents,
  ) {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws = ws;
    ws.on('message', (data) => {
      frames.received += 1;
      const message = JSON.parse(String(data)) as Message;
      if (this.onMessage(message)) return;
      const type = String(message.type);
      const waiter = this.waiters.get(type);
      if (waiter !== undefined) {
        this.waiters.delete(type);
        waiter(message);
      } else if (this.backlog.push(message) > MAX_BACKLOG) {
        this.backlog.shift();
      }
    });
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.off('error', reject);
        ws.on('error', () => {}); // a reset at teardown is not the bench's business
        resolve();
      });
      ws.once('error', reject);
    });
  }

  /** Resolves when the socket is open. */
  protected open(): Promise<void> {
    return this.opened;
  }

  /** Resolves with the next message of `type` (or one that came before anyone waited). */
  protected expect(type: string): Promise<Message> {
    const index = this.backlog.findIndex((m) => m.type === type);
    if (index !== -1) return Promise.resolve(this.backlog.splice(index, 1)[0] as Message);
    return new Promise((resolve) => this.waiters.set(type, resolve));
  }

  /** Sends one text frame. */
  protected write(text: string): void {
    frames.sent += 1;
    this.ws.send(text);
  }

  /** Handles a message; returns false to let a waiter have it. */
  protected abstract onMessage(message: Message): boolean;

  abstract send(sentAt: number): void;

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.ws.terminate(), CLOSE_TIMEOUT_MS);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close(1000);
    });
  }
}

class SwitchboardClient extends Client {
  private seq = 0;
  private lastReceived = 0;
  private lastAcked = 0;
  private ackTimer: NodeJS.Timeout | undefined;
  private head = '';
  private tail = '';
  peer = '';

  static async connect(port: number, peer: string, events: ClientEvents) {
    const client = new SwitchboardClient(`ws://127.0.0.1:${port}/v1/ws`, events);
    await client.open();
    const welcome = client.expect('welcome');
    client.write(JSON.stringify({ type: 'hello', v: 1, peer }));
    client.peer = String((await welcome).peer);
    return client;
  }

  async join(room: string): Promise<void> {
    const joined = this.expect('joined');
    this.write(JSON.stringify({ type: 'join', id: 'join', room }));
    await joined;
  }

  /** Addresses every later signal to `to` in `room`. */
  target(room: string, to: string): void {
    this.head = `,"room":${JSON.stringify(room)},"to":${JSON.stringify(to)},"payload":{"kind":"data","data":{"t":`;
    this.tail = afterStamp('}}');
  }

  send(sentAt: number): void {
    this.seq += 1;
    this.write(`{"type":"signal","seq":${this.seq}${this.head}${sentAt}${this.tail}`);
  }

  protected onMessage(message: Message): boolean {
    const { type, seq } = message;
    if (type === 'ack') return true;
    if (typeof seq === 'number') this.received(seq);
    if (type === 'signal') {
      const payload = message.payload as { data: { t: number } };
      this.events.message(payload.data.t);
      return true;
    }
    if (type === 'error') this.events.problem(`error ${String(message.code)}`);
    else if (type === 'undeliverable')
      this.events.problem(`undeliverable ${String(message.reason)}`);
    return false;
  }

  private received(seq: number): void {
    this.lastReceived = seq;
    if (this.lastReceived - this.lastAcked >= ACK_EVERY) this.ack();
    else this.ackTimer ??= setTimeout(() => this.ack(), ACK_DELAY_MS);
  }

  private ack(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    this.lastAcked = this.lastReceived;
    if (this.ws.readyState === WebSocket.OPEN) {
      this.write(`{"type":"ack","seq":${this.lastReceived}}`);
    }
  }

  override close(): Promise<void> {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    return super.close();
  }
}

class PeerJsClient extends Client {
  private head = '';
  private readonly tail = afterStamp('}');

  static async connect(port: number, id: string, events: ClientEvents) {
    const query = `key=peerjs&id=${encodeURIComponent(id)}&token=t${Math.random().toString(36).slice(2)}`;
    const client = new PeerJsClient(`ws://127.0.0.1:${port}/peerjs?${query}`, events);
    await client.open();
    await client.expect('OPEN');
    return client;
  }

  /** Addresses every later message to peer `dst`. */
  target(dst: string): void {
    this.head = `{"type":"CANDIDATE","dst":${JSON.stringify(dst)},"payload":{"t":`;
  }

  send(sentAt: number): void {
    this.write(`${this.head}${sentAt}${this.tail}`);
  }

  protected onMessage(message: Message): boolean {
    if (message.type === 'CANDIDATE') {
      this.events.message((message.payload as { t: number }).t);
      return true;
    }
    if (message.type !== 'OPEN') this.events.problem(`${String(message.type)}`);
    return false;
  }
}

class BareWsClient extends Client {
  private static readonly head = '{"type":"signal","payload":{"t":';
  private static readonly tail = afterStamp('}');

  static async connect(port: number, pair: string, events: ClientEvents) {
    const client = new BareWsClient(
      `ws://127.0.0.1:${port}/?pair=${encodeURIComponent(pair)}`,
      events,
    );
    await client.open();
    return client;
  }

  async ready(): Promise<void> {
    await this.expect('ready');
  }

  send(sentAt: number): void {
    this.write(`${BareWsClient.head}${sentAt}${BareWsClient.tail}`);
  }

  protected onMessage(message: Message): boolean {
    if (message.type === 'signal') {
      this.events.message((message.payload as { t: number }).t);
      return true;
    }
    return false;
  }
}

/** How to connect a pair, by server kind. */
export const CONNECT_PAIR: Readonly<Record<ServerKind, ConnectPair>> = {
  async switchboard(port, pair, [eventsA, eventsB]) {
    const room = `room-${pair}`;
    const a = await SwitchboardClient.connect(port, `${pair}-a`, eventsA);
    const b = await SwitchboardClient.connect(port, `${pair}-b`, eventsB);
    await a.join(room);
    await b.join(room);
    a.target(room, b.peer);
    b.target(room, a.peer);
    return [a, b];
  },
  async peerjs(port, pair, [eventsA, eventsB]) {
    const a = await PeerJsClient.connect(port, `${pair}-a`, eventsA);
    const b = await PeerJsClient.connect(port, `${pair}-b`, eventsB);
    a.target(`${pair}-b`);
    b.target(`${pair}-a`);
    return [a, b];
  },
  async 'bare-ws'(port, pair, [eventsA, eventsB]) {
    const a = await BareWsClient.connect(port, pair, eventsA);
    const b = await BareWsClient.connect(port, pair, eventsB);
    await Promise.all([a.ready(), b.ready()]);
    return [a, b];
  },
};
