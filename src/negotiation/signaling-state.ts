/**
 * The signaling state machine of W3C webrtc-pc (4.3.1 RTCSignalingState, 4.4.1.5 set the
 * session description, 4.4.1.6 setRemoteDescription), written once as data: a table from
 * state and step to the next state. A step missing from a state's row is refused with an
 * InvalidStateError, and errors and tests name it in the table's own notation:
 * `stable -> setRemote(answer): InvalidStateError`.
 *
 * Where the rows come from:
 *
 * - An offer, answer or pranswer is valid only in the states RFC 9429 5.5 (local) and
 *   5.6 (remote) list; W3C webrtc-pc rejects the others with InvalidStateError.
 * - `rollback` is refused in `stable`, `have-local-pranswer` and `have-remote-pranswer`
 *   (W3C webrtc-pc, "set a session description", step 2); elsewhere it returns to `stable`
 *   through either method, as RFC 9429 5.7 requires the same effect from both.
 * - `setRemote(offer)` in `have-local-offer` is the implicit rollback of W3C webrtc-pc
 *   setRemoteDescription: the local offer is rolled back, then the remote one applied.
 *   The table holds the net effect; in the pranswer states that rollback is refused.
 * - `close()` closes from every state and is a no-op once closed; nothing else is allowed
 *   in `closed` (the operations chain rejects with InvalidStateError).
 */
import { invalidStateError } from './errors.ts';

/** RTCSignalingState, spelled as in W3C webrtc-pc 4.3.1. */
export const SIGNALING_STATES = [
  'stable',
  'have-local-offer',
  'have-remote-offer',
  'have-local-pranswer',
  'have-remote-pranswer',
  'closed',
] as const;

/** A signaling state. */
export type SignalingState = (typeof SIGNALING_STATES)[number];

/** The steps that move the state machine: `setLocal(<type>)`, `setRemote(<type>)`, `close()`. */
export const SIGNALING_STEPS = [
  'setLocal(offer)',
  'setLocal(answer)',
  'setLocal(pranswer)',
  'setLocal(rollback)',
  'setRemote(offer)',
  'setRemote(answer)',
  'setRemote(pranswer)',
  'setRemote(rollback)',
  'close()',
] as const;

/** A step of the signaling state machine. */
export type SignalingStep = (typeof SIGNALING_STEPS)[number];

/** The `type` of an RTCSessionDescription (W3C webrtc-pc 4.6.1 RTCSdpType). */
export type SdpType = 'offer' | 'answer' | 'pranswer' | 'rollback';

type Row = Readonly<Partial<Record<SignalingStep, SignalingState>>>;

/** state -> step -> next state. A step missing from a row is an InvalidStateError. */
export const SIGNALING_TRANSITIONS: Readonly<Record<SignalingState, Row>> = Object.freeze({
  stable: Object.freeze({
    'setLocal(offer)': 'have-local-offer',
    'setRemote(offer)': 'have-remote-offer',
    'close()': 'closed',
  }),
  'have-local-offer': Object.freeze({
    'setLocal(offer)': 'have-local-offer',
    'setLocal(rollback)': 'stable',
    'setRemote(offer)': 'have-remote-offer',
    'setRemote(answer)': 'stable',
    'setRemote(pranswer)': 'have-remote-pranswer',
    'setRemote(rollback)': 'stable',
    'close()': 'closed',
  }),
  'have-remote-offer': Object.freeze({
    'setLocal(answer)': 'stable',
    'setLocal(pranswer)': 'have-local-pranswer',
    'setLocal(rollback)': 'stable',
    'setRemote(offer)': 'have-remote-offer',
    'setRemote(rollback)': 'stable',
    'close()': 'closed',
  }),
  'have-local-pranswer': Object.freeze({
    'setLocal(answer)': 'stable',
    'setLocal(pranswer)': 'have-local-pranswer',
    'close()': 'closed',
  }),
  'have-remote-pranswer': Object.freeze({
    'setRemote(answer)': 'stable',
    'setRemote(pranswer)': 'have-remote-pranswer',
    'close()': 'closed',
  }),
  closed: Object.freeze({
    'close()': 'closed',
  }),
});

/** The step that applies a description of `type` locally or remotely. */
export function descriptionStep(side: 'local' | 'remote', type: SdpType): SignalingStep {
  return `${side === 'local' ? 'setLocal' : 'setRemote'}(${type})`;
}

/**
 * The state after `step` in `state`. Throws a `NegotiationError` when the table has no
 * such transition: `NEG_ERR_INVALID_STATE`, or `NEG_ERR_CLOSED` in the closed state.
 *
 * @example nextSignalingState('have-local-offer', 'setRemote(pranswer)') // 'have-remote-pranswer'
 */
export function nextSignalingState(state: SignalingState, step: SignalingStep): SignalingState {
  const next = SIGNALING_TRANSITIONS[state]?.[step];
  if (next === undefined) {
    if (!(state in SIGNALING_TRANSITIONS)) {
      throw new TypeError(`nextSignalingState: unknown state ${JSON.stringify(state)}`);
    }
    if (!SIGNALING_STEPS.includes(step)) {
      throw new TypeError(`nextSignalingState: unknown step ${JSON.stringify(step)}`);
    }
    throw invalidStateError(state, step);
  }
  return next;
}
