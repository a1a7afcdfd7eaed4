import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULTS, resolveOptions, type SignalingServerOptions } from './options.ts';

test('DEFAULTS is frozen all the way down', () => {
  assert.ok(Object.isFrozen(DEFAULTS));
  assert.ok(Object.isFrozen(DEFAULTS.limits));
  assert.ok(Object.isFrozen(DEFAULTS.rooms));
  assert.ok(Object.isFrozen(DEFAULTS.resume));
});

test('merges groups over the defaults key by key', () => {
  const resolved = resolveOptions({ port: 0, limits: { burst: 5 }, rooms: { maxPeers: 3 } });
  assert.equal(resolved.limits.burst, 5);
  assert.equal(resolved.limits.maxFrameBytes, DEFAULTS.limits.maxFrameBytes);
  assert.equal(resolved.rooms.maxPeers, 3);
  assert.equal(resolved.rooms.createOnJoin, true);
  assert.equal(resolved.path, '/v1/ws');
  assert.equal(resolved.heartbeatMs, 25_000);
  assert.ok(Object.isFrozen(resolved) && Object.isFrozen(resolved.limits));
});

test('the HTTP fallback is on by default at /v1/sse, and can be moved or turned off', () => {
  assert.deepEqual(resolveOptions({ port: 0 }).httpFallback, {
    enabled: true,
    path: '/v1/sse',
    keepAliveMs: 15_000,
  });
  const moved = resolveOptions({ port: 0, httpFallback: { path: '/signal/sse' } });
  assert.equal(moved.httpFallback.path, '/signal/sse');
  assert.ok(Object.isFrozen(moved.httpFallback));
  const off = resolveOptions({ port: 0, httpFallback: { enabled: false } });
  assert.equal(off.httpFallback.enabled, false);
});

const rejected: [string, SignalingServerOptions, typeof TypeError | typeof RangeError, RegExp][] = [
  ['neither port nor server', {}, TypeError, /"port" and "server"/],
  ['both port and server', { port: 0, server: {} as never }, TypeError, /"port" and "server"/],
  ['a port out of range', { port: 70_000 }, RangeError, /"port"/],
  ['a fractional port', { port: 1.5 }, TypeError, /"port"/],
  ['an unknown option', { port: 0, prot: 1 } as never, TypeError, /"prot" is not an option/],
  [
    'an unknown group key',
    { port: 0, rooms: { maxPeer: 3 } } as never,
    TypeError,
    /"rooms.maxPeer" is not an option/,
  ],
  ['a path without a slash', { port: 0, path: 'ws' }, TypeError, /"path"/],
  [
    'a heartbeat of 60 s (proxies cut idle sockets at 60 s)',
    { port: 0, heartbeatMs: 60_000 },
    RangeError,
    /"heartbeatMs"/,
  ],
  ['a string limit', { port: 0, limits: { burst: '5' as never } }, TypeError, /"limits.burst"/],
  [
    'a zero message rate',
    { port: 0, limits: { messagesPerSecond: 0 } },
    RangeError,
    /"limits.messagesPerSecond"/,
  ],
  ['rooms of one peer', { port: 0, rooms: { maxPeers: 1 } }, RangeError, /"rooms.maxPeers"/],
  [
    'a non-boolean createOnJoin',
    { port: 0, rooms: { createOnJoin: 1 as never } },
    TypeError,
    /"rooms.createOnJoin"/,
  ],
  [
    'a negative resume window',
    { port: 0, resume: { windowMs: -1 } },
    RangeError,
    /"resume.windowMs"/,
  ],
  ['a clock without timers', { port: 0, clock: { now: () => 0 } as never }, TypeError, /"clock"/],
  ['an adapter missing methods', { port: 0, adapter: {} as never }, TypeError, /"adapter"/],
  ['ICE servers without urls', { port: 0, iceServers: [{}] as never }, TypeError, /"iceServers"/],
  [
    'TURN without a secret',
    { port: 0, turn: { secret: '', uris: ['turn:x'] } },
    TypeError,
    /turn.secret/,
  ],
  ['host with server', { server: { on() {} } as never, host: 'x' }, TypeError, /"host"/],
  [
    'a non-boolean httpFallback.enabled',
    { port: 0, httpFallback: { enabled: 'yes' as never } },
    TypeError,
    /"httpFallback.enabled"/,
  ],
  [
    'an httpFallback.path without a slash',
    { port: 0, httpFallback: { path: 'sse' } },
    TypeError,
    /"httpFallback.path"/,
  ],
  [
    'an httpFallback.path equal to path',
    { port: 0, path: '/signal', httpFallback: { path: '/signal' } },
    TypeError,
    /"httpFallback.path" must differ/,
  ],
  [
    'a keep-alive of 60 s (proxies cut idle streams at 60 s)',
    { port: 0, httpFallback: { keepAliveMs: 60_000 } },
    RangeError,
    /"httpFallback.keepAliveMs"/,
  ],
];
for (const [what, options, type, message] of rejected) {
  test(`throws ${type.name} for ${what}`, () => {
    assert.throws(
      () => resolveOptions(options),
      (error: Error) => {
        assert.ok(error instanceof type, `${error.constructor.name}: ${error.message}`);
        assert.match(error.message, message);
        return true;
      },
    );
  });
}
