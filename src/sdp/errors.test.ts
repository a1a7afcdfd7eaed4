import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SDP_ERRORS } from './errors.ts';
import { SDP_PROBLEMS } from './problems.ts';

const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** Codes listed in the first column of a docs table row, in order. */
function documented(prefix: string): string[] {
  const re = new RegExp(`^\\| \`(${prefix}[A-Z0-9_]+)\` *\\|`, 'gm');
  return [...docs.matchAll(re)].map((m) => m[1] as string);
}

test('docs/errors.md lists every SDP_ERR code of the catalogue, in order, and no other', () => {
  assert.deepEqual(documented('SDP_ERR_'), Object.keys(SDP_ERRORS));
});

test('docs/errors.md lists every SDP_PROBLEM code of the catalogue, in order, and no other', () => {
  assert.deepEqual(documented('SDP_PROBLEM_'), Object.keys(SDP_PROBLEMS));
});

test('docs/errors.md marks unrecoverable parse errors as such', () => {
  for (const [code, info] of Object.entries(SDP_ERRORS)) {
    const row = docs.split('\n').find((l) => new RegExp(`^\\| \`${code}\` *\\|`).test(l)) ?? '';
    const cell = row.split('|')[2]?.trim();
    assert.equal(cell === 'no', !info.recoverable, `${code}: "${cell}"`);
  }
});

test('codes are module-prefixed upper snake case', () => {
  for (const code of [...Object.keys(SDP_ERRORS), ...Object.keys(SDP_PROBLEMS)]) {
    assert.match(code, /^SDP_(ERR|PROBLEM)_[A-Z0-9_]+$/);
  }
});
