/**
 * Relay of `signal` messages, with these outcomes for each client seq:
 *
 * - duplicate (seq already received, e.g. replayed after a resume): not relayed again;
 *   the next `ack` covers it.
 * - gap (seq skips ahead): `error SRV_ERR_SEQUENCE` with `ref` = seq; not recorded, so the
 *   client resends from the first unacknowledged seq.
 * - otherwise the seq is consumed (acknowledged) and exactly one of:
 *   - refused before handling (`refuseSignal`): a signal that fails its schema or exceeds
 *     the rate limit gets that `error` (`PROTO_ERR_INVALID_MESSAGE`, `SRV_ERR_RATE_LIMITED`);
 *   - relayed: the addressee gets `signal` with `from` stamped by the server (whatever the
 *     sender wrote there is ignored);
 *   - `error` with `ref` = seq, for the sender's own mistakes: `SRV_ERR_NOT_IN_ROOM` (the
 *     sender is not in that room), `SRV_ERR_INVALID_SDP` (with `line`/`column`),
 *     `SRV_ERR_INVALID_CANDIDATE`, `PROTO_ERR_INVALID_MESSAGE` (`to` is the sender);
 *   - `undeliverable` with `ref` = seq, when the addressee cannot take it through no fault of
 *     the sender: `not-in-room` (not, or no longer, a member of that room; a normal race with
 *     a leave) or `buffer-full` (it has too much unacknowledged). `undeliverable` is numbered,
 *     so it survives the sender's own resume.
 */
import type { ClientMessages, SignalPayload, WireErrorCode } from 'switchboard/protocol';
import { isSdpParseError, parse, parseCandidate } from 'switchboard/sdp';
import type { ReceiveResult } from './adapter.ts';
import { sendSequenced } from './outbox.ts';
import type { ErrorPosition, SessionScope } from './scope.ts';

/** What `handleSignal` did with one signal, and the last client seq consumed after it. */
export interface SignalResult {
  outcome: SignalOutcome;
  received?: number;
}

/** What happened to one signal. */
export type SignalOutcome =
  | 'relayed'
  | 'duplicate'
  | 'gap'
  | 'rejected'
  | 'undeliverable'
  | 'session-ended';

interface PayloadProblem {
  code: WireErrorCode;
  message: string;
  position?: ErrorPosition;
}

/** `a=candidate:` or `candidate:` prefixes, as RTCIceCandidate.candidate carries them. */
const CANDIDATE_PREFIX = /^(?:a=)?candidate:/;

/**
 * Checks what a payload carries: a description must parse with `switchboard/sdp` (a
 * rollback carries no SDP to check); a candidate must parse as an a=candidate value (an
 * empty string is the end-of-candidates indication, RFC 8838 / W3C addIceCandidate).
 */
export function checkPayload(payload: SignalPayload): PayloadProblem | undefined {
  if (payload.kind === 'description') {
    const { type, sdp } = payload.description;
    if (type === 'rollback') return undefined;
    try {
      parse(sdp);
      return undefined;
    } catch (error) {
      if (isSdpParseError(error)) {
        return {
          code: 'SRV_ERR_INVALID_SDP',
          message: `the ${type} does not parse: ${error.message} (${error.code})`,
          position: { line: error.line, column: error.column },
        };
      }
      return { code: 'SRV_ERR_INVALID_SDP', message: `the ${type} does not parse` };
    }
  }
  if (payload.kind === 'candidate') {
    const text = payload.candidate.candidate;
    if (text === '') return undefined;
    try {
      parseCandidate(text.replace(CANDIDATE_PREFIX, ''));
      return undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'malformed';
      return {
        code: 'SRV_ERR_INVALID_CANDIDATE',
        message: `the candidate does not parse: ${reason}`,
      };
    }
  }
  return undefined;
}

/** Handles one `signal`; `bytes` is the size of its frame, counted against the addressee's buffer. */
export async function handleSignal(
  scope: SessionScope,
  msg: ClientMessages['signal'],
  bytes: number,
): Promise<SignalResult> {
  const received = await receive(scope, msg.seq);
  if (received.status !== 'accepted') {
    return received.status === 'unknown-session'
      ? { outcome: 'session-ended' }
      : { outcome: received.status, received: received.received };
  }
  return { outcome: await relay(scope, msg, bytes), received: msg.seq };
}

/**
 * Consumes a signal refused before it could be handled (malformed, rate limited): if `seq`
 * is the next one, the sender gets `error code` with `ref` = seq and the ack covers it.
 */
export async function refuseSignal(
  scope: SessionScope,
  seq: number,
  code: WireErrorCode,
  message: string,
): Promise<SignalResult> {
  const received = await receive(scope, seq);
  if (received.status === 'unknown-session') return { outcome: 'session-ended' };
  if (received.status !== 'accepted')
    return { outcome: received.status, received: received.received };
  scope.error(code, message, seq);
  return { outcome: 'rejected', received: seq };
}

/** Checks `seq` against the session's stream; reports a gap to the client. */
async function receive(scope: SessionScope, seq: number): Promise<ReceiveResult> {
  const received = await scope.ctx.adapter.receive(scope.session, seq);
  if (received.status === 'gap') {
    scope.error(
      'SRV_ERR_SEQUENCE',
      `seq ${seq} skips ahead: expected ${received.received + 1}`,
      seq,
    );
  }
  return received;
}

/** Relays a consumed signal, or answers why not. */
async function relay(
  scope: SessionScope,
  msg: ClientMessages['signal'],
  bytes: number,
): Promise<SignalOutcome> {
  const { ctx } = scope;
  const { adapter } = ctx;
  const sender = await adapter.member(msg.room, scope.peer);
  if (sender === undefined || sender.session !== scope.session) {
    scope.error('SRV_ERR_NOT_IN_ROOM', `not a member of room ${msg.room}`, msg.seq);
    return 'rejected';
  }
  if (msg.to === scope.peer) {
    scope.error('PROTO_ERR_INVALID_MESSAGE', '/to names the sender itself', msg.seq);
    return 'rejected';
  }
  const problem = checkPayload(msg.payload);
  if (problem !== undefined) {
    scope.error(problem.code, problem.message, msg.seq, problem.position);
    return 'rejected';
  }
  const addressee = await adapter.member(msg.room, msg.to);
  let reason: 'not-in-room' | 'buffer-full' = 'not-in-room';
  if (addressee !== undefined) {
    const result = await sendSequenced(
      ctx,
      addressee.session,
      { type: 'signal', room: msg.room, from: scope.peer, payload: msg.payload },
      {
        origin: { session: scope.session, ref: msg.seq },
        limits: ctx.options.resume,
        bytes,
      },
    );
    if (result.ok) {
      ctx.metrics.messagesRelayed.inc();
      return 'relayed';
    }
    if (result.reason === 'buffer-full') reason = 'buffer-full';
  }
  await sendSequenced(ctx, scope.session, {
    type: 'undeliverable',
    ref: msg.seq,
    to: msg.to,
    reason,
  });
  return 'undeliverable';
}
