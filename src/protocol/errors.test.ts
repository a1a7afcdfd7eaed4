import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DECODE_ERROR_CODES } from './codec.ts';
import { CLOSE_CODES, RETIRED_WIRE_ERRORS, WIRE_ERRORS } from './codes.ts';

const HEADING = '## switchboard/protocol and server (PROTO_ERR_*, SRV_ERR_*, close codes)';
const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** The section of docs/errors.md about the wire, up to the next `## ` heading. */
function section(): string {
  const start = docs.indexOf(`${HEADING}\n`);
  assert.ok(start >= 0, `docs/errors.md has no "${HEADING}" section`);
  const next = docs.indexOf('\n## ', start + HEADING.length);
  return docs.slice(start, next === -1 ? undefined : next);
}

/** The cells of the section's table rows whose first cell matches `first`. */
function rows(first: RegExp): string[][] {
  return section()
    .split('\n')
    .filter((line) => line.startsWith('| ') && first.test(line.split('|')[1]!.trim()))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const wireRows = () => rows(/^`(PROTO|SRV)_ERR_/);

test('docs/errors.md lists every wire error code of the catalogue, in order, and no other', () => {
  assert.deepEqual(
    wireRows().map((row) => row[0]),
    Object.keys(WIRE_ERRORS).map((code) => `\`${code}\``),
  );
});

test('docs/errors.md gives each wire error code the meaning of the catalogue', () => {
  for (const [code, , meaning] of wireRows()) {
    assert.equal(meaning, WIRE_ERRORS[code!.replaceAll('`', '') as keyof typeof WIRE_ERRORS]);
  }
});

test('docs/errors.md marks the codes the decoder returns, the retired ones, and only those', () => {
  const decoder = new Set<string>(DECODE_ERROR_CODES);
  const retired = new Set<string>(RETIRED_WIRE_ERRORS);
  for (const [cell, raisedBy] of wireRows()) {
    const code = cell!.replaceAll('`', '');
    const expected = decoder.has(code) ? 'decoder' : retired.has(code) ? 'retired' : 'server';
    assert.equal(raisedBy, expected, code);
  }
});

test('retired codes stay in the catalogue, say so, and are never a decode result', () => {
  for (const code of RETIRED_WIRE_ERRORS) {
    assert.ok(code in WIRE_ERRORS, code);
    assert.match(WIRE_ERRORS[code], /^Retired\b/);
    assert.ok(!(DECODE_ERROR_CODES as readonly string[]).includes(code), code);
  }
  assert.ok(Object.isFrozen(RETIRED_WIRE_ERRORS));
});

test('docs/errors.md lists every close code of the catalogue with its meaning, in order', () => {
  assert.deepEqual(rows(/^\d{4}$/), Object.entries(CLOSE_CODES));
});

test('wire codes are module-prefixed upper snake case and the catalogues are frozen', () => {
  for (const code of Object.keys(WIRE_ERRORS)) assert.match(code, /^(PROTO|SRV)_ERR_[A-Z0-9_]+$/);
  assert.ok(Object.isFrozen(WIRE_ERRORS));
  assert.ok(Object.isFrozen(CLOSE_CODES));
  assert.ok(Object.isFrozen(DECODE_ERROR_CODES));
});

test('close codes are in the range RFC 6455 leaves to applications (4000-4999)', () => {
  for (const code of Object.keys(CLOSE_CODES).map(Number)) {
    assert.ok(Number.isInteger(code) && code >= 4000 && code <= 4999, String(code));
  }
});

test('every meaning is one or more sentences', () => {
  for (const meaning of [...Object.values(WIRE_ERRORS), ...Object.values(CLOSE_CODES)]) {
    assert.match(meaning, /^[A-Z].*\.$/);
  }
});
