/**
 * The web app's static serving (src/cli/web-static.ts) behind the app server `serve` runs
 * (src/cli/app-server.ts): path resolution and cache rules as tables, then real requests on
 * port 0 against a temporary site, written as raw request lines so that nothing normalises
 * the traversal attempts before the server sees them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { type AppServer, startAppServer } from '../../src/cli/app-server.ts';
import {
  cacheControl,
  IMMUTABLE,
  REVALIDATE,
  resolveWebPath,
  type WebPathResult,
} from '../../src/cli/web-static.ts';

describe('resolveWebPath', () => {
  const cases: [url: string, result: WebPathResult][] = [
    ['/', { ok: true, path: '' }],
    ['/?room=standup', { ok: true, path: '' }],
    ['/tutorial', { ok: true, path: 'tutorial' }],
    ['/tutorial/', { ok: true, path: 'tutorial' }],
    ['/assets/call-ABCDEFGH.js', { ok: true, path: 'assets/call-ABCDEFGH.js' }],
    ['/a%20b.txt', { ok: true, path: 'a b.txt' }],
    ['/..', { ok: false, status: 404 }],
    ['/../package.json', { ok: false, status: 404 }],
    ['/assets/../../package.json', { ok: false, status: 404 }],
    ['/%2e%2e/package.json', { ok: false, status: 404 }],
    ['/assets/..%2f..%2fpackage.json', { ok: false, status: 404 }],
    ['/assets%2f..%2f..%2fpackage.json', { ok: false, status: 404 }],
    ['/..%5c..%5cpackage.json', { ok: false, status: 404 }],
    ['/.env', { ok: false, status: 404 }],
    ['/./index.html', { ok: false, status: 404 }],
    ['//etc/passwd', { ok: false, status: 404 }],
    ['/assets//call.js', { ok: false, status: 404 }],
    ['/index.html%00.js', { ok: false, status: 404 }],
    ['/%E0%A4%A', { ok: false, status: 400 }],
    ['*', { ok: false, status: 400 }],
  ];
  for (const [url, result] of cases) {
    test(`${url} -> ${result.ok ? JSON.stringify(result.path) : result.status}`, () => {
      assert.deepEqual(resolveWebPath(url), result);
    });
  }
});

describe('cacheControl', () => {
  const cases: [path: string, value: string][] = [
    ['/assets/call-ABCDEFGH.js', IMMUTABLE],
    ['/assets/chunk-Q2W3E4R5.js', IMMUTABLE],
    ['/assets/call-ABCDEFGH.css', IMMUTABLE],
    ['/assets/call.js', REVALIDATE],
    ['/assets/call-abcdefgh.js', REVALIDATE],
    ['/', REVALIDATE],
    ['/tutorial', REVALIDATE],
    ['/call-ABCDEFGH.js', REVALIDATE],
  ];
  for (const [path, value] of cases) {
    test(`${path} -> ${value}`, () => assert.equal(cacheControl(path), value));
  }
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `path` as it is on the request line (no URL normalisation). */
function raw(
  base: string,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the app server with a built web app', () => {
  let dir: string;
  let server: AppServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
    const root = join(dir, 'web');
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(join(root, 'tutorial'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>call</title>');
    writeFileSync(join(root, 'tutorial', 'index.html'), '<!doctype html><title>tutorial</title>');
    writeFileSync(join(root, 'assets', 'call-ABCDEFGH.js'), 'console.log(1);');
    writeFileSync(join(root, 'assets', 'call-ABCDEFGH.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'logo-ABCDEFGH.svg'), '<svg/>');
    writeFileSync(join(root, '.env'), 'SECRET=1');
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
    symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link-ABCDEFGH.txt'));
    server = await startAppServer({ port: 0, host: '127.0.0.1', logger: false }, root);
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pages: [path: string, status: number, type: RegExp, body: RegExp][] = [
    ['/', 200, /^text\/html; charset=utf-8$/, /<title>call<\/title>/],
    ['/?room=standup&autojoin=1', 200, /^text\/html/, /<title>call<\/title>/],
    ['/tutorial', 200, /^text\/html/, /<title>tutorial<\/title>/],
    ['/tutorial/', 200, /^text\/html/, /<title>tutorial<\/title>/],
    ['/assets/call-ABCDEFGH.js', 200, /^text\/javascript; charset=utf-8$/, /console\.log/],
    ['/assets/call-ABCDEFGH.css', 200, /^text\/css; charset=utf-8$/, /body/],
    ['/assets/logo-ABCDEFGH.svg', 200, /^image\/svg\+xml$/, /<svg\/>/],
    ['/inspector', 404, /^text\/html/, /Not found/],
    ['/assets/missing-ABCDEFGH.js', 404, /^text\/html/, /Not found/],
    ['/assets', 404, /^text\/html/, /Not found/],
  ];
  for (const [path, status, type, body] of pages) {
    test(`GET ${path} -> ${status}`, async () => {
      const reply = await raw(server.url, path);
      assert.equal(reply.status, status);
      assert.match(String(reply.headers['content-type']), type);
      assert.match(reply.body, body);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    });
  }

  const refused = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/.env',
    '/assets/link-ABCDEFGH.txt',
    '//secret.txt',
  ];
  for (const path of refused) {
    test(`does not serve ${path} (outside the root or hidden)`, async () => {
      const reply = await raw(server.url, path);
      assert.equal(reply.status, 404);
      assert.doesNotMatch(reply.body, /outside the root|SECRET/);
    });
  }

  test('caches hashed assets for a year and revalidates pages', async () => {
    const asset = await raw(server.url, '/assets/call-ABCDEFGH.js');
    assert.equal(asset.headers['cache-control'], IMMUTABLE);
    const page = await raw(server.url, '/');
    assert.equal(page.headers['cache-control'], REVALIDATE);
    assert.equal(page.headers['x-frame-options'], 'DENY');
  });

  test('answers 304 to a matching If-None-Match', async () => {
    const first = await raw(server.url, '/');
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"/);
    const again = await raw(server.url, '/', 'GET', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
  });

  test('answers HEAD with the headers only', async () => {
    const reply = await raw(server.url, '/assets/call-ABCDEFGH.js', 'HEAD');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-length'], String('console.log(1);'.length));
    assert.equal(reply.body, '');
  });

  test('refuses other methods with 405 and Allow', async () => {
    const reply = await raw(server.url, '/', 'POST');
    assert.equal(reply.status, 405);
    assert.equal(reply.headers.allow, 'GET, HEAD');
  });

  test('keeps the signaling endpoints and the WebSocket', async () => {
    assert.equal((await raw(server.url, '/healthz')).status, 200);
    assert.equal((await raw(server.url, '/readyz')).status, 200);
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/v1/ws`);
    const welcome = new Promise<{ type: string }>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.once('error', reject);
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', v: 1 }));
    assert.equal((await welcome).type, 'welcome');
    ws.close(1000);
  });

  test('refuses WebSocket upgrades on other paths', async () => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(-1));
    });
    assert.equal(status, 404);
  });
});

describe('the app server without a built web app', () => {
  let dir: string;
  let server: AppServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
    server = await startAppServer(
      { port: 0, host: '127.0.0.1', logger: false },
      join(dir, 'not-built'),
    );
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('/ explains how to build the app', async () => {
    const reply = await raw(server.url, '/');
    assert.equal(reply.status, 503);
    assert.match(reply.body, /npm run build/);
  });

  test('other paths are 404 and signaling still answers', async () => {
    assert.equal((await raw(server.url, '/assets/call-ABCDEFGH.js')).status, 404);
    assert.equal((await raw(server.url, '/healthz')).status, 200);
  });

  test('serves the app once it is built, without a restart', async () => {
    mkdirSync(join(dir, 'not-built'));
    writeFileSync(join(dir, 'not-built', 'index.html'), '<!doctype html><title>late</title>');
    const reply = await raw(server.url, '/');
    assert.equal(reply.status, 200);
    assert.match(reply.body, /late/);
  });
});

describe('the app server with --no-web', () => {
  test('answers 404 outside the signaling endpoints', async () => {
    const server = await startAppServer({ port: 0, host: '127.0.0.1', logger: false }, undefined);
    try {
      assert.equal((await raw(server.url, '/')).status, 404);
      assert.equal((await raw(server.url, '/healthz')).status, 200);
    } finally {
      await server.close();
    }
  });
});
