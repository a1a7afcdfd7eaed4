import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Direction } from 'switchboard/sdp';
import { answerDirection } from './direction.ts';

// offered x local -> answer (RFC 3264 6.1)
const CASES: [Direction, Direction, Direction][] = [
  ['sendrecv', 'sendrecv', 'sendrecv'],
  ['sendrecv', 'sendonly', 'sendonly'],
  ['sendrecv', 'recvonly', 'recvonly'],
  ['sendrecv', 'inactive', 'inactive'],
  ['sendonly', 'sendrecv', 'recvonly'],
  ['sendonly', 'sendonly', 'inactive'],
  ['sendonly', 'recvonly', 'recvonly'],
  ['sendonly', 'inactive', 'inactive'],
  ['recvonly', 'sendrecv', 'sendonly'],
  ['recvonly', 'sendonly', 'sendonly'],
  ['recvonly', 'recvonly', 'inactive'],
  ['recvonly', 'inactive', 'inactive'],
  ['inactive', 'sendrecv', 'inactive'],
  ['inactive', 'sendonly', 'inactive'],
  ['inactive', 'recvonly', 'inactive'],
  ['inactive', 'inactive', 'inactive'],
];

for (const [offered, local, expected] of CASES) {
  test(`offer ${offered} x local ${local} -> answer ${expected}`, () => {
    assert.equal(answerDirection(offered, local), expected);
  });
}

test('an offer without a direction attribute counts as sendrecv (RFC 8866 6.7)', () => {
  assert.equal(answerDirection(undefined, 'recvonly'), 'recvonly');
  assert.equal(answerDirection(undefined, 'sendrecv'), 'sendrecv');
});
