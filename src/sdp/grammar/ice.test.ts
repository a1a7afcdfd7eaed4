/** Table tests of the ICE attributes (ice.ts); the cases are in ice.cases.ts. */
import { describe } from 'node:test';
import { ICE_MALFORMED, ICE_VALID } from './ice.cases.ts';
import { testMalformedAttributes, testValidAttributes } from './table-harness.ts';

describe('ICE attributes: well-formed lines', () => testValidAttributes(ICE_VALID));

describe('ICE attributes: malformed lines', () => testMalformedAttributes(ICE_MALFORMED));
