/**
 * Table tests of the simulcast attributes (simulcast.ts); the cases are in
 * simulcast.cases.ts.
 */
import { describe } from 'node:test';
import { SIMULCAST_MALFORMED, SIMULCAST_VALID } from './simulcast.cases.ts';
import { testMalformedAttributes, testValidAttributes } from './table-harness.ts';

describe('simulcast attributes: well-formed lines', () => testValidAttributes(SIMULCAST_VALID));

describe('simulcast attributes: malformed lines', () =>
  testMalformedAttributes(SIMULCAST_MALFORMED));
