import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  invalidStateError,
  isNegotiationError,
  NEG_ERRORS,
  NegotiationError,
  transitionName,
} from './errors.ts';

const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** The rows of the docs table whose first column is a NEG_ERR code, as cells. */
function documentedRows(): string[][] {
  return docs
    .split('\n')
    .filter((l) => /^\| `NEG_ERR_[A-Z0-9_]+` *\|/.test(l))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

test('docs/errors.md lists every NEG_ERR code of the catalogue, in order, and no other', () => {
  assert.deepEqual(
    documentedRows().map((r) => r[0]),
    Object.keys(NEG_ERRORS).map((c) => `\`${c}\``),
  );
});

test('docs/errors.md names the W3C error of every NEG_ERR code', () => {
  for (const [code, w3c] of documentedRows()) {
    const info = NEG_ERRORS[code?.replaceAll('`', '') as keyof typeof NEG_ERRORS];
    assert.equal(w3c, `\`${info.w3c}\``, code);
  }
});

test('codes are module-prefixed upper snake case and the catalogue is frozen', () => {
  for (const code of Object.keys(NEG_ERRORS)) assert.match(code, /^NEG_ERR_[A-Z0-9_]+$/);
  assert.ok(Object.isFrozen(NEG_ERRORS));
});

const STATE_ERRORS = [
  {
    name: 'stable -> setRemote(answer): InvalidStateError',
    error: invalidStateError('stable', 'setRemote(answer)'),
    code: 'NEG_ERR_INVALID_STATE',
  },
  {
    name: 'have-remote-offer -> createOffer(): InvalidStateError',
    error: invalidStateError('have-remote-offer', 'createOffer()'),
    code: 'NEG_ERR_INVALID_STATE',
  },
  {
    name: 'closed -> setLocal(offer): InvalidStateError',
    error: invalidStateError('closed', 'setLocal(offer)'),
    code: 'NEG_ERR_CLOSED',
  },
] as const;

for (const c of STATE_ERRORS) {
  test(`a state error reads "${c.name}" and carries its transition`, () => {
    assert.equal(c.error.code, c.code);
    assert.equal(c.error.message, c.name);
    assert.equal(`${transitionName(c.error.state!, c.error.step!)}: InvalidStateError`, c.name);
    assert.ok(isNegotiationError(c.error));
    assert.equal(c.error.name, 'NegotiationError');
  });
}

test('a description error keeps its cause', () => {
  const cause = new SyntaxError('bad line');
  const e = new NegotiationError('NEG_ERR_INVALID_DESCRIPTION', 'does not parse', { cause });
  assert.equal(e.cause, cause);
  assert.deepEqual(e.problems, []);
  assert.equal(e.state, undefined);
});

test('isNegotiationError rejects other errors', () => {
  assert.equal(isNegotiationError(new Error('x')), false);
  assert.equal(isNegotiationError({ code: 'NEG_ERR_CLOSED' }), false);
});
