/** Table tests of the RTP/RTCP attributes (rtp.ts); the cases are in rtp.cases.ts. */
import { describe } from 'node:test';
import { RTP_MALFORMED, RTP_VALID } from './rtp.cases.ts';
import { testMalformedAttributes, testValidAttributes } from './table-harness.ts';

describe('RTP attributes: well-formed lines', () => testValidAttributes(RTP_VALID));

describe('RTP attributes: malformed lines', () => testMalformedAttributes(RTP_MALFORMED));
