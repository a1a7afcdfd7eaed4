/**
 * The options of a signaling client: one defaults object, checked in one place, with
 * errors that name the option.
 */
import { type Clock, systemClock } from './clock.ts';
import { ClientError } from './errors.ts';
import type { FetchFunction } from './http-transport.ts';
import { defaultReconnectPolicy, type ReconnectPolicy } from './reconnect-policy.ts';
import type { WebSocketConstructor } from './transport.ts';
import {
  httpFallbackUrl,
  SIGNALING_TRANSPORTS,
  type SignalingTransport,
  type TransportPlan,
} from './transport-selection.ts';

/** Where the token sent in `hello` comes from: a fixed string or a function asked on each connect. */
export type TokenSource = string | (() => string | Promise<string>);

/** Options of `createSignalingClient`. */
export interface SignalingClientOptions {
  /** The WebSocket URL of the server, e.g. `wss://example.com/v1/ws`. */
  url: string;
  /**
   * The WebSocket constructor. Default `globalThis.WebSocket`; in Node 20 pass `ws`'s default
   * export (without one, the client connects over the HTTP fallback).
   */
  WebSocket?: WebSocketConstructor;
  /**
   * The transports to try, in order; the next is tried when one fails before it opens (see
   * transport-selection.ts). Default `['websocket', 'http']`.
   */
  transports?: readonly SignalingTransport[];
  /**
   * The HTTP fallback's stream URL. Default: derived from `url` (`wss://host/v1/ws` ->
   * `https://host/v1/sse`).
   */
  httpUrl?: string;
  /** The `fetch` of the HTTP fallback. Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** The token sent in `hello` (never in the URL). A function is called before every connect. */
  token?: TokenSource;
  /** The peer id to ask for; the server assigns one when absent (or when the token names one). */
  peer?: string;
  /** When to retry after a drop. Default: {@link defaultReconnectPolicy}. */
  reconnectPolicy?: ReconnectPolicy;
  /** The time source. Default: the real clock. */
  clock?: Clock;
  /** How long a join, leave, presence or refresh request may wait for its reply. */
  requestTimeoutMs?: number;
  /** How long one connection attempt may take, from opening the socket to `welcome`. */
  connectTimeoutMs?: number;
  /** Acknowledgements of the server's messages are batched for at most this long. */
  ackDelayMs?: number;
  /** ...or sent at once when this many messages are unacknowledged. */
  ackEvery?: number;
  /** The most unacknowledged signals held; beyond, `signal()` throws `CLIENT_ERR_BUFFER_FULL`. */
  maxBufferedSignals?: number;
}

/** The defaults of the numeric {@link SignalingClientOptions}. */
export const DEFAULT_SIGNALING_CLIENT_OPTIONS = Object.freeze({
  requestTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  ackDelayMs: 50,
  ackEvery: 32,
  maxBufferedSignals: 1024,
});

/** {@link SignalingClientOptions} with every default applied. */
export type ResolvedSignalingOptions = Required<
  Omit<SignalingClientOptions, 'token' | 'peer' | 'WebSocket' | 'transports' | 'httpUrl' | 'fetch'>
> &
  Pick<SignalingClientOptions, 'token' | 'peer'> & {
    /** How to open a connection: the transports that can be used, in order. */
    readonly transport: Omit<TransportPlan, 'clock' | 'fallbackAfterMs'>;
  };

/** Applies the defaults and checks every option; throws TypeError/RangeError naming it. */
export function resolveSignalingOptions(options: SignalingClientOptions): ResolvedSignalingOptions {
  if (typeof options?.url !== 'string' || options.url === '') {
    throw new TypeError('createSignalingClient option `url` must be a WebSocket URL');
  }
  const transport = resolveTransports(options);
  const { token, peer } = options;
  if (token !== undefined && typeof token !== 'string' && typeof token !== 'function') {
    throw new TypeError('createSignalingClient option `token` must be a string or a function');
  }
  if (peer !== undefined && (typeof peer !== 'string' || peer === '')) {
    throw new TypeError('createSignalingClient option `peer` must be a non-empty string');
  }
  const reconnectPolicy = options.reconnectPolicy ?? defaultReconnectPolicy;
  if (typeof reconnectPolicy?.nextRetryDelayMs !== 'function') {
    throw new TypeError(
      'createSignalingClient option `reconnectPolicy` must have nextRetryDelayMs()',
    );
  }
  const clock = options.clock ?? systemClock;
  if (typeof clock?.now !== 'function' || typeof clock.setTimeout !== 'function') {
    throw new TypeError('createSignalingClient option `clock` must have now() and setTimeout()');
  }
  const numbers: Record<keyof typeof DEFAULT_SIGNALING_CLIENT_OPTIONS, number> = {
    ...DEFAULT_SIGNALING_CLIENT_OPTIONS,
  };
  for (const name of Object.keys(numbers) as Array<keyof typeof numbers>) {
    const value = options[name] ?? numbers[name];
    if (typeof value !== 'number' || !(value > 0)) {
      throw new RangeError(`createSignalingClient option \`${name}\` must be a positive number`);
    }
    numbers[name] = value;
  }
  return { url: options.url, transport, token, peer, reconnectPolicy, clock, ...numbers };
}

/** The transports that can be used, in order, and what opens them; throws when none can. */
function resolveTransports(
  options: SignalingClientOptions,
): Omit<TransportPlan, 'clock' | 'fallbackAfterMs'> {
  const requested = options.transports ?? SIGNALING_TRANSPORTS;
  if (
    !Array.isArray(requested) ||
    requested.length === 0 ||
    !requested.every((t) => SIGNALING_TRANSPORTS.includes(t)) ||
    new Set(requested).size !== requested.length
  ) {
    throw new TypeError(
      "createSignalingClient option `transports` must list 'websocket' and/or 'http', each once",
    );
  }
  const WebSocket =
    options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  const fetch = options.fetch ?? (globalThis as { fetch?: FetchFunction }).fetch;
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createSignalingClient option `fetch` must be a function');
  }
  const usable = requested.filter((t) =>
    t === 'websocket' ? typeof WebSocket === 'function' : typeof fetch === 'function',
  );
  if (usable.length === 0) {
    throw new TypeError(
      requested.includes('http')
        ? 'createSignalingClient needs a `WebSocket` or a `fetch`: there is neither a global one nor an option'
        : 'createSignalingClient option `WebSocket` is required where there is no global WebSocket (in Node, pass the `ws` package)',
    );
  }
  let httpUrl = options.httpUrl;
  if (httpUrl !== undefined && (typeof httpUrl !== 'string' || httpUrl === '')) {
    throw new TypeError('createSignalingClient option `httpUrl` must be an http(s) URL');
  }
  if (httpUrl === undefined && usable.includes('http')) {
    try {
      httpUrl = httpFallbackUrl(options.url);
    } catch (cause) {
      throw new TypeError(
        'createSignalingClient option `httpUrl` is required: it cannot be derived from `url`',
        { cause },
      );
    }
  }
  return {
    transports: usable,
    url: options.url,
    httpUrl: httpUrl ?? '',
    WebSocket: typeof WebSocket === 'function' ? WebSocket : undefined,
    fetch: typeof fetch === 'function' ? fetch : undefined,
  };
}

/** The token for the next hello: the fixed one, or what the function returns. */
export async function resolveToken(source: TokenSource | undefined): Promise<string | undefined> {
  if (source === undefined || typeof source === 'string') return source;
  let token: unknown;
  try {
    token = await source();
  } catch (cause) {
    throw new ClientError('CLIENT_ERR_TOKEN', 'the token function threw', { cause });
  }
  if (typeof token !== 'string' || token === '') {
    throw new ClientError('CLIENT_ERR_TOKEN', 'the token function returned no string');
  }
  return token;
}
