/**
 * Sending a numbered message to a session, wherever its socket is: append it to the
 * session's buffer (which assigns the seq and keeps it until acknowledged), then publish it
 * to the instance holding the socket. A session without a socket keeps it for replay.
 */
import type {
  AppendInput,
  AppendResult,
  BufferLimits,
  MessageOrigin,
  RoomMember,
  SynchronousOperations,
  UnsequencedMessage,
} from './adapter.ts';
import type { ServerContext } from './context.ts';

/** Room events and feedback are small; this bounds their size estimate without encoding. */
function estimateBytes(message: UnsequencedMessage): number {
  return JSON.stringify(message).length + 16;
}

/** How `sendSequenced` buffers a message. */
export interface SequencedOptions {
  /** For a relayed signal: who sent it. */
  origin?: MessageOrigin;
  /** Bounds of the buffer; without, the message goes in whatever the buffer holds. */
  limits?: BufferLimits;
  /** Its size, counted against `limits.maxBytes`; estimated when not given. */
  bytes?: number;
  /** Its JSON text up to its seq (see `AppendInput.head`). */
  head?: string;
}

function appendInput(
  ctx: ServerContext,
  message: UnsequencedMessage,
  options: SequencedOptions,
): AppendInput {
  const input: AppendInput = {
    message,
    bytes: options.bytes ?? estimateBytes(message),
    at: ctx.clock.now(),
  };
  if (options.origin !== undefined) input.origin = options.origin;
  if (options.head !== undefined) input.head = options.head;
  return input;
}

/**
 * Appends `message` to `session`'s buffer and publishes it. `limits` bounds the buffer
 * (relayed signals); room events and feedback go in unbounded so no member misses one.
 */
export async function sendSequenced(
  ctx: ServerContext,
  session: string,
  message: UnsequencedMessage,
  options: SequencedOptions = {},
): Promise<AppendResult> {
  const result = await ctx.adapter.append(
    session,
    appendInput(ctx, message, options),
    options.limits,
  );
  if (result.ok) await ctx.adapter.publish(session, { type: 'message', entry: result.entry });
  return result;
}

/** {@link sendSequenced} on the adapter's synchronous operations: done when it returns. */
export function sendSequencedSync(
  ctx: ServerContext,
  sync: SynchronousOperations,
  session: string,
  message: UnsequencedMessage,
  options: SequencedOptions = {},
): AppendResult {
  const result = sync.append(session, appendInput(ctx, message, options), options.limits);
  if (result.ok) sync.publish(session, { type: 'message', entry: result.entry });
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
