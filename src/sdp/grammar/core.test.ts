/** Table tests of the core attributes (core.ts); the cases are in core.cases.ts. */
import { describe } from 'node:test';
import { CORE_MALFORMED, CORE_VALID } from './core.cases.ts';
import { testMalformedAttributes, testValidAttributes } from './table-harness.ts';

describe('core attributes: well-formed lines', () => testValidAttributes(CORE_VALID));

describe('core attributes: malformed lines', () => testMalformedAttributes(CORE_MALFORMED));
