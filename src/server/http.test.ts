import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { createAuthenticator } from './auth.ts';
import { createHttpHandler, type HttpHandlerDeps } from './http.ts';
import { createMetrics } from './metrics.ts';

const SECRET = 'test-secret-of-at-least-thirty-two-bytes!';
const ORIGIN = 'https://app.example';
const MAX_BODY = 1024;

function sign(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return new SignJWT({ rooms: ['team-*'], exp, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

/** A real server on port 0 running the handler, 404 for what it leaves alone. */
async function listen(
  deps: Partial<HttpHandlerDeps> = {},
): Promise<{ server: Server; base: string }> {
  const handler = createHttpHandler({
    metrics: createMetrics(),
    ready: () => true,
    authenticate: createAuthenticator({ secret: SECRET }),
    allowedOrigins: [ORIGIN],
    maxBodyBytes: MAX_BODY,
    ...deps,
  });
  const server = createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(404);
      res.end('not ours');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('createHttpHandler: probes and metrics', () => {
  let ready = true;
  let server: Server;
  let base: string;
  const metrics = createMetrics();
  before(async () => ({ server, base } = await listen({ ready: () => ready, metrics })));
  after(() => close(server));

  test('GET /healthz -> 200 {"status":"ok"}', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  });

  test('GET /readyz -> 200 while ready, 503 while draining', async () => {
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    ready = false;
    const res = await fetch(`${base}/readyz`);
    ready = true;
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'unavailable' });
  });

  test('GET /metrics -> Prometheus text with the switchboard metrics', async () => {
    metrics.messagesRelayed.inc(7);
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.match(text, /^switchboard_messages_relayed_total 7$/m);
    assert.match(text, /^# TYPE switchboard_relay_latency_seconds histogram$/m);
  });

  test('HEAD /healthz -> 200 without a body; a query string is ignored', async () => {
    const res = await fetch(`${base}/healthz?probe=1`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
  });

  const notAllowed: [method: string, path: string, allow: string][] = [
    ['POST', '/healthz', 'GET, HEAD'],
    ['DELETE', '/metrics', 'GET, HEAD'],
    ['GET', '/v1/validate', 'POST, OPTIONS'],
  ];
  for (const [method, path, allow] of notAllowed) {
    test(`${method} ${path} -> 405 with Allow: ${allow}`, async () => {
      const res = await fetch(`${base}${path}`, { method });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), allow);
    });
  }

  test('leaves other paths to the caller', async () => {
    const res = await fetch(`${base}/healthz/extra`);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), 'not ours');
  });
});

describe('createHttpHandler: POST /v1/validate', () => {
  let server: Server;
  let base: string;
  before(async () => ({ server, base } = await listen()));
  after(() => close(server));

  async function validate(
    body: string,
    origin: string | undefined = ORIGIN,
  ): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
    const res = await fetch(`${base}/v1/validate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(origin === undefined ? {} : { origin }),
      },
      body,
    });
    return {
      status: res.status,
      json: (await res.json()) as Record<string, unknown>,
      headers: res.headers,
    };
  }

  const cases: [
    name: string,
    body: () => Promise<string>,
    origin: string | undefined,
    status: number,
    code: string | undefined,
  ][] = [
    [
      'a valid token',
      async () => JSON.stringify({ token: await sign({ sub: 'al' }) }),
      ORIGIN,
      200,
      undefined,
    ],
    [
      'a valid token without Origin (non-browser)',
      async () => JSON.stringify({ token: await sign({}) }),
      undefined,
      200,
      undefined,
    ],
    [
      'a valid token and an allowed room',
      async () => JSON.stringify({ token: await sign({}), room: 'team-a' }),
      ORIGIN,
      200,
      undefined,
    ],
    ['no token', async () => '{}', ORIGIN, 401, 'SRV_ERR_UNAUTHORIZED'],
    ['an empty body (no token)', async () => '', ORIGIN, 401, 'SRV_ERR_UNAUTHORIZED'],
    [
      'a bad signature',
      async () => JSON.stringify({ token: await sign({}, `${SECRET}x`) }),
      ORIGIN,
      401,
      'SRV_ERR_UNAUTHORIZED',
    ],
    [
      'an expired token',
      async () => JSON.stringify({ token: await sign({ exp: 1000 }) }),
      ORIGIN,
      401,
      'SRV_ERR_UNAUTHORIZED',
    ],
    [
      'a room the token does not allow',
      async () => JSON.stringify({ token: await sign({}), room: 'lobby' }),
      ORIGIN,
      403,
      'SRV_ERR_FORBIDDEN',
    ],
    [
      'an origin not on the allowlist',
      async () => JSON.stringify({ token: await sign({}) }),
      'https://evil.example',
      403,
      'SRV_ERR_ORIGIN_FORBIDDEN',
    ],
    ['bad JSON', async () => '{"token":', ORIGIN, 400, 'PROTO_ERR_NOT_JSON'],
    ['a JSON array', async () => '[]', ORIGIN, 400, 'PROTO_ERR_NOT_JSON'],
    [
      'a token that is not a string',
      async () => '{"token":42}',
      ORIGIN,
      400,
      'PROTO_ERR_INVALID_MESSAGE',
    ],
    [
      'a body over the limit',
      async () => JSON.stringify({ token: 'x'.repeat(MAX_BODY) }),
      ORIGIN,
      413,
      'SRV_ERR_FRAME_TOO_LARGE',
    ],
  ];
  for (const [name, body, origin, status, code] of cases) {
    test(`${name} -> ${status}${code === undefined ? '' : ` ${code}`}`, async () => {
      const res = await validate(await body(), origin);
      assert.equal(res.status, status);
      assert.equal(res.json.ok, status === 200);
      assert.equal(res.json.code, code);
      if (status !== 200) assert.equal(typeof res.json.message, 'string');
    });
  }

  test('200 names the peer and rooms; the answer is readable cross-origin', async () => {
    const res = await validate(JSON.stringify({ token: await sign({ sub: 'alice' }) }));
    assert.equal(res.json.peer, 'alice');
    assert.deepEqual(res.json.rooms, ['team-*']);
    assert.equal(typeof res.json.expiresAt, 'number');
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  });

  test('refusals carry the close code the WebSocket would get, readable by the refused page', async () => {
    const unauthorized = await validate('{}');
    assert.equal(unauthorized.json.closeCode, 4001);
    const forbidden = await validate('{}', 'https://evil.example');
    assert.equal(forbidden.json.closeCode, 4009);
    assert.equal(forbidden.headers.get('access-control-allow-origin'), 'https://evil.example');
  });

  test('OPTIONS preflight -> 204 allowing POST with content-type', async () => {
    const res = await fetch(`${base}/v1/validate`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(res.headers.get('access-control-allow-methods'), 'POST');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /content-type/);
  });

  test('a chunked body over the limit -> 413 without reading it all', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/v1/validate`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // No content-length: the handler has to count as the chunks arrive.
      req.write('{"token":"');
      req.write('x'.repeat(MAX_BODY));
      // Never ended: the answer must not wait for the end of the body.
      setTimeout(() => req.destroy(), 2000).unref();
    });
    assert.equal(status, 413);
  });
});

describe('createHttpHandler: options', () => {
  test('throws RangeError for a non-positive maxBodyBytes', () => {
    assert.throws(
      () =>
        createHttpHandler({
          metrics: createMetrics(),
          ready: () => true,
          authenticate: createAuthenticator(),
          maxBodyBytes: 0,
        }),
      RangeError,
    );
  });

  test('with auth off, validate answers ok for anyone allowed by origin', async () => {
    const { server, base } = await listen({
      authenticate: createAuthenticator(),
      allowedOrigins: undefined,
    });
    try {
      const res = await fetch(`${base}/v1/validate`, { method: 'POST', body: '{}' });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { ok: true, peer: null, rooms: '*' });
    } finally {
      await close(server);
    }
  });
});
