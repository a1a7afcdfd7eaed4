/**
 * DTLS and connection-oriented media: fingerprint (RFC 8122), setup and connection
 * (RFC 4145), tls-id (RFC 8842).
 */
import { readAll } from './cursor.ts';
import { type AttributeRule, attribute } from './rule.ts';

/** `a=fingerprint:<hash function> <fingerprint>` (RFC 8122 5). */
export interface Fingerprint {
  /** As written, e.g. `sha-256`. */
  algorithm: string;
  /** Upper- or lower-case hex pairs separated by colons. */
  fingerprint: string;
}

/** `a=setup:` (RFC 4145 4). */
export interface Setup {
  role: 'active' | 'passive' | 'actpass' | 'holdconn';
}

/** `a=connection:` (RFC 4145 5). */
export interface ConnectionAttribute {
  value: 'new' | 'existing';
}

/** `a=tls-id:` (RFC 8842 4). */
export interface TlsId {
  id: string;
}

/** Digest sizes in bytes of the hash functions RFC 8122 lists. */
const DIGEST_BYTES: Readonly<Record<string, number>> = {
  'sha-1': 20,
  'sha-224': 28,
  'sha-256': 32,
  'sha-384': 48,
  'sha-512': 64,
  md5: 16,
  md2: 16,
};

export const fingerprint = attribute<Fingerprint>({
  name: 'fingerprint',
  scope: 'both',
  spec: 'RFC 8122 5',
  example:
    'a=fingerprint:sha-256 9E:65:BD:07:A7:F6:DD:05:A9:0F:23:88:8C:8F:AF:6A:64:30:C7:A3:6D:AC:2E:E5:16:D9:08:0B:55:A0:31:3F',
  parse: (value) =>
    readAll(value, (c) => {
      const algorithm = c.token('hash function');
      c.space();
      const at = c.pos;
      const fp = c.token('fingerprint');
      if (!/^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*$/.test(fp)) {
        c.fail('fingerprint must be colon-separated hex pairs', at);
      }
      // Own keys only: a hash named `constructor` or `__proto__` is simply unknown.
      const hash = algorithm.toLowerCase();
      const bytes = Object.hasOwn(DIGEST_BYTES, hash) ? DIGEST_BYTES[hash] : undefined;
      if (bytes !== undefined && (fp.length + 1) / 3 !== bytes) {
        c.fail(`a ${algorithm} fingerprint has ${bytes} bytes`, at);
      }
      return { algorithm, fingerprint: fp };
    }),
  format: (v) => `${v.algorithm} ${v.fingerprint}`,
});

const ROLES = new Set(['active', 'passive', 'actpass', 'holdconn']);

export const setup = attribute<Setup>({
  name: 'setup',
  scope: 'both',
  spec: 'RFC 4145 4',
  example: 'a=setup:actpass',
  parse: (value) =>
    readAll(value, (c) => {
      const role = c.token('role');
      if (!ROLES.has(role)) c.fail('setup must be active, passive, actpass or holdconn', 0);
      return { role: role as Setup['role'] };
    }),
  format: (v) => v.role,
});

export const connection = attribute<ConnectionAttribute>({
  name: 'connection',
  scope: 'both',
  spec: 'RFC 4145 5',
  example: 'a=connection:new',
  parse: (value) =>
    readAll(value, (c) => {
      const v = c.token('connection');
      if (v !== 'new' && v !== 'existing') c.fail('connection must be new or existing', 0);
      return { value: v as ConnectionAttribute['value'] };
    }),
  format: (v) => v.value,
});

export const tlsId = attribute<TlsId>({
  name: 'tls-id',
  scope: 'media',
  spec: 'RFC 8842 4',
  example: 'a=tls-id:abc3de65cddef001be82',
  parse: (value) =>
    readAll(value, (c) => {
      const id = c.token('tls-id');
      if (!/^[A-Za-z0-9+/]{20,255}$/.test(id)) c.fail('tls-id is 20-255 ALPHA/DIGIT/"+"/"/"', 0);
      return { id };
    }),
  format: (v) => v.id,
});

/** DTLS attributes. */
export const DTLS_RULES: readonly AttributeRule<unknown>[] = [
  fingerprint,
  setup,
  connection,
  tlsId,
];
