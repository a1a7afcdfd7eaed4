/** Table tests of the grouping attributes (bundle.ts); the cases are in bundle.cases.ts. */
import { describe } from 'node:test';
import { BUNDLE_MALFORMED, BUNDLE_VALID } from './bundle.cases.ts';
import { testMalformedAttributes, testValidAttributes } from './table-harness.ts';

describe('grouping attributes: well-formed lines', () => testValidAttributes(BUNDLE_VALID));

describe('grouping attributes: malformed lines', () => testMalformedAttributes(BUNDLE_MALFORMED));
