/**
 * JSON Pointers (RFC 6901), the notation of every `path` the codec reports: `/payload/sdp`,
 * `/peers/0/presence`; the empty string is the whole message.
 */

/** Escapes one reference token: `~` becomes `~0` and `/` becomes `~1` (RFC 6901 section 3). */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
