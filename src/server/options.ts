/**
 * Options of `createSignalingServer`: one frozen {@link DEFAULTS} object, merged and
 * validated in one place ({@link resolveOptions}), safety limits on by default. A wrong
 * option throws a `TypeError` or `RangeError` that names it, before anything listens.
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { IceServer } from 'switchboard/protocol';
import type { SignalingAdapter } from './adapter.ts';
import type { AuthOptions } from './auth.ts';
import { type Clock, isClock } from './clock.ts';
import type { LoggerOption } from './logger.ts';
import type { ServerMetrics } from './metrics.ts';
import { assertTurnOptions, type TurnOptions } from './turn.ts';

/** Room behaviour. */
export interface RoomOptions {
  /** Create a room when the first peer joins it; when false, only `createRoom` creates rooms. */
  createOnJoin?: boolean;
  /** Most members a room holds; a join beyond gets `SRV_ERR_ROOM_FULL`. */
  maxPeers?: number;
  /** How long a room without members lives on before it is deleted (ms). */
  emptyTimeoutMs?: number;
}

/** Session resume. */
export interface ResumeOptions {
  /** How long a dropped session may resume (ms); 0 ends a session when its socket closes. */
  windowMs?: number;
  /** Most signals buffered (unacknowledged) for one session; more get `undeliverable`. */
  maxMessages?: number;
  /** Most bytes of signals buffered for one session; more get `undeliverable`. */
  maxBytes?: number;
}

/** Per-connection safety limits. */
export interface LimitOptions {
  /** Largest frame accepted (bytes); larger frames get `SRV_ERR_FRAME_TOO_LARGE`. */
  maxFrameBytes?: number;
  /** Sustained messages per second per connection (token bucket refill rate). */
  messagesPerSecond?: number;
  /** Messages per connection allowed in a burst (token bucket capacity). */
  burst?: number;
  /** Most rooms one session is in at once. */
  maxRoomsPerSession?: number;
  /** Most open connections from one address; more are closed with 4008. */
  maxConnectionsPerIp?: number;
  /**
   * Rejected frames (rate-limited or too large) tolerated per 10 s before the connection is
   * closed (4005, or 4006 when the last one was too large).
   */
  maxViolations?: number;
}

/**
 * The HTTP fallback: Server-Sent Events down, POSTs up, for clients that cannot open a
 * WebSocket (see sse-transport.ts).
 */
export interface HttpFallbackOptions {
  /** Serve the fallback. Default true. */
  enabled?: boolean;
  /** The path of the event stream; POSTs go to `<path>/<id>`. Default `/v1/sse`. */
  path?: string;
  /** A comment goes out on a stream quiet for this long (ms), so proxies keep it open. */
  keepAliveMs?: number;
}

/** Options of `createSignalingServer`. Exactly one of `port` and `server` is required. */
export interface SignalingServerOptions {
  /** Listen on this port (0 picks a free one); the server owns its HTTP server. */
  port?: number;
  /** The address to listen on with `port`. Default: all interfaces. */
  host?: string;
  /** Attach to this existing HTTP(S) server instead; it keeps serving its own routes. */
  server?: HttpServer | HttpsServer;
  /** The path WebSocket upgrades are accepted on. */
  path?: string;
  /** Where room, session and buffer state lives. Default: a new in-memory adapter. */
  adapter?: SignalingAdapter;
  /** Time and timers; tests inject a fake clock. */
  clock?: Clock;
  /** A pino logger, pino options, or `false` for none. */
  logger?: LoggerOption;
  /** Prometheus metrics to update. Default: a fresh registry (`server.metrics`). */
  metrics?: ServerMetrics;
  /** Authentication; off when absent (every session may join every room). */
  auth?: AuthOptions;
  /**
   * Origins allowed to open a WebSocket (`*` patterns); others get `SRV_ERR_ORIGIN_FORBIDDEN`
   * and close 4009. Requests without an `Origin` (non-browser clients) are allowed.
   */
  allowedOrigins?: string[];
  /** TURN REST credentials to hand out in `welcome` (and refresh before expiry). */
  turn?: TurnOptions;
  /** ICE servers announced to every session as they are (e.g. STUN). */
  iceServers?: IceServer[];
  /** Announced heartbeat (ms): idle sockets are pinged after it, closed (4007) after twice it. */
  heartbeatMs?: number;
  /** Time a new connection has to send `hello` (ms) before it is closed with 4002. */
  helloTimeoutMs?: number;
  /** How long `close()` waits for sockets to go after `goaway` (ms) before closing them. */
  drainTimeoutMs?: number;
  /** How often dropped sessions and empty rooms are swept (ms). */
  sweepIntervalMs?: number;
  /**
   * How long an `ack` may wait to cover more signals (ms); 0 sends it as soon as the frames
   * received so far are handled. Either way one goes out at least every 32 signals.
   */
  ackDelayMs?: number;
  /** Take the client address from `X-Forwarded-For` (behind a reverse proxy you run). */
  trustProxy?: boolean;
  rooms?: RoomOptions;
  resume?: ResumeOptions;
  limits?: LimitOptions;
  /** The HTTP fallback (SSE + POST) on the same port; on by default. */
  httpFallback?: HttpFallbackOptions;
}

/** The defaults every option falls back to. */
export const DEFAULTS = deepFreeze({
  path: '/v1/ws',
  iceServers: [] as IceServer[],
  heartbeatMs: 25_000,
  helloTimeoutMs: 10_000,
  drainTimeoutMs: 10_000,
  sweepIntervalMs: 1_000,
  ackDelayMs: 10,
  trustProxy: false,
  rooms: { createOnJoin: true, maxPeers: 16, emptyTimeoutMs: 60_000 },
  resume: { windowMs: 30_000, maxMessages: 512, maxBytes: 1_048_576 },
  limits: {
    maxFrameBytes: 65_536,
    messagesPerSecond: 50,
    burst: 100,
    maxRoomsPerSession: 8,
    maxConnectionsPerIp: 64,
    maxViolations: 20,
  },
  httpFallback: { enabled: true, path: '/v1/sse', keepAliveMs: 15_000 },
});

/** Options after defaults are merged and every value is checked. */
export interface ResolvedOptions {
  readonly port: number | undefined;
  readonly host: string | undefined;
  readonly server: HttpServer | HttpsServer | undefined;
  readonly path: string;
  readonly adapter: SignalingAdapter | undefined;
  readonly clock: Clock | undefined;
  readonly logger: LoggerOption;
  readonly metrics: ServerMetrics | undefined;
  readonly auth: AuthOptions | undefined;
  readonly allowedOrigins: readonly string[] | undefined;
  readonly turn: TurnOptions | undefined;
  readonly iceServers: readonly IceServer[];
  readonly heartbeatMs: number;
  readonly helloTimeoutMs: number;
  readonly drainTimeoutMs: number;
  readonly sweepIntervalMs: number;
  readonly ackDelayMs: number;
  readonly trustProxy: boolean;
  readonly rooms: Readonly<Required<RoomOptions>>;
  readonly resume: Readonly<Required<ResumeOptions>>;
  readonly limits: Readonly<Required<LimitOptions>>;
  readonly httpFallback: Readonly<Required<HttpFallbackOptions>>;
}

const TOP_LEVEL = new Set<string>([
  'port',
  'host',
  'server',
  'path',
  'adapter',
  'clock',
  'logger',
  'metrics',
  'auth',
  'allowedOrigins',
  'turn',
  'iceServers',
  'heartbeatMs',
  'helloTimeoutMs',
  'drainTimeoutMs',
  'sweepIntervalMs',
  'ackDelayMs',
  'trustProxy',
  'rooms',
  'resume',
  'limits',
  'httpFallback',
]);

/** Proxies cut idle sockets at 60 s; the heartbeat must stay under that. */
const MAX_HEARTBEAT_MS = 59_000;

/**
 * Merges `options` over {@link DEFAULTS} and validates every value; throws a `TypeError`
 * (wrong type or combination) or `RangeError` (out of range) naming the option.
 */
export function resolveOptions(options: SignalingServerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object');
  }
  rejectUnknown('options', options, TOP_LEVEL);
  if ((options.port === undefined) === (options.server === undefined)) {
    throw new TypeError('exactly one of the "port" and "server" options must be specified');
  }
  if (options.port !== undefined) integer('port', options.port, 0, 65_535);
  if (options.host !== undefined) {
    if (options.server !== undefined) throw new TypeError('"host" applies only with "port"');
    if (typeof options.host !== 'string') throw new TypeError('"host" must be a string');
  }
  if (options.server !== undefined && typeof options.server.on !== 'function') {
    throw new TypeError('"server" must be a Node http.Server or https.Server');
  }
  const path = urlPath('path', options.path ?? DEFAULTS.path);
  const adapter = options.adapter;
  if (adapter !== undefined && (typeof adapter !== 'object' || adapter === null)) {
    throw new TypeError('"adapter" must be a SignalingAdapter');
  }
  if (adapter !== undefined) {
    for (const method of ['join', 'append', 'subscribe', 'publish', 'expireSessions'] as const) {
      if (typeof adapter[method] !== 'function') {
        throw new TypeError(`"adapter" must be a SignalingAdapter (missing ${method}())`);
      }
    }
  }
  if (options.clock !== undefined && !isClock(options.clock)) {
    throw new TypeError('"clock" must have now(), setTimeout() and clearTimeout()');
  }
  if (options.auth !== undefined && (typeof options.auth !== 'object' || options.auth === null)) {
    throw new TypeError('"auth" must be an object of auth options');
  }
  if (options.allowedOrigins !== undefined) stringArray('allowedOrigins', options.allowedOrigins);
  if (options.turn !== undefined) assertTurnOptions(options.turn);
  const iceServers = options.iceServers ?? DEFAULTS.iceServers;
  if (!Array.isArray(iceServers) || !iceServers.every(isIceServer)) {
    throw new TypeError('"iceServers" must be an array of RTCIceServer objects ({ urls, ... })');
  }
  const heartbeatMs = integer(
    'heartbeatMs',
    options.heartbeatMs ?? DEFAULTS.heartbeatMs,
    1_000,
    MAX_HEARTBEAT_MS,
  );
  const trustProxy = options.trustProxy ?? DEFAULTS.trustProxy;
  if (typeof trustProxy !== 'boolean') throw new TypeError('"trustProxy" must be a boolean');

  const rooms = group('rooms', options.rooms, DEFAULTS.rooms);
  if (typeof rooms.createOnJoin !== 'boolean') {
    throw new TypeError('"rooms.createOnJoin" must be a boolean');
  }
  integer('rooms.maxPeers', rooms.maxPeers, 2);
  integer('rooms.emptyTimeoutMs', rooms.emptyTimeoutMs, 0);
  const resume = group('resume', options.resume, DEFAULTS.resume);
  integer('resume.windowMs', resume.windowMs, 0);
  integer('resume.maxMessages', resume.maxMessages, 1);
  integer('resume.maxBytes', resume.maxBytes, 1_024);
  const limits = group('limits', options.limits, DEFAULTS.limits);
  integer('limits.maxFrameBytes', limits.maxFrameBytes, 1_024, 16 * 1_048_576);
  if (!(Number.isFinite(limits.messagesPerSecond) && limits.messagesPerSecond > 0)) {
    throw new RangeError(
      `"limits.messagesPerSecond" must be a positive number, got ${limits.messagesPerSecond}`,
    );
  }
  integer('limits.burst', limits.burst, 1);
  integer('limits.maxRoomsPerSession', limits.maxRoomsPerSession, 1);
  integer('limits.maxConnectionsPerIp', limits.maxConnectionsPerIp, 1);
  integer('limits.maxViolations', limits.maxViolations, 1);
  const httpFallback = group('httpFallback', options.httpFallback, DEFAULTS.httpFallback);
  if (typeof httpFallback.enabled !== 'boolean') {
    throw new TypeError('"httpFallback.enabled" must be a boolean');
  }
  urlPath('httpFallback.path', httpFallback.path);
  if (httpFallback.enabled && (httpFallback.path === path || httpFallback.path.endsWith('/'))) {
    throw new TypeError(
      `"httpFallback.path" must differ from "path" and not end with "/", got ${httpFallback.path}`,
    );
  }
  integer('httpFallback.keepAliveMs', httpFallback.keepAliveMs, 1_000, MAX_HEARTBEAT_MS);

  return Object.freeze({
    port: options.port,
    host: options.host,
    server: options.server,
    path,
    adapter,
    clock: options.clock,
    logger: options.logger,
    metrics: options.metrics,
    auth: options.auth,
    allowedOrigins:
      options.allowedOrigins === undefined ? undefined : Object.freeze([...options.allowedOrigins]),
    turn: options.turn,
    iceServers: Object.freeze([...iceServers]),
    heartbeatMs,
    helloTimeoutMs: integer('helloTimeoutMs', options.helloTimeoutMs ?? DEFAULTS.helloTimeoutMs, 1),
    drainTimeoutMs: integer('drainTimeoutMs', options.drainTimeoutMs ?? DEFAULTS.drainTimeoutMs, 0),
    sweepIntervalMs: integer(
      'sweepIntervalMs',
      options.sweepIntervalMs ?? DEFAULTS.sweepIntervalMs,
      10,
    ),
    ackDelayMs: integer('ackDelayMs', options.ackDelayMs ?? DEFAULTS.ackDelayMs, 0, 1_000),
    trustProxy,
    rooms: Object.freeze(rooms),
    resume: Object.freeze(resume),
    limits: Object.freeze(limits),
    httpFallback: Object.freeze(httpFallback),
  });
}

function rejectUnknown(name: string, value: object, known: ReadonlySet<string>): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key))
      throw new TypeError(`"${name === 'options' ? key : `${name}.${key}`}" is not an option`);
  }
}

function group<T extends object>(name: string, value: Partial<T> | undefined, defaults: T): T {
  if (value === undefined) return { ...defaults };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`"${name}" must be an object`);
  }
  rejectUnknown(name, value, new Set(Object.keys(defaults)));
  const merged = { ...defaults };
  for (const [key, v] of Object.entries(value)) {
    // An explicit undefined means "the default", as when the key is absent.
    if (v !== undefined) (merged as Record<string, unknown>)[key] = v;
  }
  return merged;
}

function urlPath(name: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /[?#\s]/.test(value)) {
    throw new TypeError(`"${name}" must be a URL path starting with "/", got ${String(value)}`);
  }
  return value;
}

function integer(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`"${name}" must be an integer, got ${JSON.stringify(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`"${name}" must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function stringArray(name: string, value: unknown): void {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new TypeError(`"${name}" must be an array of strings`);
  }
}

function isIceServer(value: unknown): value is IceServer {
  if (typeof value !== 'object' || value === null) return false;
  const urls = (value as { urls?: unknown }).urls;
  return (
    typeof urls === 'string' ||
    (Array.isArray(urls) && urls.length > 0 && urls.every((u) => typeof u === 'string'))
  );
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) {
    if (typeof v === 'object' && v !== null) deepFreeze(v);
  }
  return Object.freeze(value);
}
