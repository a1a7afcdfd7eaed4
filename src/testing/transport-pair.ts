/**
 * An in-memory WebSocket for tests: a client end that behaves like a browser `WebSocket`
 * (the subset `switchboard/client` uses) and a server end a test or fake server drives.
 * Frames and events are delivered asynchronously (each in its own microtask, in order), as
 * over a real socket, so code that forgets to await or to attach handlers early fails here
 * too. `createMemoryNetwork` hands out a constructor that makes one pair per connection.
 */

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** The close code a socket sees when the other end vanished without a closing handshake. */
export const ABNORMAL_CLOSURE = 1006;

type ClientEvents = {
  open: () => void;
  message: (event: { data: unknown }) => void;
  close: (event: { code: number; reason: string; wasClean: boolean }) => void;
  error: (event: { type: 'error'; message: string }) => void;
};

/** The client end: what `new WebSocket(url)` returns. */
export class MemoryWebSocket {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;

  readonly url: string;
  readyState: number = CONNECTING;
  /** Set by the pair; the server end frames are sent to. */
  peer: MemoryServerSocket | undefined;
  readonly #listeners: { [K in keyof ClientEvents]: Set<ClientEvents[K]> } = {
    open: new Set(),
    message: new Set(),
    close: new Set(),
    error: new Set(),
  };

  constructor(url: string) {
    this.url = url;
  }

  addEventListener<K extends keyof ClientEvents>(type: K, listener: ClientEvents[K]): void {
    this.#listeners[type]?.add(listener);
  }

  removeEventListener<K extends keyof ClientEvents>(type: K, listener: ClientEvents[K]): void {
    this.#listeners[type]?.delete(listener);
  }

  /** Sends a text frame; throws in CONNECTING (as browsers do), drops once closing. */
  send(data: string): void {
    if (this.readyState === CONNECTING) {
      throw new Error('InvalidStateError: send() while CONNECTING');
    }
    if (this.readyState !== OPEN) return;
    const peer = this.peer;
    queueMicrotask(() => peer?.receive(data));
  }

  /** Starts the closing handshake; both ends see `close` with `code`. */
  close(code = 1000, reason = ''): void {
    if (this.readyState === CLOSING || this.readyState === CLOSED) return;
    this.readyState = CLOSING;
    const peer = this.peer;
    queueMicrotask(() => {
      peer?.closedByClient(code, reason);
      this.closed(code, reason, true);
    });
  }

  /** Pair internals: the connection opened. */
  opened(): void {
    if (this.readyState !== CONNECTING) return;
    this.readyState = OPEN;
    this.#dispatch('open');
  }

  /** Pair internals: a frame arrived. */
  deliver(data: string): void {
    if (this.readyState !== OPEN) return;
    this.#dispatch('message', { data });
  }

  /** Pair internals: the connection is gone. */
  closed(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === CLOSED) return;
    const failed = this.readyState === CONNECTING || !wasClean;
    this.readyState = CLOSED;
    if (failed) this.#dispatch('error', { type: 'error', message: 'connection failed' });
    this.#dispatch('close', { code, reason, wasClean });
  }

  #dispatch<K extends keyof ClientEvents>(type: K, ...args: Parameters<ClientEvents[K]>): void {
    for (const listener of [...this.#listeners[type]]) {
      (listener as (...a: Parameters<ClientEvents[K]>) => void)(...args);
    }
  }
}

/** The server end of a pair. */
export class MemoryServerSocket {
  readonly url: string;
  /** Every text frame the client sent, in order. */
  readonly received: string[] = [];
  /** The close code and reason once closed from either side. */
  closeCode: number | undefined;
  closeReason: string | undefined;
  #open = false;
  #client: MemoryWebSocket;
  readonly #messageListeners = new Set<(data: string) => void>();
  readonly #closeListeners = new Set<(code: number, reason: string) => void>();

  constructor(client: MemoryWebSocket) {
    this.url = client.url;
    this.#client = client;
  }

  /** True between accept and close. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** Calls `listener` with every frame the client sends. */
  onMessage(listener: (data: string) => void): () => void {
    this.#messageListeners.add(listener);
    return () => this.#messageListeners.delete(listener);
  }

  /** Calls `listener` once the connection closed, from either side. */
  onClose(listener: (code: number, reason: string) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Completes the handshake: the client sees `open`. */
  accept(): void {
    if (this.#open || this.closeCode !== undefined) return;
    this.#open = true;
    const client = this.#client;
    queueMicrotask(() => client.opened());
  }

  /** Refuses the handshake: the client sees `error` then `close` 1006, never `open`. */
  refuse(): void {
    if (this.closeCode !== undefined) return;
    this.#ended(ABNORMAL_CLOSURE, '');
    const client = this.#client;
    queueMicrotask(() => client.closed(ABNORMAL_CLOSURE, '', false));
  }

  /** Sends a text frame to the client. */
  send(data: string): void {
    if (!this.#open) return;
    const client = this.#client;
    queueMicrotask(() => client.deliver(data));
  }

  /** Closes cleanly with `code`: frames already sent arrive first. */
  close(code = 1000, reason = ''): void {
    if (!this.#open) return;
    this.#ended(code, reason);
    const client = this.#client;
    queueMicrotask(() => client.closed(code, reason, true));
  }

  /**
   * Cuts the connection without a closing handshake (a network drop): neither side gets
   * anything more, and the client sees `close` 1006.
   */
  drop(): void {
    if (this.closeCode !== undefined) return;
    this.#ended(ABNORMAL_CLOSURE, 'dropped');
    const client = this.#client;
    this.#client = new MemoryWebSocket(client.url); // Frames in flight go nowhere.
    queueMicrotask(() => client.closed(ABNORMAL_CLOSURE, '', false));
  }

  /** Pair internals: a frame from the client. */
  receive(data: string): void {
    if (!this.#open) return;
    this.received.push(data);
    for (const listener of [...this.#messageListeners]) listener(data);
  }

  /** Pair internals: the client closed. */
  closedByClient(code: number, reason: string): void {
    if (this.closeCode !== undefined) return;
    this.#ended(code, reason);
  }

  #ended(code: number, reason: string): void {
    this.#open = false;
    this.closeCode = code;
    this.closeReason = reason;
    for (const listener of [...this.#closeListeners]) listener(code, reason);
  }
}

/** A connected client and server end, not yet accepted. */
export interface TransportPair {
  readonly client: MemoryWebSocket;
  readonly server: MemoryServerSocket;
}

/** Creates one in-memory connection; call `server.accept()` to open it. */
export function createTransportPair(url = 'memory://test'): TransportPair {
  const client = new MemoryWebSocket(url);
  const server = new MemoryServerSocket(client);
  client.peer = server;
  return { client, server };
}

/** A place in-memory WebSockets connect to. */
export interface MemoryNetwork {
  /** A WebSocket constructor: each `new WebSocket(url)` makes a pair and reports its server end. */
  readonly WebSocket: new (
    url: string,
  ) => MemoryWebSocket;
  /**
   * Called with the server end of every new connection; it must `accept()` or `refuse()`.
   * Without a handler, connections are refused.
   */
  onconnection: ((socket: MemoryServerSocket) => void) | undefined;
  /** Every server end handed out, oldest first. */
  readonly connections: readonly MemoryServerSocket[];
}

/** Creates a {@link MemoryNetwork}. */
export function createMemoryNetwork(): MemoryNetwork {
  const connections: MemoryServerSocket[] = [];
  const network: MemoryNetwork = {
    WebSocket: class extends MemoryWebSocket {
      constructor(url: string) {
        super(url);
        const server = new MemoryServerSocket(this);
        this.peer = server;
        connections.push(server);
        queueMicrotask(() => {
          if (network.onconnection) network.onconnection(server);
          else server.refuse();
        });
      }
    },
    onconnection: undefined,
    connections,
  };
  return network;
}
