/**
 * Which transport a signaling client connects with. It tries its `transports` in order (by
 * default the WebSocket, then the HTTP fallback) and moves to the next one when a transport
 * fails before it opens: an error or a close before `open`, a constructor that throws or
 * does not exist, or no `open` within `fallbackAfterMs`. A transport that opens after an
 * earlier one failed is tried first from then on, so a client behind a proxy that refuses
 * WebSockets does not pay for a refused upgrade on every reconnect; a new client tries the
 * list in order again.
 *
 * To the signaling client all of this is one {@link WebSocketLike}: the attempts that failed
 * before opening are not reported, only the last one's failure is.
 */
import type { Clock, ClockTimer } from './clock.ts';
import { type FetchFunction, HttpSocket } from './http-transport.ts';
import type { WebSocketConstructor, WebSocketLike } from './transport.ts';

/** A transport of the signaling client: a WebSocket, or Server-Sent Events plus POSTs. */
export type SignalingTransport = 'websocket' | 'http';

/** Every transport, in the default order. */
export const SIGNALING_TRANSPORTS: readonly SignalingTransport[] = Object.freeze([
  'websocket',
  'http',
]);

/** What the selector needs to open each transport. */
export interface TransportPlan {
  /** The transports to try, in order; each can be opened (non-empty). */
  readonly transports: readonly SignalingTransport[];
  /** The WebSocket URL. */
  readonly url: string;
  /** The HTTP fallback's stream URL. */
  readonly httpUrl: string;
  readonly WebSocket: WebSocketConstructor | undefined;
  readonly fetch: FetchFunction | undefined;
  readonly clock: Clock;
  /** How long a transport that is not the last may take to open before the next is tried. */
  readonly fallbackAfterMs: number;
}

/** A connection on one of the transports; `transport` names the one in use. */
export interface TransportSocket extends WebSocketLike {
  readonly transport: SignalingTransport;
}

/**
 * The HTTP fallback's stream URL for a WebSocket URL: `ws:` becomes `http:`, `wss:` becomes
 * `https:`, and a last path segment `ws` becomes `sse` (`/v1/ws` -> `/v1/sse`); another
 * path becomes `/v1/sse`, the server's default. The query is kept.
 */
export function httpFallbackUrl(url: string): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  const parsed = new URL(url, base);
  if (parsed.protocol === 'ws:') parsed.protocol = 'http:';
  else if (parsed.protocol === 'wss:') parsed.protocol = 'https:';
  parsed.pathname = /\/ws\/?$/.test(parsed.pathname)
    ? parsed.pathname.replace(/ws\/?$/, 'sse')
    : '/v1/sse';
  parsed.hash = '';
  return parsed.href;
}

/** Opens connections for one signaling client, remembering which transport works. */
export class TransportSelector {
  readonly #plan: TransportPlan;
  /** Index in `transports` of the one tried first. */
  #first = 0;

  constructor(plan: TransportPlan) {
    this.#plan = plan;
  }

  /** Starts a connection; throws what the last constructor threw when none could start. */
  open(): TransportSocket {
    const { transports } = this.#plan;
    const order = [...transports.slice(this.#first), ...transports.slice(0, this.#first)];
    return new FallbackSocket(this.#plan, order, (transport, fellBack) => {
      if (fellBack) this.#first = transports.indexOf(transport);
    });
  }
}

type Listeners = {
  open: Array<() => void>;
  message: Array<(event: { data: unknown }) => void>;
  close: Array<(event: { code: number; reason: string; wasClean?: boolean }) => void>;
  error: Array<(event: unknown) => void>;
};

/** A connection that tries transports in order until one opens. */
class FallbackSocket implements TransportSocket {
  readonly #plan: TransportPlan;
  readonly #order: readonly SignalingTransport[];
  readonly #onOpen: (transport: SignalingTransport, fellBack: boolean) => void;
  readonly #listeners: Listeners = { open: [], message: [], close: [], error: [] };
  #index = -1;
  #socket: WebSocketLike | undefined;
  #transport: SignalingTransport;
  #opened = false;
  #closing = false;
  #timer: ClockTimer | undefined;

  constructor(
    plan: TransportPlan,
    order: readonly SignalingTransport[],
    onOpen: (transport: SignalingTransport, fellBack: boolean) => void,
  ) {
    this.#plan = plan;
    this.#order = order;
    this.#onOpen = onOpen;
    this.#transport = order[0] ?? 'websocket';
    const error = this.#next();
    if (error !== undefined) throw error;
  }

  get transport(): SignalingTransport {
    return this.#transport;
  }

  get readyState(): number {
    return this.#socket?.readyState ?? 3;
  }

  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { code: number; reason: string; wasClean?: boolean }) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
  addEventListener(type: keyof Listeners, listener: (event: never) => void): void {
    (this.#listeners[type] as Array<(event: never) => void>).push(listener);
  }

  send(data: string): void {
    if (this.#socket === undefined) throw new Error('InvalidStateError: no transport is open');
    this.#socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.#closing = true;
    this.#clearTimer();
    this.#socket?.close(code, reason);
  }

  /** Starts the next transport that constructs; returns the last constructor error if none did. */
  #next(): unknown {
    let failure: unknown;
    while (this.#index + 1 < this.#order.length) {
      this.#index += 1;
      const transport = this.#order[this.#index] as SignalingTransport;
      try {
        this.#start(transport);
        return undefined;
      } catch (error) {
        failure = error;
      }
    }
    return failure ?? new TypeError('no transport to connect with');
  }

  #isLast(): boolean {
    return this.#index === this.#order.length - 1;
  }

  #start(transport: SignalingTransport): void {
    const plan = this.#plan;
    let socket: WebSocketLike;
    if (transport === 'websocket') {
      if (plan.WebSocket === undefined) throw new TypeError('there is no WebSocket');
      socket = new plan.WebSocket(plan.url);
    } else {
      socket = new HttpSocket(plan.httpUrl, plan.fetch === undefined ? {} : { fetch: plan.fetch });
    }
    this.#socket = socket;
    this.#transport = transport;
    const current = () => this.#socket === socket;
    // The message listener goes on first: a frame can arrive in the read that opens the socket.
    socket.addEventListener('message', (event) => {
      if (current()) this.#dispatch('message', event);
    });
    socket.addEventListener('open', () => {
      if (!current()) return;
      this.#opened = true;
      this.#clearTimer();
      this.#onOpen(transport, this.#index > 0);
      this.#dispatch('open', undefined);
    });
    socket.addEventListener('error', (event) => {
      if (current() && (this.#opened || this.#closing || this.#isLast())) {
        this.#dispatch('error', event);
      }
    });
    socket.addEventListener('close', (event) => {
      if (!current()) return;
      if (!this.#opened && !this.#closing && this.#fallBack()) return;
      this.#clearTimer();
      this.#dispatch('close', event);
    });
    if (!this.#isLast()) {
      this.#timer = plan.clock.setTimeout(() => {
        this.#timer = undefined;
        if (!current() || this.#opened || this.#closing) return;
        // Its close event finds another socket current, and is not reported.
        if (this.#fallBack()) closeQuietly(socket);
      }, plan.fallbackAfterMs);
    }
  }

  /** Gives up the current transport before it opened; false when none is left to try. */
  #fallBack(): boolean {
    this.#clearTimer();
    if (this.#isLast()) return false;
    return this.#next() === undefined;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#plan.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #dispatch<K extends keyof Listeners>(type: K, event: Parameters<Listeners[K][number]>[0]): void {
    for (const listener of [...this.#listeners[type]])
      (listener as (event: unknown) => void)(event);
  }
}

function closeQuietly(socket: WebSocketLike): void {
  try {
    socket.close();
  } catch {
    // Already closing.
  }
}
