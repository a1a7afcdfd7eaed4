/**
 * Sending a numbered message to a session, wherever its socket is: append it to the
 * session's buffer (which assigns the seq and keeps it until acknowledged), then publish it
 * to the instance holding the socket. A session without a socket keeps it for replay.
 */
import type {
  AppendResult,
  BufferLimits,
  MessageOrigin,
  RoomMember,
  UnsequencedMessage,
} from './adapter.ts';
import type { ServerContext } from './context.ts';

/** Room events and feedback are small; this bounds their size estimate without encoding. */
function estimateBytes(message: UnsequencedMessage): number {
  return JSON.stringify(message).length + 16;
}

/**
 * Appends `message` to `session`'s buffer and publishes it. `limits` bounds the buffer
 * (relayed signals); room events and feedback go in unbounded so no member misses one.
 */
export async function sendSequenced(
  ctx: ServerContext,
  session: string,
  message: UnsequencedMessage,
  options: { origin?: MessageOrigin; limits?: BufferLimits; bytes?: number } = {},
): Promise<AppendResult> {
  const result = await ctx.adapter.append(
    session,
    {
      message,
      bytes: options.bytes ?? estimateBytes(message),
      at: ctx.clock.now(),
      ...(options.origin === undefined ? {} : { origin: options.origin }),
    },
    options.limits,
  );
  if (result.ok) await ctx.adapter.publish(session, { type: 'message', entry: result.entry });
  return result;
}

/** Sends `message(member)` to each of `members`, logging (never throwing) failures. */
export async function broadcast(
  ctx: ServerContext,
  members: readonly RoomMember[],
  message: (member: RoomMember) => UnsequencedMessage,
): Promise<void> {
  await Promise.all(
    members.map(async (member) => {
      const session = member.session;
      try {
        const result = await sendSequenced(ctx, session, message(member));
        // A session that ended meanwhile has nobody left to tell.
        if (!result.ok && result.reason !== 'unknown-session') {
          ctx.logger.warn({ session, reason: result.reason }, 'room event not buffered');
        }
      } catch (error) {
        ctx.logger.error({ err: error, session }, 'room event failed');
      }
    }),
  );
}
