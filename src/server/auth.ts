/**
 * Authentication of signaling sessions: who a connection is, which rooms it may join, and
 * until when. Off by default for local use; with a shared secret (HS256) or a public key
 * (RS256, ES256, EdDSA) the token sent in `hello` is a JWT (RFC 7519) verified with `jose`.
 * Embedders can add or substitute their own check with the `authenticate` hook.
 */
import { createPublicKey, type JsonWebKeyInput, type KeyObject } from 'node:crypto';
import { errors, type JWTPayload, jwtVerify } from 'jose';

/** What a session may do, as established when it said hello. */
export interface Identity {
  /** The peer id the token names (`sub`); the server assigns one when absent. */
  peer?: string;
  /** Room names or patterns (`*` matches any run of characters) it may join; `'*'` is all. */
  rooms: string[] | '*';
  /** When the identity stops being valid (ms since the epoch), from the token's `exp`. */
  expiresAt?: number;
}

/** What the `authenticate` hook is told about a connection. */
export interface AuthContext {
  /** The token sent in `hello` (or to `/v1/validate`), if any. */
  token?: string;
  /** The `Origin` header of the upgrade request; browsers always send it. */
  origin?: string;
  /** The remote address of the connection. */
  ip: string;
  /** The identity the verified JWT grants, when a `secret` or `publicKey` is configured. */
  identity?: Identity;
}

/** Options of {@link createAuthenticator}. With none of `secret`, `publicKey` or `authenticate`, auth is off. */
export interface AuthOptions {
  /** Shared secret for HS256 tokens; at least 32 bytes (RFC 7518 3.2). */
  secret?: string | Uint8Array;
  /** Public key for RS256, ES256 (P-256) or EdDSA (Ed25519) tokens: PEM SPKI or a JWK as JSON. */
  publicKey?: string;
  /** Required `iss` claim. */
  issuer?: string;
  /** Required `aud` claim. */
  audience?: string;
  /**
   * Embedder hook, called after the JWT (if a key is configured) verified; its identity is the
   * one the session gets. Resolve to `undefined` to refuse. A hook that throws refuses too.
   */
  authenticate?: (ctx: AuthContext) => Promise<Identity | undefined>;
  /** Leeway for `exp` and `nbf`, in seconds. Default 0. */
  clockToleranceSeconds?: number;
  /** The clock (ms since the epoch) expiry is checked against. Default `Date.now`. */
  now?: () => number;
}

/** Why authentication failed, for logs and tests; the wire carries only the code and message. */
export type AuthFailureReason =
  | 'missing'
  | 'signature'
  | 'expired'
  | 'claims'
  | 'malformed'
  | 'refused';

/** The outcome of authenticating one connection. */
export type AuthResult =
  | { ok: true; identity: Identity }
  | { ok: false; code: 'SRV_ERR_UNAUTHORIZED'; message: string; reason: AuthFailureReason };

/** Authenticates the token of one connection; a bad token resolves to a failure, never a rejection. */
export type Authenticator = (
  token: string | undefined,
  ctx: { origin?: string; ip: string },
) => Promise<AuthResult>;

/** The identity of every session while auth is off. */
const ANONYMOUS: Identity = Object.freeze({ rooms: '*' }) as Identity;

/** Limits mirrored from the wire schemas (PeerId, RoomName). */
const MAX_NAME_LENGTH = 128;
const MIN_SECRET_BYTES = 32;

function fail(reason: AuthFailureReason, message: string): AuthResult {
  return { ok: false, code: 'SRV_ERR_UNAUTHORIZED', message, reason };
}

/** The algorithms a public key may verify, from its type; never HMAC (no algorithm confusion). */
function algorithmsFor(key: KeyObject): string[] {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return ['RS256'];
  if (type === 'ed25519') return ['EdDSA', 'Ed25519'];
  if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return ['ES256'];
  throw new TypeError(
    `options.publicKey must be an RSA, P-256 or Ed25519 key, got ${type ?? 'unknown'}${
      type === 'ec' ? ` (${key.asymmetricKeyDetails?.namedCurve})` : ''
    }`,
  );
}

function importPublicKey(text: string): KeyObject {
  if (typeof text !== 'string') throw new TypeError('options.publicKey must be a string');
  const trimmed = text.trim();
  const jwk = trimmed.startsWith('{');
  let parsed: unknown;
  try {
    parsed = jwk ? JSON.parse(trimmed) : trimmed;
  } catch (error) {
    throw new TypeError('options.publicKey is neither PEM nor valid JWK JSON', { cause: error });
  }
  // createPublicKey would derive the public half of a private key; refuse it instead, so a
  // signing key is never deployed to the server by mistake.
  if (
    jwk
      ? typeof parsed === 'object' && parsed !== null && 'd' in parsed
      : /PRIVATE KEY/.test(trimmed)
  ) {
    throw new TypeError(
      'options.publicKey holds a private key; give the server only the public key',
    );
  }
  try {
    return jwk
      ? createPublicKey({ key: parsed as JsonWebKeyInput['key'], format: 'jwk' })
      : createPublicKey({ key: trimmed, format: 'pem' });
  } catch (error) {
    throw new TypeError('options.publicKey must be a PEM SPKI public key or a JWK as JSON', {
      cause: error,
    });
  }
}

function secretBytes(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.byteLength < MIN_SECRET_BYTES) {
    throw new RangeError(
      `options.secret must be at least ${MIN_SECRET_BYTES} bytes for HS256 (RFC 7518 3.2), got ${bytes.byteLength}`,
    );
  }
  return bytes;
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
}

/** The identity a verified claims set grants, or why the claims are unusable. */
function identityFromClaims(claims: JWTPayload): Identity | string {
  const identity: Identity = { rooms: '*' };
  if (claims.sub !== undefined) {
    if (!isName(claims.sub))
      return `the token's "sub" claim must be 1-${MAX_NAME_LENGTH} characters`;
    identity.peer = claims.sub;
  }
  const rooms = claims.rooms;
  if (rooms === undefined) return `the token's "rooms" claim is missing`;
  if (rooms !== '*') {
    if (!Array.isArray(rooms) || !rooms.every((r) => isName(r) && !/\s/.test(r))) {
      return `the token's "rooms" claim must be "*" or an array of room names or patterns`;
    }
    identity.rooms = [...rooms];
  }
  if (claims.exp !== undefined) identity.expiresAt = claims.exp * 1000;
  return identity;
}

/** A one-line reason for a `jose` verification error. */
function joseFailure(error: unknown): AuthResult {
  if (error instanceof errors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? error.payload.exp : undefined;
    const at = exp === undefined ? '' : ` at ${new Date(exp * 1000).toISOString()}`;
    return fail('expired', `the token expired${at}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return fail('signature', 'the token signature does not verify');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return fail('claims', 'the token is not valid yet ("nbf")');
    const why = error.reason === 'missing' ? 'is missing' : 'does not match this server';
    return fail('claims', `the token's "${error.claim}" claim ${why}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return fail('malformed', 'the token is signed with an algorithm this server does not accept');
  }
  if (error instanceof errors.JOSEError) {
    return fail(
      'malformed',
      'the token is malformed: expected a signed JWT (header.payload.signature)',
    );
  }
  throw error;
}

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.rooms === '*' || (Array.isArray(v.rooms) && v.rooms.every((r) => typeof r === 'string'))) &&
    (v.peer === undefined || isName(v.peer)) &&
    (v.expiresAt === undefined || Number.isFinite(v.expiresAt))
  );
}

/**
 * Creates the authenticator a server runs on every `hello` (and token refresh).
 *
 * Without options auth is off and every session gets `{ rooms: '*' }`. With `secret` and/or
 * `publicKey`, a JWT is required: `sub` names the peer, `rooms` lists the rooms (names or
 * `*` patterns, or `"*"`) it may join, `exp` becomes `expiresAt`; `iss`/`aud` are checked
 * when configured. Throws `TypeError`/`RangeError` for unusable options.
 */
export function createAuthenticator(options: AuthOptions = {}): Authenticator {
  const { issuer, audience, authenticate } = options;
  const now = options.now ?? Date.now;
  const secret = options.secret === undefined ? undefined : secretBytes(options.secret);
  const publicKey =
    options.publicKey === undefined ? undefined : importPublicKey(options.publicKey);
  const tolerance = options.clockToleranceSeconds ?? 0;
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new RangeError('options.clockToleranceSeconds must be a non-negative number');
  }
  if (authenticate !== undefined && typeof authenticate !== 'function') {
    throw new TypeError('options.authenticate must be a function');
  }
  const algorithms = [
    ...(secret === undefined ? [] : ['HS256']),
    ...(publicKey === undefined ? [] : algorithmsFor(publicKey)),
  ];
  const keyed = algorithms.length > 0;
  // With both keys the header's alg picks one; `algorithms` already bars any other alg.
  const key =
    secret !== undefined && publicKey !== undefined
      ? (header: { alg?: string }) => (header.alg === 'HS256' ? secret : publicKey)
      : (secret ?? publicKey);

  async function verify(token: string): Promise<AuthResult> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as NonNullable<typeof key>, {
        algorithms,
        clockTolerance: tolerance,
        currentDate: new Date(now()),
        ...(issuer === undefined ? {} : { issuer }),
        ...(audience === undefined ? {} : { audience }),
      }));
    } catch (error) {
      return joseFailure(error);
    }
    const identity = identityFromClaims(payload);
    return typeof identity === 'string' ? fail('claims', identity) : { ok: true, identity };
  }

  async function hook(
    check: NonNullable<AuthOptions['authenticate']>,
    ctx: AuthContext,
  ): Promise<AuthResult> {
    let identity: Identity | undefined;
    try {
      identity = await check(ctx);
    } catch {
      // The hook's error may hold internals; the client only learns that it refused.
      return fail('refused', 'authentication failed: the authenticate hook threw');
    }
    if (identity === undefined)
      return fail('refused', 'the authenticate hook refused the connection');
    if (!isIdentity(identity)) {
      return fail(
        'refused',
        'authentication failed: the authenticate hook returned an invalid identity',
      );
    }
    return { ok: true, identity };
  }

  return async (token, ctx) => {
    let identity: Identity | undefined;
    if (keyed) {
      if (token === undefined || token === '') {
        return fail('missing', 'a token is required: send a JWT in hello');
      }
      const verified = await verify(token);
      if (!verified.ok) return verified;
      identity = verified.identity;
    }
    if (authenticate !== undefined) {
      return hook(authenticate, {
        ip: ctx.ip,
        ...(token === undefined ? {} : { token }),
        ...(ctx.origin === undefined ? {} : { origin: ctx.origin }),
        ...(identity === undefined ? {} : { identity }),
      });
    }
    return { ok: true, identity: identity ?? ANONYMOUS };
  };
}

/**
 * Whether `text` matches `pattern`, where `*` matches any run of characters (also none)
 * and everything else matches itself. Linear-time two-pointer match: no regex, no ReDoS.
 */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether `identity` may join `room`: `'*'`, an equal name, or a matching `*` pattern. */
export function roomAllowed(identity: Identity, room: string): boolean {
  if (identity.rooms === '*') return true;
  return identity.rooms.some((pattern) => globMatch(pattern, room));
}

/** Lower-cased, without a trailing slash: how browsers serialize an origin (RFC 6454 6.1). */
function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

/**
 * Whether a request from `origin` is allowed by the allowlist. No list allows everything.
 * A missing `Origin` is allowed: browsers always send one on WebSocket upgrades, so its
 * absence means a non-browser client, which could send any Origin anyway; the allowlist
 * guards against other web pages, tokens guard against everyone. Entries may use `*`
 * (`https://*.example.com`); `'*'` alone allows every origin. `null` must be listed.
 */
export function originAllowed(
  allowedOrigins: readonly string[] | undefined,
  origin: string | undefined,
): boolean {
  if (allowedOrigins === undefined || origin === undefined) return true;
  const actual = normalizeOrigin(origin);
  return allowedOrigins.some((entry) => globMatch(normalizeOrigin(entry), actual));
}
