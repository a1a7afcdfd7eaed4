/**
 * src/protocol/generated/validators.ts is generated from the message schemas: it must be what
 * scripts/protocol-validators.ts generates today, hold a validator for every message, and,
 * since browsers load it, import nothing that compiles code or weighs like ajv.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateValidatorsModule, VALIDATORS_PATH } from '../../scripts/protocol-validators.ts';
import { CLIENT_VALIDATORS, SERVER_VALIDATORS } from './generated/validators.ts';
import { CLIENT_MESSAGES, SERVER_MESSAGES } from './messages.ts';

const GENERATED = readFileSync(VALIDATORS_PATH, 'utf8');
/** The modules the generated code may import: the code point counter and a type. */
const ALLOWED_IMPORTS = ['../code-point-length.ts', '../message-validator.ts'];

test('generated/validators.ts is what scripts/protocol-validators.ts generates', () => {
  assert.ok(
    generateValidatorsModule() === GENERATED,
    'stale: run node --import tsx scripts/protocol-validators.ts',
  );
});

test('the generated validators import only our own small modules', () => {
  const imports = [...GENERATED.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
  assert.deepEqual(imports, ALLOWED_IMPORTS);
  for (const pattern of [/\brequire\(/, /\bimport\(/, /\bnew Function\b/, /\beval\(/]) {
    assert.doesNotMatch(GENERATED, pattern);
  }
});

const tables = [
  { from: 'client', validators: CLIENT_VALIDATORS, catalogue: CLIENT_MESSAGES },
  { from: 'server', validators: SERVER_VALIDATORS, catalogue: SERVER_MESSAGES },
] as const;

for (const { from, validators, catalogue } of tables) {
  test(`the ${from} table holds a validator for every ${from} message, in catalogue order`, () => {
    assert.deepEqual(Object.keys(validators), Object.keys(catalogue));
    for (const [type, validate] of Object.entries(validators)) {
      assert.equal(validate([]), false, type);
      assert.deepEqual(
        validate.errors?.map((e) => [e.keyword, e.instancePath]),
        [['type', '']],
        type,
      );
    }
  });
}
