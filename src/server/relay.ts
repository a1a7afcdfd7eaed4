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
import type { ReceiveResult, SynchronousOperations, UnsequencedMessage } from './adapter.ts';
import { type SequencedOptions, sendSequenced, sendSequencedSync } from './outbox.ts';
import { soleMember } from './raw-json.ts';
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

/**
 * Handles one `signal`; `bytes` is the size of its frame, counted against the addressee's
 * buffer. `frame`, when given, is the text `msg` was decoded from: a payload that may be
 * relayed as written (see {@link verbatimPayload}) is taken from it, not serialized again.
 */
export async function handleSignal(
  scope: SessionScope,
  msg: ClientMessages['signal'],
  bytes: number,
  frame?: string,
): Promise<SignalResult> {
  const received = await receive(scope, msg.seq);
  if (received.status !== 'accepted') return notAccepted(received);
  return { outcome: await relay(scope, msg, bytes, frame), received: msg.seq };
}

/**
 * {@link handleSignal} on the adapter's synchronous operations: the same steps in the same
 * order, done when it returns.
 */
export function handleSignalSync(
  scope: SessionScope,
  sync: SynchronousOperations,
  msg: ClientMessages['signal'],
  bytes: number,
  frame?: string,
): SignalResult {
  const received = sync.receive(scope.session, msg.seq);
  reportGap(scope, msg.seq, received);
  if (received.status !== 'accepted') return notAccepted(received);
  return { outcome: relaySync(scope, sync, msg, bytes, frame), received: msg.seq };
}

/** What became of a signal `receive` did not accept: a duplicate, a gap, or no session. */
function notAccepted(received: ReceiveResult): SignalResult {
  if (received.status === 'unknown-session') return { outcome: 'session-ended' };
  return { outcome: received.status === 'gap' ? 'gap' : 'duplicate', received: received.received };
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
  const received = await scope.ctx.adapter.receive(scope.session, seq);
  reportGap(scope, seq, received);
  if (received.status !== 'accepted') return notAccepted(received);
  scope.error(code, message, seq);
  return { outcome: 'rejected', received: seq };
}

/** Checks `seq` against the session's stream; reports a gap to the client. */
async function receive(scope: SessionScope, seq: number): Promise<ReceiveResult> {
  const received = await scope.ctx.adapter.receive(scope.session, seq);
  reportGap(scope, seq, received);
  return received;
}

function reportGap(scope: SessionScope, seq: number, received: ReceiveResult): void {
  if (received.status === 'gap') {
    scope.error(
      'SRV_ERR_SEQUENCE',
      `seq ${seq} skips ahead: expected ${received.received + 1}`,
      seq,
    );
  }
}

/**
 * Answers the sender's own mistakes (not a member of the room as this session, `to` itself,
 * a payload that does not parse); true when there was one and the signal is not relayed.
 */
function refused(
  scope: SessionScope,
  msg: ClientMessages['signal'],
  senderSession: string | undefined,
): boolean {
  if (senderSession !== scope.session) {
    scope.error('SRV_ERR_NOT_IN_ROOM', `not a member of room ${msg.room}`, msg.seq);
    return true;
  }
  if (msg.to === scope.peer) {
    scope.error('PROTO_ERR_INVALID_MESSAGE', '/to names the sender itself', msg.seq);
    return true;
  }
  const problem = checkPayload(msg.payload);
  if (problem !== undefined) {
    scope.error(problem.code, problem.message, msg.seq, problem.position);
    return true;
  }
  return false;
}

/**
 * The JSON text of `msg.payload` in `frame` (the text `msg` was decoded from), when it may
 * be relayed as written: a `data` payload (the application's own, only schema-checked; a
 * description or candidate is serialized from the value that was checked), given once in
 * the frame and with one `kind`, so that a parser keeping the first of duplicate keys reads
 * what `JSON.parse` read here. The text parses to `msg.payload` itself.
 */
export function verbatimPayload(frame: string, msg: ClientMessages['signal']): string | undefined {
  if (msg.payload.kind !== 'data') return undefined;
  return soleMember(frame, 'payload', 'kind');
}

/**
 * The `signal` the addressee gets, with its frame's JSON up to the seq: the same members in
 * the same order as `encode` gives, the payload as the sender wrote it when it may be (see
 * {@link verbatimPayload}).
 */
export function relayedSignal(
  peer: string,
  msg: ClientMessages['signal'],
  frame?: string,
): { message: UnsequencedMessage; head: string } {
  const verbatim = frame === undefined ? undefined : verbatimPayload(frame, msg);
  const payload = verbatim ?? JSON.stringify(msg.payload);
  return {
    message: { type: 'signal', room: msg.room, from: peer, payload: msg.payload },
    head: `{"type":"signal","room":${JSON.stringify(msg.room)},"from":${JSON.stringify(peer)},"payload":${payload},"seq":`,
  };
}

function relayOptions(
  scope: SessionScope,
  msg: ClientMessages['signal'],
  bytes: number,
  head: string,
): SequencedOptions {
  return {
    origin: { session: scope.session, ref: msg.seq },
    limits: scope.ctx.options.resume,
    bytes,
    head,
  };
}

function undeliverable(
  msg: ClientMessages['signal'],
  reason: 'not-in-room' | 'buffer-full',
): UnsequencedMessage {
  return { type: 'undeliverable', ref: msg.seq, to: msg.to, reason };
}

/** Relays a consumed signal, or answers why not. */
async function relay(
  scope: SessionScope,
  msg: ClientMessages['signal'],
  bytes: number,
  frame: string | undefined,
): Promise<SignalOutcome> {
  const { ctx } = scope;
  const { adapter } = ctx;
  const sender = await adapter.member(msg.room, scope.peer);
  if (refused(scope, msg, sender?.session)) return 'rejected';
  const addressee = await adapter.member(msg.room, msg.to);
  let reason: 'not-in-room' | 'buffer-full' = 'not-in-room';
  if (addressee !== undefined) {
    const { message, head } = relayedSignal(scope.peer, msg, frame);
    const options = relayOptions(scope, msg, bytes, head);
    const result = await sendSequenced(ctx, addressee.session, message, options);
    if (result.ok) {
      ctx.metrics.messagesRelayed.inc();
      return 'relayed';
    }
    if (result.reason === 'buffer-full') reason = 'buffer-full';
  }
  await sendSequenced(ctx, scope.session, undeliverable(msg, reason));
  return 'undeliverable';
}

/** {@link relay} on the adapter's synchronous operations. */
function relaySync(
  scope: SessionScope,
  sync: SynchronousOperations,
  msg: ClientMessages['signal'],
  bytes: number,
  frame: string | undefined,
): SignalOutcome {
  const { ctx } = scope;
  if (refused(scope, msg, sync.memberSession(msg.room, scope.peer))) return 'rejected';
  const addressee = sync.memberSession(msg.room, msg.to);
  let reason: 'not-in-room' | 'buffer-full' = 'not-in-room';
  if (addressee !== undefined) {
    const { message, head } = relayedSignal(scope.peer, msg, frame);
    const options = relayOptions(scope, msg, bytes, head);
    const result = sendSequencedSync(ctx, sync, addressee, message, options);
    if (result.ok) {
      ctx.metrics.messagesRelayed.inc();
      return 'relayed';
    }
    if (result.reason === 'buffer-full') reason = 'buffer-full';
  }
  sendSequencedSync(ctx, sync, scope.session, undeliverable(msg, reason));
  return 'undeliverable';
}
