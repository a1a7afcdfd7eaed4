/**
 * Session resume and its end: CSPRNG resume tokens (stored only as a hash), the check a
 * resuming `hello` must pass, and what happens when a session ends without resuming:
 * its rooms see `peer-left`, and every sender whose signals were still buffered for it gets
 * one `expired` notice listing their refs. Nothing buffered disappears without a word.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EndedSession } from './adapter.ts';
import type { ServerContext } from './context.ts';
import { broadcast, sendSequenced } from './outbox.ts';

/** Why a session ended, as `peer-left.reason` tells its rooms. */
export type EndReason = 'left' | 'expired' | 'kicked';

/** A new session id and resume token (32 random bytes, base64url). */
export function createSessionCredentials(): { id: string; token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { id: randomUUID(), token, tokenHash: hashToken(token) };
}

/** The stored form of a resume token: SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `token` is the one `tokenHash` was made from, in constant time. */
export function tokenMatches(token: string, tokenHash: string): boolean {
  const actual = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(tokenHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Tells everyone concerned that `ended` is gone: `peer-left` (with `reason`) to the members
 * remaining in each of its rooms, then `expired` to each sender of signals it never
 * acknowledged. Failures are logged, never thrown.
 */
export async function announceEnded(
  ctx: ServerContext,
  ended: EndedSession,
  reason: EndReason,
): Promise<void> {
  const { session } = ended;
  ctx.metrics.sessions.dec();
  await Promise.all(
    ended.departures.map((departure) =>
      broadcast(ctx, departure.remaining, () => ({
        type: 'peer-left',
        room: departure.room,
        peer: session.peer,
        version: departure.version,
        reason,
      })),
    ),
  );
  const refsBySender = new Map<string, number[]>();
  for (const entry of ended.pending) {
    if (entry.origin === undefined || entry.message.type !== 'signal') continue;
    const refs = refsBySender.get(entry.origin.session) ?? [];
    refs.push(entry.origin.ref);
    refsBySender.set(entry.origin.session, refs);
  }
  await Promise.all(
    [...refsBySender].map(async ([sender, refs]) => {
      ctx.metrics.messagesExpired.inc(refs.length);
      try {
        const result = await sendSequenced(ctx, sender, {
          type: 'expired',
          refs: refs.sort((a, b) => a - b),
          to: session.peer,
        });
        if (!result.ok && result.reason !== 'unknown-session') {
          ctx.logger.warn({ sender, refs }, 'expired notice not buffered');
        }
      } catch (error) {
        ctx.logger.error({ err: error, sender }, 'expired notice failed');
      }
    }),
  );
  ctx.logger.debug(
    { session: session.id, peer: session.peer, reason, pending: ended.pending.length },
    'session ended',
  );
}

/**
 * One sweep: ends the dropped sessions whose resume window is over (announcing each as
 * `expired`) and deletes rooms empty for longer than `rooms.emptyTimeoutMs`.
 */
export async function sweep(ctx: ServerContext): Promise<void> {
  const now = ctx.clock.now();
  const ended = await ctx.adapter.expireSessions(now);
  await Promise.all(ended.map((session) => announceEnded(ctx, session, 'expired')));
  const rooms = await ctx.adapter.expireRooms(now - ctx.options.rooms.emptyTimeoutMs);
  if (rooms.length > 0) {
    ctx.metrics.rooms.dec(rooms.length);
    ctx.logger.debug({ rooms }, 'empty rooms expired');
  }
}
