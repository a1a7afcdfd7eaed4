/**
 * Room requests: `join` (answered by `joined`, announced to the others as `peer-joined`),
 * `leave` (`left`; others get `peer-left`) and `presence` (`presence-updated`; others get
 * `peer-updated`).
 * Every change takes the room's next version, so a receiver can drop stale updates.
 *
 * A join with a peer id that another session holds in the room replaces that session:
 * the others see `peer-left` (reason `kicked`) then `peer-joined`, and the replaced
 * session ends everywhere and its socket is closed with 4004.
 */
import type { ClientMessages } from 'switchboard/protocol';
import { roomAllowed } from './auth.ts';
import { broadcast } from './outbox.ts';
import { memberView } from './polite.ts';
import { announceEnded } from './resume.ts';
import type { SessionScope } from './scope.ts';

const JOIN_REFUSALS = {
  full: ['SRV_ERR_ROOM_FULL', 'the room is full'],
  'not-found': ['SRV_ERR_ROOM_NOT_FOUND', 'the room does not exist'],
  'too-many-rooms': ['SRV_ERR_TOO_MANY_ROOMS', 'the session is in too many rooms'],
  'unknown-session': ['SRV_ERR_RESUME_FAILED', 'the session has ended'],
} as const;

/** Handles `join`. */
export async function handleJoin(scope: SessionScope, msg: ClientMessages['join']): Promise<void> {
  const { ctx } = scope;
  const { options, adapter } = ctx;
  if (!roomAllowed(scope.identity, msg.room)) {
    scope.error('SRV_ERR_FORBIDDEN', `the token does not allow room ${msg.room}`, msg.id);
    return;
  }
  const result = await adapter.join(msg.room, scope.session, msg.presence ?? {}, {
    createOnJoin: options.rooms.createOnJoin,
    maxPeers: options.rooms.maxPeers,
    maxRoomsPerSession: options.limits.maxRoomsPerSession,
    now: ctx.clock.now(),
  });
  if (!result.ok) {
    const [code, message] = JOIN_REFUSALS[result.reason];
    scope.error(code, `${message}: ${msg.room}`, msg.id);
    return;
  }
  if (result.created) ctx.metrics.rooms.inc();
  scope.reply({
    type: 'joined',
    ref: msg.id,
    room: msg.room,
    self: { peer: scope.peer, version: result.self.version },
    peers: result.others.map((member) => memberView(member, scope.peer)),
  });
  if (result.already) return;
  const { replaced } = result;
  if (replaced !== undefined) {
    await broadcast(ctx, result.others, () => ({
      type: 'peer-left',
      room: msg.room,
      peer: replaced.member.peer,
      version: replaced.version,
      reason: 'kicked',
    }));
  }
  await broadcast(ctx, result.others, (member) => ({
    type: 'peer-joined',
    room: msg.room,
    member: memberView(result.self, member.peer),
  }));
  if (replaced !== undefined) {
    const old = replaced.member.session;
    ctx.logger.info(
      { room: msg.room, peer: scope.peer, old, session: scope.session },
      'peer replaced',
    );
    await adapter.publish(old, {
      type: 'terminate',
      code: 4004,
      reason: `replaced by a new session of peer ${scope.peer}`,
    });
    const ended = await adapter.endSession(old, ctx.clock.now());
    if (ended !== undefined) await announceEnded(ctx, ended, 'kicked');
  }
}

/** Handles `leave`. */
export async function handleLeave(
  scope: SessionScope,
  msg: ClientMessages['leave'],
): Promise<void> {
  const { ctx } = scope;
  const departure = await ctx.adapter.leave(msg.room, scope.session, ctx.clock.now());
  if (departure === undefined) {
    scope.error('SRV_ERR_NOT_IN_ROOM', `not a member of room ${msg.room}`, msg.id);
    return;
  }
  scope.reply({ type: 'left', ref: msg.id, room: msg.room });
  await broadcast(ctx, departure.remaining, () => ({
    type: 'peer-left',
    room: msg.room,
    peer: scope.peer,
    version: departure.version,
    reason: 'left',
  }));
}

/**
 * Handles `presence`: the others get `peer-updated`, then the sender `presence-updated` with
 * its new version, so a resolved request means every other member has the change queued.
 */
export async function handlePresence(
  scope: SessionScope,
  msg: ClientMessages['presence'],
): Promise<void> {
  const { ctx } = scope;
  const updated = await ctx.adapter.updatePresence(msg.room, scope.session, msg.presence);
  if (updated === undefined) {
    scope.error('SRV_ERR_NOT_IN_ROOM', `not a member of room ${msg.room}`, msg.id);
    return;
  }
  await broadcast(ctx, updated.others, (member) => ({
    type: 'peer-updated',
    room: msg.room,
    member: memberView(updated.member, member.peer),
  }));
  scope.reply({
    type: 'presence-updated',
    ref: msg.id,
    room: msg.room,
    version: updated.member.version,
  });
}
