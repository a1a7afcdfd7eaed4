/** Table tests of the SCTP attributes (sctp.ts); the cases are in sctp.cases.ts. */
import { describe } from 'node:test';
import { SCTP_MALFORMED, SCTP_VALID } from './sctp.cases.ts';
import { testMalformedAttributes, testValidAttributes } from './table-harness.ts';

describe('SCTP attributes: well-formed lines', () => testValidAttributes(SCTP_VALID));

describe('SCTP attributes: malformed lines', () => testMalformedAttributes(SCTP_MALFORMED));
