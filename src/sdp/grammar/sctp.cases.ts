/**
 * Well-formed and malformed cases of the SCTP attributes (sctp.ts), run by sctp.test.ts and
 * counted by coverage.test.ts. Data only: importing this module registers no tests.
 */
import { type MalformedCase, scope, type ValidAttributes } from './table-harness.ts';

export const SCTP_VALID = {
  'sctp-port': [
    { line: 'a=sctp-port:5000', value: { port: 5000 } },
    { line: 'a=sctp-port:0', value: { port: 0 } },
  ],
  'max-message-size': [
    { line: 'a=max-message-size:262144', value: { size: 262144 } },
    { line: 'a=max-message-size:0', value: { size: 0 } },
    { line: 'a=max-message-size:999999999999999', value: { size: 999999999999999 } },
  ],
  sctpmap: [
    {
      line: 'a=sctpmap:5000 webrtc-datachannel 1024',
      value: { port: 5000, protocol: 'webrtc-datachannel', streams: 1024 },
    },
    {
      line: 'a=sctpmap:5000 webrtc-datachannel',
      value: { port: 5000, protocol: 'webrtc-datachannel' },
    },
  ],
} satisfies ValidAttributes;

export const SCTP_MALFORMED: MalformedCase[] = [
  // sctp-port, max-message-size, sctpmap
  { line: 'a=sctp-port:70000', at: '70000' },
  { line: 'a=sctp-port:x', at: 'x' },
  { line: 'a=sctp-port:5000x', at: 'x' },
  scope('a=sctp-port:5000', 'session'),
  { line: 'a=max-message-size:-1', at: '-1' },
  { line: 'a=max-message-size:1234567890123456', at: '1234567890123456' },
  scope('a=max-message-size:65536', 'session'),
  { line: 'a=sctpmap:5000', at: '' },
  { line: 'a=sctpmap:5000 webrtc-datachannel x', at: 'x' },
  scope('a=sctpmap:5000 webrtc-datachannel 1024', 'session'),
];
