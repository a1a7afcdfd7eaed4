/**
 * The error catalogue of `switchboard/negotiation`.
 *
 * Every error a negotiation step throws has a stable code here. Codes are never reused
 * for another meaning; a retired code stays in the table with `retired: true`.
 * docs/errors.md is kept in sync with this table by a test.
 */
import type { SdpProblem } from 'switchboard/sdp';
import type { SignalingState, SignalingStep } from './signaling-state.ts';

/** One entry of the catalogue, as printed in docs/errors.md. */
export interface NegErrorInfo {
  /** Short description; the meaning column of the docs table. */
  readonly summary: string;
  /** The DOMException name a browser rejects with in the same situation (W3C webrtc-pc). */
  readonly w3c: 'InvalidStateError' | 'InvalidAccessError';
}

/** All codes a negotiation step can throw. */
export const NEG_ERRORS = Object.freeze({
  NEG_ERR_INVALID_STATE: {
    summary: 'The step is not allowed in the current signaling state.',
    w3c: 'InvalidStateError',
  },
  NEG_ERR_CLOSED: {
    summary: 'The session is closed; only `close()` is still allowed.',
    w3c: 'InvalidStateError',
  },
  NEG_ERR_INVALID_DESCRIPTION: {
    summary: 'A description does not parse, or lacks what the step needs.',
    w3c: 'InvalidAccessError',
  },
} as const satisfies Record<string, NegErrorInfo>);

/** A stable error code of `switchboard/negotiation`. */
export type NegErrorCode = keyof typeof NEG_ERRORS;

/**
 * A step as named in errors and test names: a signaling step of the transition table, or
 * one of the other session operations that depend on the state.
 */
export type NegotiationStep =
  | SignalingStep
  | 'createOffer()'
  | 'createAnswer()'
  | 'addTransceiver()'
  | 'createDataChannel()';

/** Typed context of a `NegotiationError`; which fields are set depends on the code. */
export interface NegotiationErrorContext {
  /** State errors: the signaling state the step was attempted in. */
  readonly state?: SignalingState;
  /** State errors: the step, in the notation of the transition table. */
  readonly step?: NegotiationStep;
  /** Description errors: the `validate` problems that made a remote description unusable. */
  readonly problems?: readonly SdpProblem[];
  /** The underlying error, e.g. the `SdpParseError` of a description that does not parse. */
  readonly cause?: unknown;
}

/**
 * Thrown by negotiation steps. `code` is stable (see docs/errors.md); state errors carry
 * the transition that was refused, and their message is written in the notation of the
 * transition table: `stable -> setRemote(answer): InvalidStateError`.
 */
export class NegotiationError extends Error {
  override readonly name = 'NegotiationError';
  readonly code: NegErrorCode;
  readonly state: SignalingState | undefined;
  readonly step: NegotiationStep | undefined;
  readonly problems: readonly SdpProblem[];

  constructor(code: NegErrorCode, message: string, context: NegotiationErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.state = context.state;
    this.step = context.step;
    this.problems = context.problems ?? [];
  }
}

/** Is `value` a `NegotiationError`? Works across module copies too. */
export function isNegotiationError(value: unknown): value is NegotiationError {
  return (
    value instanceof NegotiationError ||
    (value instanceof Error && value.name === 'NegotiationError' && 'code' in value)
  );
}

/** `<state> -> <step>`: how a transition is written in errors and test names. */
export function transitionName(state: SignalingState, step: NegotiationStep): string {
  return `${state} -> ${step}`;
}

/**
 * The error for a step refused in `state`: `NEG_ERR_CLOSED` in the closed state,
 * `NEG_ERR_INVALID_STATE` otherwise. Both are an InvalidStateError to W3C webrtc-pc, and
 * the message says so: `have-remote-offer -> createOffer(): InvalidStateError`.
 */
export function invalidStateError(state: SignalingState, step: NegotiationStep): NegotiationError {
  const code: NegErrorCode = state === 'closed' ? 'NEG_ERR_CLOSED' : 'NEG_ERR_INVALID_STATE';
  return new NegotiationError(code, `${transitionName(state, step)}: InvalidStateError`, {
    state,
    step,
  });
}
