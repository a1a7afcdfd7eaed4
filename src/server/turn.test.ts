import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  assertTurnOptions,
  type TurnOptions,
  turnCredential,
  turnIceServers,
  turnRefreshDelayMs,
} from './turn.ts';

const NOW = Date.UTC(2026, 0, 1); // 1767225600 s
const SECRET = 'coturn-shared-secret';
const TURN: TurnOptions = {
  secret: SECRET,
  uris: ['turn:turn.example:3478?transport=udp', 'turns:turn.example:5349?transport=tcp'],
};

describe('turnIceServers', () => {
  test('matches a vector computed with openssl (dgst -sha1 -hmac | base64)', () => {
    // printf '%s' '1767312000:alice' | openssl dgst -sha1 -hmac coturn-shared-secret -binary | base64
    assert.deepEqual(turnIceServers(TURN, 'alice', NOW), [
      {
        urls: TURN.uris,
        username: '1767312000:alice',
        credential: '5kxwMSPEA7J0B7YM3Fa9yR3+w4w=',
      },
    ]);
  });

  test('credential is base64 HMAC-SHA1 of the username under the secret', () => {
    const [server] = turnIceServers(TURN, 'peer:with:colons', NOW + 123_456);
    assert.ok(server?.username !== undefined);
    const expected = createHmac('sha1', SECRET).update(server.username).digest('base64');
    assert.equal(server.credential, expected);
    assert.equal(turnCredential(SECRET, server.username), expected);
  });

  const expiries: [name: string, options: Partial<TurnOptions>, nowMs: number, expiry: number][] = [
    ['default TTL is a day', {}, NOW, 1767225600 + 86_400],
    ['custom TTL', { ttlSeconds: 600 }, NOW, 1767225600 + 600],
    ['now is floored to whole seconds', { ttlSeconds: 600 }, NOW + 999, 1767225600 + 600],
    ['the next second counts', { ttlSeconds: 600 }, NOW + 1000, 1767225601 + 600],
  ];
  for (const [name, options, nowMs, expiry] of expiries) {
    test(`username expiry: ${name}`, () => {
      const [server] = turnIceServers({ ...TURN, ...options }, 'bob', nowMs);
      assert.equal(server?.username, `${expiry}:bob`);
    });
  }

  test('puts stun: URIs in their own entry without credentials', () => {
    const servers = turnIceServers(
      { secret: SECRET, uris: ['stun:stun.example:3478', 'turn:turn.example'] },
      'x',
      NOW,
    );
    assert.equal(servers.length, 2);
    assert.deepEqual(servers[0]?.urls, ['turn:turn.example']);
    assert.deepEqual(servers[1], { urls: ['stun:stun.example:3478'] });
  });

  const misuse: [name: string, options: TurnOptions, error: typeof TypeError][] = [
    ['an empty secret', { ...TURN, secret: '' }, TypeError],
    ['no URIs', { ...TURN, uris: [] }, TypeError],
    ['an http URI', { ...TURN, uris: ['http://turn.example'] }, TypeError],
    ['a zero TTL', { ...TURN, ttlSeconds: 0 }, RangeError],
    ['a fractional TTL', { ...TURN, ttlSeconds: 1.5 }, RangeError],
  ];
  for (const [name, options, error] of misuse) {
    test(`throws ${error.name} for ${name}`, () => {
      assert.throws(() => assertTurnOptions(options), error);
      assert.throws(() => turnIceServers(options, 'x', NOW), error);
    });
  }
});

describe('turnRefreshDelayMs', () => {
  const cases: [ttlSeconds: number | undefined, delayMs: number][] = [
    [undefined, 69_120_000],
    [600, 480_000],
    [1, 800],
    // 60 days: 80% is more than a Node timer can wait; capped instead of firing at once.
    [60 * 86_400, 2 ** 31 - 1],
  ];
  for (const [ttlSeconds, delayMs] of cases) {
    test(`ttl ${ttlSeconds ?? 'default'} s -> refresh after ${delayMs} ms`, () => {
      assert.equal(turnRefreshDelayMs(ttlSeconds === undefined ? {} : { ttlSeconds }), delayMs);
    });
  }

  test('refreshes before the credentials minted at the same time expire', () => {
    const options = { ...TURN, ttlSeconds: 300 };
    const [server] = turnIceServers(options, 'a', NOW);
    const expiryMs = Number(server?.username?.split(':')[0]) * 1000;
    assert.ok(NOW + turnRefreshDelayMs(options) < expiryMs);
  });
});
