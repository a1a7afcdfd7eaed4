/**
 * The HTTP fallback's endpoints, for clients that cannot open a WebSocket (a proxy that
 * refuses upgrades, a runtime without WebSocket). Same protocol, same port:
 *
 * - `GET <path>` opens a `text/event-stream`: an `open` event with the connection's id, then
 *   one event per server frame, comments while idle, a final `close` event (sse-framing.ts).
 * - `POST <path>/<id>` carries client frames, one a line, handled in order: 204, or a typed
 *   JSON error (404 unknown id, 413 body too large, 400 not UTF-8, 403 other origin,
 *   429 too many POSTs at once).
 * - `POST <path>/<id>/close` closes from the client with `{ code, reason }` (1000 ends the
 *   session; anything else, or a dropped stream, leaves it resumable).
 *
 * Each stream becomes an {@link SseSocket}, which the server accepts like a WebSocket: one
 * pipeline, one set of limits, and a session can resume on either transport.
 */

import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireErrorCode } from 'switchboard/protocol';
import { originAllowed } from './auth.ts';
import { every } from './clock.ts';
import type { ServerContext } from './context.ts';
import { readBodyBytes, sendJson } from './http.ts';
import { SOCKET_OPEN } from './signaling-socket.ts';
import { splitFrames } from './sse-framing.ts';
import { SseSocket } from './sse-socket.ts';

/** What the endpoints need from the server. */
export interface SseTransportDeps {
  readonly ctx: ServerContext;
  /** Takes a new stream's socket as a connection (connection limits, Origin, pipeline). */
  accept(socket: SseSocket, req: IncomingMessage): void;
  /** True while the server drains: new streams get 503. */
  closing(): boolean;
}

/** The HTTP fallback of one server. */
export interface SseTransport {
  /** Handles `req` if its path is the fallback's; returns whether it did. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Open streams. */
  readonly size: number;
  /** Stops the keep-alive timer and destroys the streams still open. */
  stop(): void;
}

/**
 * The error code of a POST to an id that names no open stream. Not yet in the wire
 * catalogue (`WIRE_ERRORS`); it appears only in HTTP answers, never in an `error` message.
 */
export const UNKNOWN_STREAM_CODE: WireErrorCode = 'SRV_ERR_UNKNOWN_STREAM';

/** The JSON body of an HTTP fallback error. */
export interface SseErrorBody {
  readonly code: WireErrorCode;
  readonly message: string;
}

/** POSTs of one stream read at once; the client sends one at a time (two around a close). */
const MAX_POSTS_IN_FLIGHT = 2;
/** A close body is `{ code, reason }`: a reason is at most 123 bytes, as in a WebSocket. */
const MAX_CLOSE_BODY_BYTES = 1024;
const MAX_REASON_BYTES = 123;
const ID_BYTES = 18;
/** The code of a close that names none (RFC 6455 7.4.1), as ws reports it. */
const NO_STATUS_CLOSE = 1005;

function cors(origin: string | undefined): Record<string, string> {
  return origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** Close codes a client may send (RFC 6455 7.4): 1000, 1001, or an application code. */
function isClientCloseCode(code: unknown): code is number {
  return (
    Number.isInteger(code) &&
    (code === 1000 || code === 1001 || (code as number) >= 3000) &&
    (code as number) <= 4999
  );
}

/** Creates the endpoints under `ctx.options.httpFallback.path`. */
export function createSseTransport(deps: SseTransportDeps): SseTransport {
  const { ctx } = deps;
  const { path, keepAliveMs } = ctx.options.httpFallback;
  // As many bytes as the WebSocket reads of one frame before giving up on it.
  const maxBodyBytes = ctx.options.limits.maxFrameBytes * 4;
  const prefix = `${path}/`;
  const sockets = new Map<string, SseSocket>();
  const stopKeepAlive = every(ctx.clock, Math.max(1, Math.floor(keepAliveMs / 2)), () => {
    for (const socket of sockets.values()) socket.keepAlive(keepAliveMs / 2);
  });

  /**
   * A POST must come from the origin that opened the stream. Browsers send no `Origin` with a
   * same-origin GET but do with every POST: then the POST's origin must be allowed.
   */
  function postOriginAllowed(socket: SseSocket, origin: string | undefined): boolean {
    if (origin === undefined) return true;
    if (socket.origin !== undefined) return origin === socket.origin;
    return originAllowed(ctx.options.allowedOrigins, origin);
  }

  function fail(
    res: ServerResponse,
    status: number,
    body: SseErrorBody,
    headers: Record<string, string> = {},
  ): void {
    ctx.logger.debug({ status, code: body.code }, body.message);
    sendJson(res, status, body, headers);
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (deps.closing()) {
      sendJson(res, 503, { status: 'unavailable' }, cors(origin));
      return;
    }
    let id = randomBytes(ID_BYTES).toString('base64url');
    while (sockets.has(id)) id = randomBytes(ID_BYTES).toString('base64url');
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx buffers responses unless told not to.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
      // Readable by the page whatever its origin: a refused one learns why from the stream.
      ...cors(origin),
    });
    req.socket.setNoDelay(true);
    const socket = new SseSocket(res, { id, maxBodyBytes }, origin, () => ctx.clock.now());
    sockets.set(id, socket);
    socket.once('close', () => sockets.delete(id));
    deps.accept(socket, req);
  }

  /** The body up to `limit` bytes, `undefined` when larger, `null` when the client went away. */
  async function readBody(
    req: IncomingMessage,
    res: ServerResponse,
    limit: number,
  ): Promise<Buffer | undefined | null> {
    try {
      return await readBodyBytes(req, limit);
    } catch (error) {
      ctx.logger.debug({ err: error }, 'a POST ended before its body');
      res.destroy();
      return null;
    }
  }

  /** The open stream `id` names, if the request may post to it; else answers 404 or 403. */
  function streamFor(req: IncomingMessage, res: ServerResponse, id: string): SseSocket | undefined {
    const origin = req.headers.origin;
    const socket = sockets.get(id);
    if (socket === undefined) {
      const body = { code: UNKNOWN_STREAM_CODE, message: 'no open stream has this id' } as const;
      fail(res, 404, body, cors(origin));
      return undefined;
    }
    if (!postOriginAllowed(socket, origin)) {
      const message = `origin ${origin} did not open this stream`;
      fail(res, 403, { code: 'SRV_ERR_ORIGIN_FORBIDDEN', message }, cors(origin));
      return undefined;
    }
    return socket;
  }

  async function post(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const socket = streamFor(req, res, id);
    if (socket === undefined) return;
    const headers = cors(socket.origin);
    if (socket.postsInFlight >= MAX_POSTS_IN_FLIGHT) {
      fail(
        res,
        429,
        { code: 'SRV_ERR_RATE_LIMITED', message: 'wait for the previous POST' },
        headers,
      );
      return;
    }
    socket.postsInFlight += 1;
    const body = await readBody(req, res, maxBodyBytes);
    socket.postsInFlight -= 1;
    if (body === null) return;
    if (body === undefined) {
      fail(
        res,
        413,
        {
          code: 'SRV_ERR_FRAME_TOO_LARGE',
          message: `the body is larger than ${maxBodyBytes} bytes`,
        },
        headers,
      );
      // Do not read the rest; close once the answer is out.
      res.shouldKeepAlive = false;
      return;
    }
    if (!isUtf8(body)) {
      fail(res, 400, { code: 'PROTO_ERR_NOT_JSON', message: 'the body is not UTF-8' }, headers);
      return;
    }
    if (socket.readyState !== SOCKET_OPEN) {
      fail(res, 404, { code: UNKNOWN_STREAM_CODE, message: 'the stream has closed' }, headers);
      return;
    }
    socket.receive(splitFrames(body));
    res.writeHead(204, { 'cache-control': 'no-store', ...headers });
    res.end();
  }

  async function postClose(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const socket = streamFor(req, res, id);
    if (socket === undefined) return;
    const headers = cors(socket.origin);
    const body = await readBody(req, res, MAX_CLOSE_BODY_BYTES);
    if (body === null) return;
    if (body === undefined) res.shouldKeepAlive = false;
    let close: { code?: unknown; reason?: unknown } | undefined;
    try {
      close = body === undefined ? undefined : JSON.parse(body.toString('utf8') || '{}');
    } catch {
      close = undefined;
    }
    const code = close?.code ?? NO_STATUS_CLOSE;
    const reason = close?.reason ?? '';
    if (
      typeof close !== 'object' ||
      close === null ||
      Array.isArray(close) ||
      (code !== NO_STATUS_CLOSE && !isClientCloseCode(code)) ||
      typeof reason !== 'string' ||
      Buffer.byteLength(reason) > MAX_REASON_BYTES
    ) {
      fail(
        res,
        400,
        {
          code: 'PROTO_ERR_INVALID_MESSAGE',
          message: 'the body must be {"code": 1000 | 1001 | 3000-4999, "reason"?: string}',
        },
        headers,
      );
      return;
    }
    socket.closeByClient(code as number, reason);
    res.writeHead(204, { 'cache-control': 'no-store', ...headers });
    res.end();
  }

  function preflight(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(204, {
      ...cors(req.headers.origin),
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    });
    res.end();
  }

  function notAllowed(res: ServerResponse, allow: string): void {
    sendJson(res, 405, { status: 'method not allowed', allow: allow.split(', ') }, { allow });
  }

  function route(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<void> | void {
    const method = req.method ?? 'GET';
    if (pathname === path) {
      if (method === 'GET') return openStream(req, res);
      return notAllowed(res, 'GET');
    }
    const [id = '', action, ...rest] = pathname.slice(prefix.length).split('/');
    if (rest.length > 0 || (action !== undefined && action !== 'close') || id === '') {
      return fail(res, 404, { code: UNKNOWN_STREAM_CODE, message: 'no such endpoint' });
    }
    if (method === 'OPTIONS') return preflight(req, res);
    if (method !== 'POST') return notAllowed(res, 'POST, OPTIONS');
    return action === 'close' ? postClose(req, res, id) : post(req, res, id);
  }

  return {
    handle(req, res) {
      const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
      if (pathname !== path && !pathname.startsWith(prefix)) return false;
      Promise.resolve()
        .then(() => route(req, res, pathname))
        .catch((error: unknown) => {
          ctx.logger.error({ err: error, path: pathname }, 'http fallback endpoint failed');
          if (!res.headersSent) sendJson(res, 500, { status: 'error' });
          else res.destroy();
        });
      return true;
    },
    get size() {
      return sockets.size;
    },
    stop() {
      stopKeepAlive();
      for (const socket of sockets.values()) socket.terminate();
    },
  };
}
