/**
 * Short-lived TURN credentials in the TURN REST API scheme (draft-uberti-behave-turn-rest-00),
 * which coturn implements as `use-auth-secret` + `static-auth-secret`: the username is
 * `<expiry unix seconds>:<identity>` and the password is base64(HMAC-SHA1(secret, username)).
 * The TURN server recomputes the password from the username and refuses it after the expiry.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../protocol/messages.ts';

/** How to mint TURN credentials. */
export interface TurnOptions {
  /** The secret shared with the TURN server (coturn `static-auth-secret`). */
  secret: string;
  /** `turn:`/`turns:` URIs (RFC 7065) of the TURN server; `stun:` URIs are passed on without credentials. */
  uris: string[];
  /** How long credentials stay valid, in seconds. Default 86400 (a day). */
  ttlSeconds?: number;
}

/** Defaults of {@link TurnOptions}. */
export const TURN_DEFAULTS = Object.freeze({ ttlSeconds: 86_400 });

/** Fraction of the TTL after which fresh credentials are pushed, leaving time for slow clients. */
const REFRESH_AT = 0.8;
/** The longest delay `setTimeout` honours (2^31-1 ms, about 24.8 days); longer fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Throws a `TypeError`/`RangeError` naming the option when `options` cannot mint credentials. */
export function assertTurnOptions(options: TurnOptions): void {
  if (typeof options.secret !== 'string' || options.secret === '') {
    throw new TypeError('turn.secret must be a non-empty string');
  }
  if (!Array.isArray(options.uris) || options.uris.length === 0) {
    throw new TypeError('turn.uris must be a non-empty array of turn:, turns: or stun: URIs');
  }
  for (const uri of options.uris) {
    if (typeof uri !== 'string' || !/^(turns?|stuns?):/i.test(uri)) {
      throw new TypeError(`turn.uris: ${JSON.stringify(uri)} is not a turn:, turns: or stun: URI`);
    }
  }
  const ttl = options.ttlSeconds ?? TURN_DEFAULTS.ttlSeconds;
  if (!(Number.isInteger(ttl) && ttl > 0)) {
    throw new RangeError(`turn.ttlSeconds must be a positive integer, got ${ttl}`);
  }
}

/** The TURN REST password for `username`: base64(HMAC-SHA1(secret, username)). */
export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * The ICE servers to announce to `identity` at `nowMs`: one entry with the TURN URIs and
 * credentials valid until `floor(nowMs / 1000) + ttlSeconds`, and, when configured, one
 * entry with the STUN URIs (STUN needs no credentials).
 */
export function turnIceServers(options: TurnOptions, identity: string, nowMs: number): IceServer[] {
  assertTurnOptions(options);
  const ttl = options.ttlSeconds ?? TURN_DEFAULTS.ttlSeconds;
  const expiry = Math.floor(nowMs / 1000) + ttl;
  const username = `${expiry}:${identity}`;
  const turn = options.uris.filter((uri) => /^turns?:/i.test(uri));
  const stun = options.uris.filter((uri) => /^stuns?:/i.test(uri));
  const servers: IceServer[] = [];
  if (turn.length > 0) {
    servers.push({ urls: turn, username, credential: turnCredential(options.secret, username) });
  }
  if (stun.length > 0) servers.push({ urls: stun });
  return servers;
}

/**
 * How long after minting credentials the server should push fresh ones (an `ice-servers`
 * message): at 80% of the TTL, capped at the longest delay a Node timer accepts.
 */
export function turnRefreshDelayMs(options: Pick<TurnOptions, 'ttlSeconds'>): number {
  const ttl = options.ttlSeconds ?? TURN_DEFAULTS.ttlSeconds;
  return Math.min(Math.floor(ttl * 1000 * REFRESH_AT), MAX_TIMER_MS);
}
