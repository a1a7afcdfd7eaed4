import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CLIENT_ERRORS, ClientError, isClientError } from './errors.ts';

const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** The rows of the docs table whose first column is a CLIENT_ERR code, as cells. */
function documentedRows(): string[][] {
  return docs
    .split('\n')
    .filter((line) => /^\| `CLIENT_ERR_[A-Z0-9_]+` *\|/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

test('docs/errors.md lists every CLIENT_ERR code of the catalogue, in order, and no other', () => {
  assert.deepEqual(
    documentedRows().map((row) => row[0]),
    Object.keys(CLIENT_ERRORS).map((code) => `\`${code}\``),
  );
});

test('docs/errors.md gives each CLIENT_ERR code the meaning of the catalogue', () => {
  for (const [code, meaning] of documentedRows()) {
    assert.equal(meaning, CLIENT_ERRORS[code?.replaceAll('`', '') as keyof typeof CLIENT_ERRORS]);
  }
});

test('ClientError carries its code, context and cause', () => {
  const cause = new Error('boom');
  const error = new ClientError('CLIENT_ERR_SERVER', 'x', {
    serverCode: 'SRV_ERR_ROOM_FULL',
    ref: 'r1',
    cause,
  });
  assert.equal(error.name, 'ClientError');
  assert.equal(error.code, 'CLIENT_ERR_SERVER');
  assert.equal(error.serverCode, 'SRV_ERR_ROOM_FULL');
  assert.equal(error.ref, 'r1');
  assert.equal(error.cause, cause);
  assert.ok(isClientError(error, 'CLIENT_ERR_SERVER'));
  assert.ok(!isClientError(error, 'CLIENT_ERR_TIMEOUT'));
  assert.ok(!isClientError(cause));
});
