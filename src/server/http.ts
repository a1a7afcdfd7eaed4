/**
 * The server's HTTP endpoints, beside the WebSocket upgrade: probes for orchestrators
 * (`/healthz`, `/readyz`), Prometheus scraping (`/metrics`), and `/v1/validate`, which tells
 * a browser why its WebSocket would be refused (browsers hide the status of a failed upgrade).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { pino } from 'pino';
import type { CloseCode, WireErrorCode } from '../protocol/codes.ts';
import { type Authenticator, originAllowed, roomAllowed } from './auth.ts';
import type { ServerMetrics } from './metrics.ts';

/** What the HTTP endpoints need from the server. */
export interface HttpHandlerDeps {
  metrics: ServerMetrics;
  /** False while the server drains (or has not started): `/readyz` answers 503. */
  ready: () => boolean;
  authenticate: Authenticator;
  /** The Origin allowlist of WebSocket upgrades; `/v1/validate` applies the same. */
  allowedOrigins?: readonly string[] | undefined;
  /** Largest `/v1/validate` body accepted, in bytes. Default 16 KiB. */
  maxBodyBytes?: number;
  /** Where unexpected failures are logged. */
  logger?: pino.Logger;
}

/** Handles a request if its path is one of the endpoints; returns whether it did. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The JSON `/v1/validate` answers. `closeCode` is the close code the WebSocket would get. */
export type ValidateResponse =
  | { ok: true; peer: string | null; rooms: string[] | '*'; expiresAt?: number }
  | { ok: false; code: WireErrorCode; message: string; closeCode?: CloseCode };

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const UNAUTHORIZED_CLOSE: CloseCode = 4001;
const FORBIDDEN_ORIGIN_CLOSE: CloseCode = 4009;

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** Answers `body` as JSON, never cached. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(body), {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
  });
}

/** Reads the body up to `limit` bytes; `undefined` when it is larger (the rest is left unread). */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that goes away mid-body may end the request without an error.
    req.on('close', () => {
      if (!req.complete) reject(new Error('the request was aborted'));
    });
  });
}

/** Reads the body as UTF-8 text up to `limit` bytes; `undefined` when it is larger. */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return (await readBodyBytes(req, limit))?.toString('utf8');
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * Creates the handler of `/healthz`, `/readyz`, `/metrics` and `/v1/validate`. Other paths
 * are left to the caller (it returns false); a known path with another method gets 405.
 */
export function createHttpHandler(deps: HttpHandlerDeps): HttpHandler {
  const { metrics, ready, authenticate, allowedOrigins, logger } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new RangeError('maxBodyBytes must be a positive integer');
  }

  async function validate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    // The answer must be readable by the page that asks, allowed origin or not: that page
    // is the one that needs to learn why. It holds only what the caller's own token says.
    const cors: Record<string, string> =
      origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin' };
    const answer = (status: number, body: ValidateResponse) => sendJson(res, status, body, cors);
    const text = await readBody(req, maxBodyBytes);
    if (text === undefined) {
      answer(413, {
        ok: false,
        code: 'SRV_ERR_FRAME_TOO_LARGE',
        message: `the body is larger than ${maxBodyBytes} bytes`,
      });
      // Do not read the rest; close once the answer is out.
      res.shouldKeepAlive = false;
      return;
    }
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      answer(400, {
        ok: false,
        code: 'PROTO_ERR_NOT_JSON',
        message: 'the body must be a JSON object',
      });
      return;
    }
    const { token, room } = body as { token?: unknown; room?: unknown };
    for (const [name, value] of [
      ['token', token],
      ['room', room],
    ] as const) {
      if (value !== undefined && typeof value !== 'string') {
        answer(400, {
          ok: false,
          code: 'PROTO_ERR_INVALID_MESSAGE',
          message: `"${name}" must be a string`,
        });
        return;
      }
    }
    if (!originAllowed(allowedOrigins, origin)) {
      answer(403, {
        ok: false,
        code: 'SRV_ERR_ORIGIN_FORBIDDEN',
        message: `origin ${origin} is not allowed`,
        closeCode: FORBIDDEN_ORIGIN_CLOSE,
      });
      return;
    }
    const result = await authenticate(token as string | undefined, {
      ip: req.socket.remoteAddress ?? '',
      ...(origin === undefined ? {} : { origin }),
    });
    if (!result.ok) {
      answer(401, {
        ok: false,
        code: result.code,
        message: result.message,
        closeCode: UNAUTHORIZED_CLOSE,
      });
      return;
    }
    const { identity } = result;
    if (typeof room === 'string' && !roomAllowed(identity, room)) {
      answer(403, {
        ok: false,
        code: 'SRV_ERR_FORBIDDEN',
        message: `the token does not allow room ${JSON.stringify(room)}`,
      });
      return;
    }
    answer(200, {
      ok: true,
      peer: identity.peer ?? null,
      rooms: identity.rooms,
      ...(identity.expiresAt === undefined ? {} : { expiresAt: identity.expiresAt }),
    });
  }

  function preflight(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    send(res, 204, '', {
      ...(origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin' }),
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    });
  }

  const routes: Record<string, Record<string, Route>> = {
    '/healthz': { GET: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    '/readyz': {
      GET: (_req, res) =>
        ready()
          ? sendJson(res, 200, { status: 'ready' })
          : sendJson(res, 503, { status: 'unavailable' }),
    },
    '/metrics': {
      GET: async (_req, res) => {
        const text = await metrics.registry.metrics();
        send(res, 200, text, { 'content-type': metrics.registry.contentType });
      },
    },
    '/v1/validate': { POST: validate, OPTIONS: preflight },
  };

  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const methods = routes[path];
    if (methods === undefined) return false;
    // HEAD is GET without a body; node:http leaves the body out by itself.
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const route = methods[method];
    if (route === undefined) {
      const allow = Object.keys(methods).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
      sendJson(
        res,
        405,
        { status: 'method not allowed', allow },
        {
          allow: allow.join(', '),
        },
      );
      return true;
    }
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => {
        logger?.error({ err: error, path }, 'http endpoint failed');
        if (!res.headersSent) sendJson(res, 500, { status: 'error' });
        else res.destroy();
      });
    return true;
  };
}
