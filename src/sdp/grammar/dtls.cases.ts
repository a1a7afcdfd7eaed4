/**
 * Well-formed and malformed cases of the DTLS attributes (dtls.ts), run by dtls.test.ts and
 * counted by coverage.test.ts. Data only: importing this module registers no tests.
 */
import { type MalformedCase, scope, type ValidAttributes } from './table-harness.ts';

export const FP256 =
  '9E:65:BD:07:A7:F6:DD:05:A9:0F:23:88:8C:8F:AF:6A:64:30:C7:A3:6D:AC:2E:E5:16:D9:08:0B:55:A0:31:3F';
export const FP1 = 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01';

export const DTLS_VALID = {
  fingerprint: [
    { line: `a=fingerprint:sha-256 ${FP256}`, value: { algorithm: 'sha-256', fingerprint: FP256 } },
    {
      line: `a=fingerprint:SHA-256 ${FP256}`,
      value: { algorithm: 'SHA-256', fingerprint: FP256 },
      level: 'session',
    },
    { line: `a=fingerprint:sha-1 ${FP1}`, value: { algorithm: 'sha-1', fingerprint: FP1 } },
    { line: 'a=fingerprint:x-hash AB:CD', value: { algorithm: 'x-hash', fingerprint: 'AB:CD' } },
    // Hash names are looked up in a table; names of Object.prototype members are not hashes.
    {
      line: 'a=fingerprint:constructor AB:CD',
      value: { algorithm: 'constructor', fingerprint: 'AB:CD' },
    },
    {
      line: 'a=fingerprint:__proto__ AB:CD',
      value: { algorithm: '__proto__', fingerprint: 'AB:CD' },
    },
  ],
  setup: [
    { line: 'a=setup:actpass', value: { role: 'actpass' } },
    { line: 'a=setup:active', value: { role: 'active' } },
    { line: 'a=setup:passive', value: { role: 'passive' }, level: 'session' },
    { line: 'a=setup:holdconn', value: { role: 'holdconn' } },
  ],
  connection: [
    { line: 'a=connection:new', value: { value: 'new' } },
    { line: 'a=connection:existing', value: { value: 'existing' }, level: 'session' },
  ],
  'tls-id': [
    { line: 'a=tls-id:abc3de65cddef001be82', value: { id: 'abc3de65cddef001be82' } },
    { line: 'a=tls-id:dGxzLWlk+/dGxzLWlkdGxzLWlk', value: { id: 'dGxzLWlk+/dGxzLWlkdGxzLWlk' } },
  ],
} satisfies ValidAttributes;

export const DTLS_MALFORMED: MalformedCase[] = [
  // fingerprint
  { line: `a=fingerprint:sha-256 ${FP256.slice(0, -3)}`, at: FP256.slice(0, -3) },
  { line: `a=fingerprint:sha-1 ${FP256}`, at: FP256 },
  { line: 'a=fingerprint:sha-256 9E:65:ZZ', at: '9E:65:ZZ' },
  { line: 'a=fingerprint:sha-256 9E65', at: '9E65' },
  { line: 'a=fingerprint:sha-256', at: '' },
  { line: `a=fingerprint:sha-256 ${FP256} x`, at: ' x' },
  // setup, connection, tls-id
  { line: 'a=setup:server', at: 'server' },
  { line: 'a=setup:', at: '' },
  { line: 'a=connection:old', at: 'old' },
  { line: 'a=tls-id:short', at: 'short' },
  { line: 'a=tls-id:abc3de65cddef001be82-', at: 'abc3de65cddef001be82-' },
  scope('a=tls-id:abc3de65cddef001be82', 'session'),
];
