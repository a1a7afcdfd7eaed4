/**
 * `createSignalingServer`: the signaling server, standalone (it listens on `port`) or
 * attached to an existing Node HTTP server (`server`), taking WebSocket upgrades on `path`
 * and, for clients that cannot open a WebSocket, the HTTP fallback (SSE + POST) on
 * `httpFallback.path`.
 *
 * Standalone, it also serves `/healthz`, `/readyz`, `/metrics` and `/v1/validate` and
 * answers 404 elsewhere. Attached, it leaves requests and other upgrade paths to their
 * owners; mount the endpoints with `handleRequest` (Express: `app.use((req, res, next) =>
 * signaling.handleRequest(req, res) || next())`; Fastify: pass `fastify.server` as `server`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createErrorMessage, encode } from 'switchboard/protocol';
import { WebSocketServer } from 'ws';
import type { SignalingAdapter } from './adapter.ts';
import { createAuthenticator, originAllowed } from './auth.ts';
import { every, systemClock } from './clock.ts';
import { Connection, type ConnectionHost } from './connection.ts';
import type { ServerContext } from './context.ts';
import { createHttpHandler, type HttpHandler } from './http.ts';
import { createLogger } from './logger.ts';
import { createMemoryAdapter } from './memory-adapter.ts';
import { createMetrics, type ServerMetrics } from './metrics.ts';
import { resolveOptions, type SignalingServerOptions } from './options.ts';
import { sweep } from './resume.ts';
import type { SignalingSocket, TransportName } from './signaling-socket.ts';
import { createSseTransport, type SseTransport } from './sse-transport.ts';
import { connectionsByTransport } from './transport-metrics.ts';
import type { Corkable } from './write-coalescer.ts';

/** Options of `close()`. */
export interface CloseOptions {
  /** Told to clients in `goaway.reason`. Default `'shutdown'`. */
  reason?: string;
  /** Told to clients in `goaway.reconnectIn` (ms). Default 0. */
  reconnectIn?: number;
}

/** A running signaling server. */
export interface SignalingServer {
  /** Settles when the server listens (standalone) or at once (attached); rejects on a listen error. */
  readonly listening: Promise<void>;
  /** The address listened on (standalone) or of the attached server; null before listening. */
  address(): AddressInfo | null;
  /** The Prometheus metrics this server updates. */
  readonly metrics: ServerMetrics;
  /** The adapter holding the server's state. */
  readonly adapter: SignalingAdapter;
  /** Open connections on this instance, WebSocket and HTTP fallback. */
  readonly connections: number;
  /**
   * Serves `/healthz`, `/readyz`, `/metrics`, `/v1/validate` and the HTTP fallback
   * (`httpFallback.path`); returns whether it handled `req`.
   */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Takes an HTTP upgrade if its path is `path`; returns whether it did. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Creates an empty room (for `rooms.createOnJoin: false`); false when it exists. */
  createRoom(room: string): Promise<boolean>;
  /** Runs the expiry sweep now (it also runs every `sweepIntervalMs`). */
  sweep(): Promise<void>;
  /**
   * Drains and stops: takes no new connections, sends `goaway` to every client, waits up to
   * `drainTimeoutMs` for the sockets to close, closes the rest (4000), then closes the
   * adapter and, when standalone, the HTTP server. Idempotent.
   */
  close(options?: CloseOptions): Promise<void>;
}

function abortUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? '';
}

/** Creates and starts a signaling server. Throws `TypeError`/`RangeError` for bad options. */
export function createSignalingServer(options: SignalingServerOptions): SignalingServer {
  const resolved = resolveOptions(options);
  const clock = resolved.clock ?? systemClock;
  const auth = resolved.auth;
  const ctx: ServerContext = {
    options: resolved,
    adapter: resolved.adapter ?? createMemoryAdapter(),
    clock,
    logger: createLogger(resolved.logger),
    metrics: resolved.metrics ?? createMetrics(),
    authenticate: createAuthenticator({ now: () => clock.now(), ...auth }),
    authRequired:
      auth !== undefined &&
      (auth.secret !== undefined ||
        auth.publicKey !== undefined ||
        auth.authenticate !== undefined),
  };
  const { logger } = ctx;
  const owned = resolved.server === undefined;
  const httpServer = resolved.server ?? createServer();
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    // Frames up to 4x the limit are read and answered with SRV_ERR_FRAME_TOO_LARGE; beyond
    // that ws closes the socket (1009) without buffering them.
    maxPayload: resolved.limits.maxFrameBytes * 4,
    closeTimeout: 2_000,
  } as ConstructorParameters<typeof WebSocketServer>[0]);

  const connections = new Set<Connection>();
  const transportOf = new Map<Connection, TransportName>();
  const connectionGauge = connectionsByTransport(ctx.metrics);
  const bySession = new Map<string, Connection>();
  const perIp = new Map<string, number>();
  let closing = false;
  let listening = !owned;
  let closed: Promise<void> | undefined;

  const host: ConnectionHost = {
    ctx,
    register(session, connection) {
      bySession.set(session, connection);
    },
    release(connection, session) {
      if (!connections.delete(connection)) return;
      const transport = transportOf.get(connection);
      transportOf.delete(connection);
      if (transport !== undefined) connectionGauge.dec({ transport });
      const count = (perIp.get(connection.ip) ?? 1) - 1;
      if (count <= 0) perIp.delete(connection.ip);
      else perIp.set(connection.ip, count);
      if (session !== undefined && bySession.get(session) === connection) bySession.delete(session);
    },
    async supersede(session) {
      const connection = bySession.get(session);
      if (connection === undefined) return;
      bySession.delete(session);
      await connection.supersede('the session was resumed on another connection');
    },
  };

  const httpHandler: HttpHandler = createHttpHandler({
    metrics: ctx.metrics,
    ready: () => listening && !closing,
    authenticate: ctx.authenticate,
    ...(resolved.allowedOrigins === undefined
      ? {}
      : { allowedOrigins: [...resolved.allowedOrigins] }),
    logger,
  });

  /** Takes a new socket of either transport: the same limits, checks and pipeline. */
  function onConnection(
    ws: SignalingSocket,
    req: IncomingMessage,
    socket: Corkable,
    transport: TransportName,
  ): void {
    const ip = clientIp(req, resolved.trustProxy);
    const origin = req.headers.origin;
    if ((perIp.get(ip) ?? 0) >= resolved.limits.maxConnectionsPerIp) {
      ws.close(4008, 'too many connections from this address');
      return;
    }
    if (!originAllowed(resolved.allowedOrigins, origin)) {
      const message = `origin ${origin} is not allowed`;
      ws.send(encode(createErrorMessage({ code: 'SRV_ERR_ORIGIN_FORBIDDEN', message })));
      ws.close(4009, 'origin not allowed');
      return;
    }
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    try {
      const connection = new Connection(host, ws, ip, origin, socket);
      connections.add(connection);
      transportOf.set(connection, transport);
      connectionGauge.inc({ transport });
    } catch (error) {
      logger.error({ err: error, ip }, 'connection setup failed');
      perIp.set(ip, (perIp.get(ip) ?? 1) - 1);
      ws.terminate();
    }
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const pathname = (req.url ?? '/').split('?', 1)[0];
    if (pathname !== resolved.path) return false;
    if (closing) {
      abortUpgrade(socket, 503, 'Service Unavailable');
      return true;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, socket, 'websocket'));
    return true;
  }

  const sse: SseTransport | undefined = resolved.httpFallback.enabled
    ? createSseTransport({
        ctx,
        closing: () => closing,
        // The response is what the frames are written to: corked per tick like a socket.
        accept: (socket, req) => onConnection(socket, req, socket.res, 'http'),
      })
    : undefined;
  const handleRequest = (req: IncomingMessage, res: ServerResponse): boolean =>
    httpHandler(req, res) || (sse?.handle(req, res) ?? false);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      if (!handleUpgrade(req, socket, head) && owned) abortUpgrade(socket, 404, 'Not Found');
    } catch (error) {
      logger.error({ err: error }, 'upgrade failed');
      abortUpgrade(socket, 500, 'Internal Server Error');
    }
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (handleRequest(req, res)) return;
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ status: 'not found' }));
  };
  httpServer.on('upgrade', onUpgrade);
  if (owned) httpServer.on('request', onRequest);

  const listeningPromise = owned
    ? new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(resolved.port, resolved.host, () => {
          httpServer.off('error', reject);
          listening = true;
          const { enabled, path: fallback } = resolved.httpFallback;
          const httpFallback = enabled ? fallback : false;
          logger.info(
            { address: httpServer.address(), path: resolved.path, httpFallback },
            'listening',
          );
          resolve();
        });
      })
    : Promise.resolve();
  // Callers that never await `listening` must not get an unhandled rejection.
  listeningPromise.catch(() => {});

  const stopHeartbeat = every(clock, Math.floor(resolved.heartbeatMs / 2), () => {
    const now = clock.now();
    for (const connection of connections) {
      try {
        connection.checkHeartbeat(now);
      } catch (error) {
        logger.error({ err: error, session: connection.session }, 'heartbeat check failed');
      }
    }
  });
  let sweeping: Promise<void> | undefined;
  let sweepAgain = false;
  function runSweep(): Promise<void> {
    if (sweeping !== undefined) {
      sweepAgain = true;
      return sweeping;
    }
    sweeping = (async () => {
      do {
        sweepAgain = false;
        try {
          await sweep(ctx);
        } catch (error) {
          logger.error({ err: error }, 'sweep failed');
        }
      } while (sweepAgain && !closing);
    })().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  }
  const stopSweep = every(clock, resolved.sweepIntervalMs, () => void runSweep());

  async function drain(closeOptions: CloseOptions): Promise<void> {
    closing = true;
    const reason = closeOptions.reason ?? 'shutdown';
    const reconnectIn = closeOptions.reconnectIn ?? 0;
    logger.info({ connections: connections.size }, 'draining');
    for (const connection of connections) connection.goaway(reason, reconnectIn);
    const allClosed = Promise.all([...connections].map((c) => c.closed));
    let timer: unknown;
    await Promise.race([
      allClosed,
      new Promise<void>((resolve) => {
        timer = clock.setTimeout(resolve, resolved.drainTimeoutMs);
      }),
    ]);
    clock.clearTimeout(timer);
    for (const connection of connections) connection.close(4000, 'server shutting down');
    await Promise.all([...connections].map((c) => c.closed));
    stopHeartbeat();
    stopSweep();
    sse?.stop();
    await sweeping;
    httpServer.off('upgrade', onUpgrade);
    if (owned) {
      httpServer.off('request', onRequest);
      await new Promise<void>((resolve) => {
        if (!httpServer.listening) {
          resolve();
          return;
        }
        httpServer.close(() => resolve());
        httpServer.closeAllConnections?.();
      });
    }
    wss.close();
    await ctx.adapter.close();
    logger.info('closed');
  }

  return {
    listening: listeningPromise,
    address() {
      const address = httpServer.address();
      return typeof address === 'object' ? address : null;
    },
    metrics: ctx.metrics,
    adapter: ctx.adapter,
    get connections() {
      return connections.size;
    },
    handleRequest,
    handleUpgrade,
    async createRoom(room) {
      if (typeof room !== 'string' || room === '')
        throw new TypeError('room must be a non-empty string');
      const created = await ctx.adapter.createRoom(room, clock.now());
      if (created) ctx.metrics.rooms.inc();
      return created;
    },
    sweep: runSweep,
    close(closeOptions = {}) {
      closed ??= drain(closeOptions);
      return closed;
    },
  };
}
