import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPolite, memberView } from './polite.ts';

const pairs: [string, string][] = [
  ['alice', 'bob'],
  ['Bob', 'alice'],
  ['peer-10', 'peer-9'],
  ['a', 'ab'],
  ['é', 'z'],
];
for (const [a, b] of pairs) {
  test(`exactly one of ${a} and ${b} is polite, the greater id`, () => {
    assert.notEqual(isPolite(a, b), isPolite(b, a));
    assert.equal(isPolite(a, b), a > b);
  });
}

test('memberView says whether the receiver is polite towards the member', () => {
  const member = { peer: 'alice', session: 's', presence: { x: 1 }, version: 3 };
  assert.deepEqual(memberView(member, 'bob'), {
    peer: 'alice',
    presence: { x: 1 },
    version: 3,
    polite: true,
  });
  assert.equal(memberView(member, 'aaron').polite, false);
});
