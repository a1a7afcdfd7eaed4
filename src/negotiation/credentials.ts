/**
 * Fresh transport credentials. ICE ufrag and pwd come from a CSPRNG in ice-chars with
 * the lengths browsers use (RFC 8839 5.4: at least 24 bits of randomness in the ufrag and
 * 128 in the pwd). A generated fingerprint is random bytes in fingerprint syntax: right for
 * tests and signaling tools that never run DTLS; a real endpoint passes its certificate's.
 */
import type { TransportCredentials } from './capabilities.ts';

const ICE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `length` random ice-chars; 64 symbols, so each byte maps without bias. */
function randomIceChars(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ICE_CHARS[b & 63];
  return out;
}

/** A new ICE ufrag (4 characters, as libwebrtc) and pwd (24 characters). */
export function createIceCredentials(): { ufrag: string; pwd: string } {
  return { ufrag: randomIceChars(4), pwd: randomIceChars(24) };
}

/** A random sha-256 fingerprint value, upper-case hex pairs separated by colons. */
export function createRandomFingerprint(): { algorithm: string; fingerprint: string } {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  const hex = [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0'));
  return { algorithm: 'sha-256', fingerprint: hex.join(':') };
}

/** Complete credentials: new ICE values and, unless given, a random fingerprint. */
export function createTransportCredentials(
  fingerprints?: TransportCredentials['fingerprints'],
): TransportCredentials {
  return { ...createIceCredentials(), fingerprints: fingerprints ?? [createRandomFingerprint()] };
}

/** A random 64-bit-safe session id for o= (RFC 8866 5.2: a numeric string). */
export function createSessionId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  // libwebrtc keeps the top bit clear so the id reads as a positive int64.
  bytes[0] = (bytes[0] as number) & 0x7f;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n.toString();
}
