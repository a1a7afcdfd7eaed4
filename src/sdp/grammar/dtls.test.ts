/** Table tests of the DTLS attributes (dtls.ts); the cases are in dtls.cases.ts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from '../index.ts';
import { DTLS_MALFORMED, DTLS_VALID, FP1, FP256 } from './dtls.cases.ts';
import {
  crlf,
  M,
  O,
  S,
  T,
  testMalformedAttributes,
  testValidAttributes,
  V,
} from './table-harness.ts';

describe('DTLS attributes: well-formed lines', () => {
  testValidAttributes(DTLS_VALID);

  test('several a=fingerprint lines in one section are all kept, in order', () => {
    const sha1 = `a=fingerprint:sha-1 ${FP1}`;
    const sha256 = `a=fingerprint:sha-256 ${FP256}`;
    const desc = parse(crlf([V, O, S, T, sha256, M, sha1, sha256]));
    assert.deepEqual(desc.session.attributes('fingerprint'), [
      { algorithm: 'sha-256', fingerprint: FP256 },
    ]);
    assert.deepEqual(desc.media[0]?.attributes('fingerprint'), [
      { algorithm: 'sha-1', fingerprint: FP1 },
      { algorithm: 'sha-256', fingerprint: FP256 },
    ]);
  });
});

describe('DTLS attributes: malformed lines', () => testMalformedAttributes(DTLS_MALFORMED));
