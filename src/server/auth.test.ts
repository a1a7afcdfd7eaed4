import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  type JWTPayload,
  SignJWT,
} from 'jose';
import {
  type AuthFailureReason,
  type AuthOptions,
  type AuthResult,
  createAuthenticator,
  type Identity,
  originAllowed,
  roomAllowed,
} from './auth.ts';

const NOW = Date.UTC(2026, 0, 1); // ms
const NOW_S = NOW / 1000;
const SECRET = 'test-secret-of-at-least-thirty-two-bytes!';
const OTHER_SECRET = 'another-secret-of-at-least-thirty-two-bytes';
const CTX = { ip: '127.0.0.1', origin: 'https://app.example' };
const enc = (s: string) => new TextEncoder().encode(s);

const es256 = await generateKeyPair('ES256', { extractable: true });
const es256Pem = await exportSPKI(es256.publicKey);
const es256Jwk = JSON.stringify(await exportJWK(es256.publicKey));
const otherEs256 = await generateKeyPair('ES256');
const ed25519 = await generateKeyPair('EdDSA', { extractable: true });
const ed25519Pem = await exportSPKI(ed25519.publicKey);
const es256PrivatePem = await exportPKCS8(es256.privateKey);
const es256PrivateJwk = JSON.stringify(await exportJWK(es256.privateKey));

type Key = Uint8Array | CryptoKey;

/** A signed token: `claims` over the defaults (rooms, an hour of validity from NOW). */
function sign(claims: JWTPayload, key: Key = enc(SECRET), alg = 'HS256'): Promise<string> {
  return new SignJWT({ rooms: ['lobby'], iat: NOW_S, exp: NOW_S + 3600, ...claims })
    .setProtectedHeader({ alg })
    .sign(key);
}

/** An `alg: none` token, which no configured server may accept. */
function unsecured(claims: JWTPayload): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none' })}.${b64({ rooms: ['lobby'], ...claims })}.`;
}

function authenticator(options: AuthOptions) {
  return createAuthenticator({ now: () => NOW, ...options });
}

function assertFails(result: AuthResult, reason: AuthFailureReason): void {
  assert.equal(result.ok, false, `expected a ${reason} failure`);
  if (result.ok) return;
  assert.equal(result.code, 'SRV_ERR_UNAUTHORIZED');
  assert.equal(result.reason, reason, result.message);
  assert.ok(result.message.length > 0);
}

describe('createAuthenticator: auth off', () => {
  test('gives every connection the anonymous identity with all rooms', async () => {
    const auth = createAuthenticator();
    assert.deepEqual(await auth(undefined, CTX), { ok: true, identity: { rooms: '*' } });
  });

  test('ignores a token instead of trusting its unverified claims', async () => {
    const auth = createAuthenticator({});
    const result = await auth(await sign({ sub: 'mallory', rooms: ['x'] }), CTX);
    assert.deepEqual(result, { ok: true, identity: { rooms: '*' } });
  });
});

describe('createAuthenticator: HS256', () => {
  const auth = authenticator({ secret: SECRET, issuer: 'https://issuer', audience: 'sb' });
  const good: JWTPayload = { iss: 'https://issuer', aud: 'sb' };

  const failures: [name: string, token: () => Promise<string | undefined>, AuthFailureReason][] = [
    ['no token', async () => undefined, 'missing'],
    ['empty token', async () => '', 'missing'],
    ['not a JWT', async () => 'not-a-jwt', 'malformed'],
    ['three garbage parts', async () => 'a.b.c', 'malformed'],
    ['alg none', async () => unsecured(good), 'malformed'],
    ['ES256 token on an HS256 server', () => sign(good, es256.privateKey, 'ES256'), 'malformed'],
    ['bad signature (other secret)', () => sign(good, enc(OTHER_SECRET)), 'signature'],
    [
      'tampered payload',
      async () => {
        const [h, , s] = (await sign(good)).split('.');
        const payload = Buffer.from(JSON.stringify({ ...good, rooms: '*' })).toString('base64url');
        return `${h}.${payload}.${s}`;
      },
      'signature',
    ],
    ['expired', () => sign({ ...good, exp: NOW_S - 1 }), 'expired'],
    ['not valid yet (nbf)', () => sign({ ...good, nbf: NOW_S + 60 }), 'claims'],
    ['wrong issuer', () => sign({ ...good, iss: 'https://evil' }), 'claims'],
    ['wrong audience', () => sign({ ...good, aud: 'other' }), 'claims'],
    ['no rooms claim', () => sign({ ...good, rooms: undefined }), 'claims'],
    ['rooms claim not a list', () => sign({ ...good, rooms: 'lobby' }), 'claims'],
    ['rooms claim with a non-string', () => sign({ ...good, rooms: ['a', 1] }), 'claims'],
    ['rooms claim with whitespace', () => sign({ ...good, rooms: ['a b'] }), 'claims'],
    ['sub too long', () => sign({ ...good, sub: 'x'.repeat(129) }), 'claims'],
  ];
  for (const [name, token, reason] of failures) {
    test(`${name} -> SRV_ERR_UNAUTHORIZED (${reason})`, async () => {
      assertFails(await auth(await token(), CTX), reason);
    });
  }

  test('the expired message names the expiry', async () => {
    const result = await auth(await sign({ ...good, exp: NOW_S - 1 }), CTX);
    assert.ok(!result.ok && result.message.includes(new Date(NOW - 1000).toISOString()));
  });

  test('a valid token -> peer from sub, rooms, expiresAt from exp in ms', async () => {
    const result = await auth(await sign({ ...good, sub: 'alice', rooms: ['team-*', 'x'] }), CTX);
    assert.deepEqual(result, {
      ok: true,
      identity: { peer: 'alice', rooms: ['team-*', 'x'], expiresAt: (NOW_S + 3600) * 1000 },
    });
  });

  test('rooms "*" grants every room; no sub leaves the peer to the server', async () => {
    const result = await auth(await sign({ ...good, rooms: '*' }), CTX);
    assert.deepEqual(result, {
      ok: true,
      identity: { rooms: '*', expiresAt: (NOW_S + 3600) * 1000 },
    });
  });

  test('clockToleranceSeconds accepts a just-expired token', async () => {
    const lenient = authenticator({ secret: SECRET, clockToleranceSeconds: 5 });
    assert.equal((await lenient(await sign({ exp: NOW_S - 2 }), CTX)).ok, true);
  });

  test('a Uint8Array secret works like the string', async () => {
    const bytes = authenticator({ secret: enc(SECRET) });
    assert.equal((await bytes(await sign({}), CTX)).ok, true);
  });
});

describe('createAuthenticator: public keys', () => {
  const keys: [name: string, publicKey: string, privateKey: CryptoKey, alg: string][] = [
    ['ES256 PEM', es256Pem, es256.privateKey, 'ES256'],
    ['ES256 JWK', es256Jwk, es256.privateKey, 'ES256'],
    ['EdDSA PEM', ed25519Pem, ed25519.privateKey, 'EdDSA'],
  ];
  for (const [name, publicKey, privateKey, alg] of keys) {
    test(`${name}: accepts its own token`, async () => {
      const auth = authenticator({ publicKey });
      const result = await auth(await sign({ sub: 'bob' }, privateKey, alg), CTX);
      assert.equal(result.ok, true);
      assert.equal(result.ok && result.identity.peer, 'bob');
    });
  }

  test('ES256: a token signed by another key -> signature', async () => {
    const auth = authenticator({ publicKey: es256Pem });
    assertFails(await auth(await sign({}, otherEs256.privateKey, 'ES256'), CTX), 'signature');
  });

  test('ES256: an HS256 token keyed with the public PEM (alg confusion) -> malformed', async () => {
    const auth = authenticator({ publicKey: es256Pem });
    assertFails(await auth(await sign({}, enc(es256Pem)), CTX), 'malformed');
  });

  test('ES256: expired -> expired', async () => {
    const auth = authenticator({ publicKey: es256Pem });
    const token = await sign({ exp: NOW_S - 10 }, es256.privateKey, 'ES256');
    assertFails(await auth(token, CTX), 'expired');
  });

  test('RS256 PEM: accepts its own token', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const auth = authenticator({ publicKey: pem });
    const token = await new SignJWT({ rooms: '*' })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    assert.equal((await auth(token, CTX)).ok, true);
  });

  test('secret and public key together accept both kinds of token', async () => {
    const auth = authenticator({ secret: SECRET, publicKey: es256Pem });
    assert.equal((await auth(await sign({}), CTX)).ok, true);
    assert.equal((await auth(await sign({}, es256.privateKey, 'ES256'), CTX)).ok, true);
    assertFails(await auth(await sign({}, otherEs256.privateKey, 'ES256'), CTX), 'signature');
  });
});

describe('createAuthenticator: the authenticate hook', () => {
  test('receives token, origin and ip, and its identity is the session identity', async () => {
    const seen: unknown[] = [];
    const auth = authenticator({
      authenticate: async (ctx) => {
        seen.push(ctx);
        return ctx.token === 'let-me-in' ? { peer: 'carol', rooms: ['a'] } : undefined;
      },
    });
    assert.deepEqual(await auth('let-me-in', CTX), {
      ok: true,
      identity: { peer: 'carol', rooms: ['a'] },
    });
    assertFails(await auth('nope', CTX), 'refused');
    assertFails(await auth(undefined, { ip: '::1' }), 'refused');
    assert.deepEqual(seen, [
      { token: 'let-me-in', ...CTX },
      { token: 'nope', ...CTX },
      { ip: '::1' },
    ]);
  });

  test('runs after JWT verification and sees the verified identity', async () => {
    let called = 0;
    const auth = authenticator({
      secret: SECRET,
      authenticate: async ({ identity }) => {
        called++;
        return identity && { ...identity, rooms: ['narrowed'] };
      },
    });
    const result = await auth(await sign({ sub: 'dave', rooms: '*' }), CTX);
    assert.deepEqual(result.ok && result.identity, {
      peer: 'dave',
      rooms: ['narrowed'],
      expiresAt: (NOW_S + 3600) * 1000,
    });
    assertFails(await auth(await sign({}, enc(OTHER_SECRET)), CTX), 'signature');
    assert.equal(called, 1, 'the hook is not asked about tokens that fail verification');
  });

  const broken: [name: string, hook: () => Promise<Identity | undefined>][] = [
    ['throws', async () => Promise.reject(new Error('db down at 10.0.0.7'))],
    ['returns an invalid identity', async () => ({ rooms: 'all' }) as unknown as Identity],
  ];
  for (const [name, hook] of broken) {
    test(`a hook that ${name} refuses without leaking details`, async () => {
      const result = await authenticator({ authenticate: hook })('t', CTX);
      assertFails(result, 'refused');
      assert.ok(!result.ok && !result.message.includes('10.0.0.7'));
    });
  }
});

describe('createAuthenticator: options', () => {
  const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  const misuse: [name: string, options: AuthOptions, error: typeof TypeError][] = [
    ['a secret under 32 bytes', { secret: 'short' }, RangeError],
    ['a publicKey that is not a key', { publicKey: 'hello' }, TypeError],
    ['a publicKey of broken JSON', { publicKey: '{"kty":' }, TypeError],
    [
      'a P-384 publicKey',
      { publicKey: p384.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      TypeError,
    ],
    ['a private key PEM', { publicKey: es256PrivatePem }, TypeError],
    ['a private JWK', { publicKey: es256PrivateJwk }, TypeError],
    ['a negative clock tolerance', { secret: SECRET, clockToleranceSeconds: -1 }, RangeError],
    [
      'a hook that is not a function',
      { authenticate: 'yes' as unknown as AuthOptions['authenticate'] },
      TypeError,
    ],
  ];
  for (const [name, options, error] of misuse) {
    test(`throws ${error.name} for ${name}`, () => {
      assert.throws(() => createAuthenticator(options), error);
    });
  }
});

describe('roomAllowed', () => {
  const cases: [rooms: Identity['rooms'], room: string, allowed: boolean][] = [
    ['*', 'anything', true],
    [[], 'lobby', false],
    [['lobby'], 'lobby', true],
    [['lobby'], 'lobby2', false],
    [['lobby'], 'Lobby', false],
    [['team-*'], 'team-a', true],
    [['team-*'], 'team-', true],
    [['team-*'], 'team', false],
    [['team-*'], 'xteam-a', false],
    [['*-prod'], 'eu-prod', true],
    [['*-prod'], 'eu-prod-2', false],
    [['a*b*c'], 'aXXbYYc', true],
    [['a*b*c'], 'aXXcYYb', false],
    [['*'], 'anything', true],
    [['x', 'team-*'], 'team-z', true],
    [['team.*'], 'teamXa', false],
    [['(a|b)*'], 'a', false],
  ];
  for (const [rooms, room, allowed] of cases) {
    test(`${JSON.stringify(rooms)} ${allowed ? 'allows' : 'refuses'} ${room}`, () => {
      assert.equal(roomAllowed({ rooms }, room), allowed);
    });
  }

  test('matches a long adversarial pattern quickly', () => {
    const start = performance.now();
    assert.equal(roomAllowed({ rooms: [`${'*a'.repeat(60)}b`] }, 'a'.repeat(128)), false);
    assert.ok(performance.now() - start < 200);
  });
});

describe('originAllowed', () => {
  const cases: [list: string[] | undefined, origin: string | undefined, allowed: boolean][] = [
    [undefined, 'https://evil.example', true],
    [['https://app.example'], undefined, true],
    [['https://app.example'], 'https://app.example', true],
    [['https://app.example/'], 'https://app.example', true],
    [['HTTPS://App.Example'], 'https://app.example', true],
    [['https://app.example'], 'https://app.example:8443', false],
    [['https://app.example'], 'http://app.example', false],
    [['https://app.example'], 'https://app.example.evil', false],
    [['https://*.example.com'], 'https://eu.example.com', true],
    [['https://*.example.com'], 'https://example.com', false],
    [['https://app.example'], 'null', false],
    [['null'], 'null', true],
    [['*'], 'https://anything', true],
    [[], 'https://app.example', false],
  ];
  for (const [list, origin, allowed] of cases) {
    test(`${JSON.stringify(list)} ${allowed ? 'allows' : 'refuses'} ${origin}`, () => {
      assert.equal(originAllowed(list, origin), allowed);
    });
  }
});
