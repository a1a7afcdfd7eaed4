import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NegErrorCode, NegotiationError } from './errors.ts';
import {
  nextSignalingState,
  SIGNALING_STATES,
  SIGNALING_STEPS,
  SIGNALING_TRANSITIONS,
  type SignalingState,
  type SignalingStep,
} from './signaling-state.ts';

const X = 'InvalidStateError';
type Outcome = SignalingState | typeof X;

/**
 * W3C webrtc-pc 4.4.1.5/4.4.1.6 and RFC 9429 5.5-5.7, written out independently of the
 * table under test: one row per state, one column per step, in this order:
 * setLocal(offer answer pranswer rollback) setRemote(offer answer pranswer rollback) close()
 */
const EXPECTED: Record<SignalingState, Outcome[]> = {
  stable: ['have-local-offer', X, X, X, 'have-remote-offer', X, X, X, 'closed'],
  'have-local-offer': [
    'have-local-offer',
    X,
    X,
    'stable',
    'have-remote-offer', // implicit rollback, then the remote offer
    'stable',
    'have-remote-pranswer',
    'stable',
    'closed',
  ],
  'have-remote-offer': [
    X,
    'stable',
    'have-local-pranswer',
    'stable',
    'have-remote-offer',
    X,
    X,
    'stable',
    'closed',
  ],
  'have-local-pranswer': [X, 'stable', 'have-local-pranswer', X, X, X, X, X, 'closed'],
  'have-remote-pranswer': [X, X, X, X, X, 'stable', 'have-remote-pranswer', X, 'closed'],
  closed: [X, X, X, X, X, X, X, X, 'closed'],
};

const CASES = SIGNALING_STATES.flatMap((state) =>
  SIGNALING_STEPS.map((step, i) => ({
    state,
    step,
    outcome: EXPECTED[state][i] as Outcome,
  })),
);

test('the expected table covers every (state, step) pair', () => {
  assert.equal(CASES.length, 54);
  for (const state of SIGNALING_STATES) assert.equal(EXPECTED[state].length, 9, state);
});

for (const { state, step, outcome } of CASES) {
  test(`${state} -> ${step}: ${outcome}`, () => {
    if (outcome !== X) {
      assert.equal(nextSignalingState(state, step), outcome);
      return;
    }
    const code: NegErrorCode = state === 'closed' ? 'NEG_ERR_CLOSED' : 'NEG_ERR_INVALID_STATE';
    assert.throws(
      () => nextSignalingState(state, step),
      (e: unknown) =>
        e instanceof NegotiationError &&
        e.code === code &&
        e.state === state &&
        e.step === step &&
        e.message === `${state} -> ${step}: InvalidStateError`,
    );
  });
}

test('the transition table names only known states and steps', () => {
  assert.deepEqual(Object.keys(SIGNALING_TRANSITIONS), [...SIGNALING_STATES]);
  for (const row of Object.values(SIGNALING_TRANSITIONS)) {
    for (const [step, next] of Object.entries(row)) {
      assert.ok(SIGNALING_STEPS.includes(step as SignalingStep), step);
      assert.ok(SIGNALING_STATES.includes(next), next);
    }
  }
});

test('the transition table cannot be changed at run time', () => {
  assert.ok(Object.isFrozen(SIGNALING_TRANSITIONS));
  assert.ok(Object.isFrozen(SIGNALING_TRANSITIONS.stable));
});

test('rejects an unknown state or step with a TypeError', () => {
  assert.throws(() => nextSignalingState('open' as SignalingState, 'close()'), TypeError);
  assert.throws(() => nextSignalingState('stable', 'restart()' as SignalingStep), TypeError);
});
