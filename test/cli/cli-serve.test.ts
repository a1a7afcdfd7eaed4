/**
 * `switchboard serve`: flag and environment parsing as a table, then the command as users
 * run it (`node bin/switchboard.js serve --port 0` over the built dist): it prints where it
 * listens, answers /healthz, and exits 0 on SIGTERM.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SignalingServerOptions } from 'switchboard/server';
import WebSocket from 'ws';
import {
  browserUrl,
  DEFAULT_WEB_ROOT,
  parseServeArgs,
  runServe,
  type ServeConfig,
  type ServeDeps,
  type ServeEnv,
  serveOptions,
} from '../../src/cli/commands/serve.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { run } from './run-cli.ts';

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';

describe('parseServeArgs', () => {
  const defaults: ServeConfig = {
    port: 8080,
    host: '127.0.0.1',
    logLevel: 'info',
    trustProxy: false,
    webRoot: DEFAULT_WEB_ROOT,
    httpFallback: true,
  };
  const cases: [name: string, argv: string[], env: ServeEnv, config: Partial<ServeConfig>][] = [
    ['nothing -> defaults (loopback, 8080)', [], {}, {}],
    ['--port 0', ['--port', '0'], {}, { port: 0 }],
    ['-p 9000', ['-p', '9000'], {}, { port: 9000 }],
    ['PORT', [], { PORT: '3000' }, { port: 3000 }],
    ['--port wins over PORT', ['--port', '4000'], { PORT: '3000' }, { port: 4000 }],
    ['an empty PORT is unset', [], { PORT: '' }, {}],
    ['--host', ['--host', '0.0.0.0'], {}, { host: '0.0.0.0' }],
    ['HOST', [], { HOST: '::' }, { host: '::' }],
    ['--log-level', ['--log-level', 'debug'], {}, { logLevel: 'debug' }],
    ['LOG_LEVEL', [], { LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
    ['--trust-proxy', ['--trust-proxy'], {}, { trustProxy: true }],
    ['SWITCHBOARD_TRUST_PROXY=1', [], { SWITCHBOARD_TRUST_PROXY: '1' }, { trustProxy: true }],
    ['--auth-secret', ['--auth-secret', SECRET], {}, { auth: { secret: SECRET } }],
    [
      'SWITCHBOARD_AUTH_SECRET',
      [],
      { SWITCHBOARD_AUTH_SECRET: SECRET },
      { auth: { secret: SECRET } },
    ],
    [
      '--auth-public-key-file with issuer and audience',
      ['--auth-public-key-file', 'key.pem', '--auth-issuer', 'https://id', '--auth-audience', 'sb'],
      {},
      { auth: { publicKeyFile: 'key.pem', issuer: 'https://id', audience: 'sb' } },
    ],
    [
      'repeated --turn-uri with --turn-secret and --turn-ttl',
      [
        '--turn-secret',
        's',
        '--turn-uri',
        'turn:a:3478',
        '--turn-uri',
        'turns:a:5349',
        '--turn-ttl',
        '600',
      ],
      {},
      { turn: { secret: 's', uris: ['turn:a:3478', 'turns:a:5349'], ttlSeconds: 600 } },
    ],
    [
      'SWITCHBOARD_TURN_URIS, comma-separated',
      [],
      { SWITCHBOARD_TURN_SECRET: 's', SWITCHBOARD_TURN_URIS: 'turn:a:3478, turns:a:5349' },
      { turn: { secret: 's', uris: ['turn:a:3478', 'turns:a:5349'] } },
    ],
    [
      '--turn-uri replaces SWITCHBOARD_TURN_URIS',
      ['--turn-uri', 'turn:b'],
      { SWITCHBOARD_TURN_SECRET: 's', SWITCHBOARD_TURN_URIS: 'turn:a' },
      { turn: { secret: 's', uris: ['turn:b'] } },
    ],
    [
      'repeated --allowed-origin',
      ['--allowed-origin', 'https://a.example', '--allowed-origin', 'https://*.b.example'],
      {},
      { allowedOrigins: ['https://a.example', 'https://*.b.example'] },
    ],
    [
      'SWITCHBOARD_ALLOWED_ORIGINS',
      [],
      { SWITCHBOARD_ALLOWED_ORIGINS: 'https://a.example,https://c.example' },
      { allowedOrigins: ['https://a.example', 'https://c.example'] },
    ],
    ['--no-web', ['--no-web'], {}, { webRoot: undefined }],
    ['--no-http-fallback', ['--no-http-fallback'], {}, { httpFallback: false }],
    [
      'SWITCHBOARD_NO_HTTP_FALLBACK=1',
      [],
      { SWITCHBOARD_NO_HTTP_FALLBACK: '1' },
      { httpFallback: false },
    ],
    ['SWITCHBOARD_NO_WEB=1', [], { SWITCHBOARD_NO_WEB: '1' }, { webRoot: undefined }],
    ['--web-root, resolved', ['--web-root', 'site'], {}, { webRoot: resolve('site') }],
    ['SWITCHBOARD_WEB_ROOT', [], { SWITCHBOARD_WEB_ROOT: '/srv/web' }, { webRoot: '/srv/web' }],
  ];
  for (const [name, argv, env, config] of cases) {
    test(`${name}`, () => {
      assert.deepEqual(parseServeArgs(argv, env), { ok: true, config: { ...defaults, ...config } });
    });
  }

  const usage: [name: string, argv: string[], env: ServeEnv, mentions: RegExp][] = [
    ['a non-numeric port', ['--port', 'http'], {}, /--port/],
    ['a port over 65535', ['--port', '65536'], {}, /--port/],
    ['a negative PORT', [], { PORT: '-1' }, /PORT/],
    ['a fractional port', ['--port', '80.5'], {}, /--port/],
    ['an unknown log level', ['--log-level', 'verbose'], {}, /--log-level/],
    ['an unknown flag', ['--frobnicate'], {}, /frobnicate/],
    ['an operand', ['extra'], {}, /extra/],
    ['--turn-secret without --turn-uri', ['--turn-secret', 's'], {}, /--turn-uri/],
    ['--turn-uri without --turn-secret', ['--turn-uri', 'turn:a'], {}, /--turn-secret/],
    ['an http TURN URI', ['--turn-secret', 's', '--turn-uri', 'http://a'], {}, /http:\/\/a/],
    [
      'a zero --turn-ttl',
      ['--turn-secret', 's', '--turn-uri', 'turn:a', '--turn-ttl', '0'],
      {},
      /--turn-ttl/,
    ],
    ['--turn-ttl alone', ['--turn-ttl', '60'], {}, /--turn-ttl/],
    ['--auth-issuer without a key', ['--auth-issuer', 'x'], {}, /--auth-secret/],
    ['--web-root with --no-web', ['--web-root', 'x', '--no-web'], {}, /--no-web/],
  ];
  for (const [name, argv, env, mentions] of usage) {
    test(`refuses ${name}`, () => {
      const result = parseServeArgs(argv, env);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.message, mentions);
    });
  }
});

describe('browserUrl', () => {
  const cases: [url: string, open: string][] = [
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://0.0.0.0:8080', 'http://localhost:8080/'],
    ['http://[::]:8080', 'http://localhost:8080/'],
    ['http://[::1]:8080', 'http://[::1]:8080/'],
  ];
  for (const [url, open] of cases) {
    test(`${url} -> ${open}`, () => assert.equal(browserUrl(url), open));
  }
});

describe('serveOptions', () => {
  test('maps the configuration to server options, reading the key file', async () => {
    const parsed = parseServeArgs(
      ['--port', '0', '--auth-public-key-file', '/keys/pub.pem', '--allowed-origin', 'https://a'],
      { SWITCHBOARD_AUTH_SECRET: SECRET, LOG_LEVEL: 'warn' },
    );
    assert.ok(parsed.ok);
    const read: string[] = [];
    const options = await serveOptions(parsed.config, async (path) => {
      read.push(path);
      return 'PEM';
    });
    assert.deepEqual(read, ['/keys/pub.pem']);
    assert.deepEqual(options, {
      port: 0,
      host: '127.0.0.1',
      logger: { level: 'warn' },
      trustProxy: false,
      auth: { secret: SECRET, publicKey: 'PEM' },
      allowedOrigins: ['https://a'],
    });
  });

  test('turns the HTTP fallback off with --no-http-fallback', async () => {
    const parsed = parseServeArgs(['--no-http-fallback'], {});
    assert.ok(parsed.ok);
    const options = await serveOptions(parsed.config);
    assert.deepEqual(options.httpFallback, { enabled: false });
  });
});

describe('switchboard serve', () => {
  test('shows its flags for --help', () => {
    const r = run(['serve', '--help']);
    assert.equal(r.status, 0);
    for (const flag of ['--port', '--host', '--auth-secret', '--turn-uri', '--allowed-origin']) {
      assert.ok(r.stdout.includes(flag), flag);
    }
  });

  test('exits 2 with the reason for a bad --port', () => {
    const r = run(['serve', '--port', 'x']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--port/);
  });
});

/** A CliIo that records what the command writes. */
function recordingIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => {
      io.stdout += text;
    },
    err: (text: string) => {
      io.stderr += text;
    },
    readStdin: async () => '',
    color: false,
  };
  return io;
}

/** Fake process parts: signals to emit, a server that records its options and closing. */
function fakeDeps(start?: ServeDeps['start']) {
  const signals = new EventEmitter();
  const log: string[] = [];
  let release: () => void = () => {};
  const deps: ServeDeps = {
    env: {},
    signals,
    readFile: async (path) => {
      if (path === 'missing.pem') throw new Error('ENOENT: no such file');
      return 'PEM';
    },
    exit: (code) => log.push(`exit ${code}`),
    start:
      start ??
      (async (options: SignalingServerOptions, webRoot: string | undefined) => {
        log.push(`start ${options.host}:${options.port}${webRoot === undefined ? ' no-web' : ''}`);
        return {
          url: 'http://127.0.0.1:4321',
          close: () => {
            log.push('close');
            return new Promise<void>((resolve) => {
              release = resolve;
            });
          },
        };
      }),
  };
  return { deps, signals, log, release: () => release() };
}

/** Resolves once `predicate` holds, checking on every turn of the event loop. */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

describe('runServe', () => {
  test('starts, announces the URL, drains on SIGTERM and exits 0', async () => {
    const { deps, signals, log, release } = fakeDeps();
    const io = recordingIo();
    const exit = runServe({ port: '0' }, [], io, deps);
    await until(() => io.stderr.includes('listening'));
    assert.match(
      io.stderr,
      /listening on http:\/\/127\.0\.0\.1:4321 \(WebSocket ws:\/\/127\.0\.0\.1:4321\/v1\/ws\)/,
    );
    assert.equal(signals.listenerCount('SIGTERM'), 1);
    signals.emit('SIGTERM', 'SIGTERM');
    await until(() => log.includes('close'));
    release();
    assert.equal(await exit, 0);
    assert.deepEqual(log, ['start 127.0.0.1:0', 'close']);
    assert.equal(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT'), 0);
    assert.equal(io.stdout, '');
  });

  test('says how to build the web app when its directory has none', async () => {
    const { deps, signals, release } = fakeDeps();
    const io = recordingIo();
    const exit = runServe({ 'web-root': '/nonexistent/web' }, [], io, deps);
    await until(() => io.stderr.includes('listening'));
    assert.match(io.stderr, /no web app in \/nonexistent\/web: run `npm run build`/);
    assert.doesNotMatch(io.stderr, /open http/);
    signals.emit('SIGTERM', 'SIGTERM');
    await until(() => io.stderr.includes('draining'));
    release();
    assert.equal(await exit, 0);
  });

  test('--no-web starts signaling only and mentions no web app', async () => {
    const { deps, signals, log, release } = fakeDeps();
    const io = recordingIo();
    const exit = runServe({ 'no-web': true, port: '0' }, [], io, deps);
    await until(() => io.stderr.includes('listening'));
    assert.doesNotMatch(io.stderr, /web app|open http/);
    signals.emit('SIGTERM', 'SIGTERM');
    await until(() => log.includes('close'));
    release();
    assert.equal(await exit, 0);
    assert.deepEqual(log, ['start 127.0.0.1:0 no-web', 'close']);
  });

  test('a second signal while draining exits 1 at once', async () => {
    const { deps, signals, log, release } = fakeDeps();
    const exit = runServe({}, [], recordingIo(), deps);
    await until(() => signals.listenerCount('SIGINT') > 0);
    signals.emit('SIGINT', 'SIGINT');
    await until(() => log.includes('close'));
    signals.emit('SIGINT', 'SIGINT');
    assert.deepEqual(log, ['start 127.0.0.1:8080', 'close', 'exit 1']);
    release();
    assert.equal(await exit, 0);
  });

  test('warns when auth is off and the host is not loopback', async () => {
    const { deps, signals, release } = fakeDeps();
    const io = recordingIo();
    const exit = runServe({ host: '0.0.0.0' }, [], io, deps);
    await until(() => io.stderr.includes('listening'));
    assert.match(io.stderr, /warning: auth is off/);
    signals.emit('SIGTERM', 'SIGTERM');
    await until(() => io.stderr.includes('draining'));
    release();
    await exit;
  });

  const failures: [
    name: string,
    values: Record<string, string>,
    start: ServeDeps['start'] | undefined,
    code: number,
  ][] = [
    ['a bad flag value', { port: 'x' }, undefined, 2],
    ['an unreadable key file', { 'auth-public-key-file': 'missing.pem' }, undefined, 2],
    [
      'an option the server refuses',
      {},
      async () => Promise.reject(new RangeError('"x" must be')),
      2,
    ],
    ['a port in use', {}, async () => Promise.reject(new Error('listen EADDRINUSE')), 1],
  ];
  for (const [name, values, start, code] of failures) {
    test(`exits ${code} on ${name}, saying why on stderr`, async () => {
      const { deps, signals } = fakeDeps(start);
      const io = recordingIo();
      assert.equal(await runServe(values, [], io, deps), code);
      assert.match(io.stderr, /^switchboard serve: /);
      assert.equal(signals.listenerCount('SIGTERM'), 0);
    });
  }
});

/** The child's stderr, collected, and a promise of the first line matching `pattern`. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = text.match(pattern);
      if (match) {
        child.stderr?.off('data', onData);
        resolve(match);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`exited ${code} before printing ${pattern}: ${text}`)),
    );
  });
}

describe('switchboard serve (process)', () => {
  test('listens on the port it prints, drains a client with goaway on SIGTERM, exits 0', async (t) => {
    const env = { ...process.env };
    for (const name of ['PORT', 'HOST', 'LOG_LEVEL']) delete env[name];
    for (const name of Object.keys(env)) if (name.startsWith('SWITCHBOARD_')) delete env[name];
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => child.kill('SIGKILL'));
    const stdout: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
    const exited = once(child, 'exit');

    const [, url] = (await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:(\d+))/)) as [
      string,
      string,
    ];
    assert.doesNotMatch(url, /:0$/);
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });

    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ws`);
    const messages: { type: string }[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      messages.push(message);
      // A client told to go away closes, as the SDK does, so the drain ends early.
      if (message.type === 'goaway') ws.close(1000);
    });
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'hello', v: 1 }));
    await until(() => messages.some((m) => m.type === 'welcome'));

    const stopped = waitForLine(child, /stopped/);
    child.kill('SIGTERM');
    await stopped;
    const [code, signal] = await exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    assert.ok(
      messages.some((m) => m.type === 'goaway'),
      JSON.stringify(messages),
    );
    // stdout carries only JSON log lines.
    for (const line of stdout
      .join('')
      .split('\n')
      .filter((l) => l !== ''))
      JSON.parse(line);
  });

  test('serves the web app beside signaling and prints the URL to open', async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>call</title>');
    writeFileSync(join(root, 'assets', 'call-ABCDEFGH.js'), 'export {};');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--web-root', root], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    t.after(() => child.kill('SIGKILL'));
    const [, url] = (await waitForLine(
      child,
      /open (http:\/\/127\.0\.0\.1:\d+)\/ in a browser/,
    )) as [string, string];
    const home = await fetch(`${url}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await home.text(), '<!doctype html><title>call</title>');
    const asset = await fetch(`${url}/assets/call-ABCDEFGH.js`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    assert.equal((await fetch(`${url}/nothing-here`)).status, 404);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
  });
});
