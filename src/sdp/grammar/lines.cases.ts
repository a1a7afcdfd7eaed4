/**
 * Well-formed and malformed cases of the line types (lines.ts: v= o= s= ... m=) and of the
 * syntax of an a= line itself, run by lines.test.ts and counted by coverage.test.ts. Data
 * only: importing this module registers no tests.
 */
import type { LineValues } from '../index.ts';
import type { MalformedCase, ValidCase } from './table-harness.ts';

export const VALID_LINES: { [T in keyof LineValues]: ValidCase<LineValues[T]>[] } = {
  v: [{ line: 'v=0', value: { version: 0 } }],
  o: [
    {
      line: 'o=- 18446744069414584320 2 IN IP4 127.0.0.1',
      value: {
        username: '-',
        sessionId: '18446744069414584320',
        sessionVersion: '2',
        netType: 'IN',
        addrType: 'IP4',
        address: '127.0.0.1',
      },
    },
    {
      line: 'o=mozilla...THIS_IS_SDPARTA-99.0 6924795097247936072 0 IN IP6 ::1',
      value: {
        username: 'mozilla...THIS_IS_SDPARTA-99.0',
        sessionId: '6924795097247936072',
        sessionVersion: '0',
        netType: 'IN',
        addrType: 'IP6',
        address: '::1',
      },
    },
  ],
  s: [
    { line: 's=-', value: { text: '-' } },
    { line: 's= ', value: { text: ' ' } },
    { line: 's=SDP Seminar', value: { text: 'SDP Seminar' } },
  ],
  i: [
    {
      line: 'i=A Seminar on the session description protocol',
      value: { text: 'A Seminar on the session description protocol' },
    },
  ],
  u: [
    {
      line: 'u=http://www.example.com/seminars/sdp.pdf',
      value: { text: 'http://www.example.com/seminars/sdp.pdf' },
    },
  ],
  e: [{ line: 'e=j.doe@example.com (Jane Doe)', value: { text: 'j.doe@example.com (Jane Doe)' } }],
  p: [{ line: 'p=+1 617 555-6011', value: { text: '+1 617 555-6011' } }],
  c: [
    { line: 'c=IN IP4 0.0.0.0', value: { netType: 'IN', addrType: 'IP4', address: '0.0.0.0' } },
    {
      line: 'c=IN IP4 224.2.1.1/127',
      value: { netType: 'IN', addrType: 'IP4', address: '224.2.1.1', ttl: 127 },
    },
    {
      line: 'c=IN IP4 224.2.1.1/127/3',
      value: { netType: 'IN', addrType: 'IP4', address: '224.2.1.1', ttl: 127, count: 3 },
    },
    {
      line: 'c=IN IP6 ff15::101/3',
      value: { netType: 'IN', addrType: 'IP6', address: 'ff15::101', count: 3 },
    },
    { line: 'c=IN IP6 ::', value: { netType: 'IN', addrType: 'IP6', address: '::' } },
  ],
  b: [
    { line: 'b=AS:2000', value: { type: 'AS', bandwidth: 2000 } },
    { line: 'b=TIAS:128000', value: { type: 'TIAS', bandwidth: 128000 } },
    { line: 'b=CT:1', value: { type: 'CT', bandwidth: 1 } },
    { line: 'b=RR:0', value: { type: 'RR', bandwidth: 0 } },
    { line: 'b=RS:800', value: { type: 'RS', bandwidth: 800 } },
    { line: 'b=X-FOO:12', value: { type: 'X-FOO', bandwidth: 12 } },
  ],
  t: [
    { line: 't=0 0', value: { start: '0', stop: '0' } },
    { line: 't=3034423619 3042462419', value: { start: '3034423619', stop: '3042462419' } },
  ],
  r: [
    {
      line: 'r=604800 3600 0 90000',
      value: { interval: '604800', duration: '3600', offsets: ['0', '90000'] },
    },
    { line: 'r=7d 1h 0 25h', value: { interval: '7d', duration: '1h', offsets: ['0', '25h'] } },
  ],
  z: [
    {
      line: 'z=2882844526 -1h 2898848070 0',
      value: {
        adjustments: [
          { time: '2882844526', offset: '-1h' },
          { time: '2898848070', offset: '0' },
        ],
      },
    },
  ],
  k: [
    { line: 'k=prompt', value: { method: 'prompt' } },
    { line: 'k=clear:secret', value: { method: 'clear', key: 'secret' } },
    { line: 'k=base64:c2VjcmV0IGtleQ==', value: { method: 'base64', key: 'c2VjcmV0IGtleQ==' } },
    {
      line: 'k=uri:https://example.com/key',
      value: { method: 'uri', key: 'https://example.com/key' },
    },
  ],
  m: [
    {
      line: 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
      value: {
        media: 'audio',
        port: 9,
        protocol: 'UDP/TLS/RTP/SAVPF',
        formats: ['111', '63', '9', '0', '8', '13', '110', '126'],
      },
    },
    {
      line: 'm=audio 49170/2 RTP/AVP 0',
      value: { media: 'audio', port: 49170, portCount: 2, protocol: 'RTP/AVP', formats: ['0'] },
    },
    {
      line: 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      value: {
        media: 'application',
        port: 9,
        protocol: 'UDP/DTLS/SCTP',
        formats: ['webrtc-datachannel'],
      },
    },
    {
      line: 'm=video 0 UDP/TLS/RTP/SAVPF 96',
      value: { media: 'video', port: 0, protocol: 'UDP/TLS/RTP/SAVPF', formats: ['96'] },
    },
  ],
};

export const MALFORMED_LINES: MalformedCase[] = [
  { line: 'v=1', at: '1' },
  { line: 'v=', at: '' },
  { line: 'o=- x 2 IN IP4 127.0.0.1', at: 'x 2 IN IP4 127.0.0.1' },
  { line: 'o=- 1 2x IN IP4 127.0.0.1', at: '2x IN IP4 127.0.0.1' },
  { line: 'o=- 1 2 IN IP4', at: '' },
  { line: 'o=- 1 2 IN IP4 127.0.0.1 x', at: ' x' },
  { line: 's=', at: '' },
  { line: 'i=', at: '' },
  { line: 'u=', at: '' },
  { line: 'e=', at: '' },
  { line: 'p=', at: '' },
  { line: 'c=IN IP5 1.2.3.4', at: 'IP5 1.2.3.4' },
  { line: 'c=IN IP4', at: '' },
  { line: 'c=IN IP4 224.2.1.1/x', at: 'x' },
  { line: 'c=IN IP4 224.2.1.1/127/x', at: 'x' },
  { line: 'c=IN IP4 224.2.1.1/', at: '' },
  { line: 'c=IN IP4 2x/2x', at: '2x' },
  { line: 'c=IN IP4 224.2.1.1/1/2/3', at: '224.2.1.1/1/2/3' },
  { line: 'c=IN IP6 ff15::101/3/2', at: 'ff15::101/3/2' },
  { line: 'c=IN IP4 /127', at: '/127' },
  { line: 'b=AS', at: '' },
  { line: 'b=AS:x', at: 'x' },
  { line: 'b=:1', at: ':1' },
  { line: 'b=A S:1', at: 'A S:1' },
  { line: 'b=AS:1 ', at: ' ' },
  { line: 't=0', at: '' },
  { line: 't=x 0', at: 'x 0' },
  { line: 't=0 x', at: 'x' },
  { line: 'r=1 2', at: '' },
  { line: 'r=1d 2h 3x', at: '3x' },
  { line: 'r=1d 2x 3', at: '2x 3' },
  { line: 'r=x 1 2', at: 'x 1 2' },
  { line: 'z=1', at: '' },
  { line: 'z=1 2 3', at: '' },
  { line: 'k=foo', at: 'foo' },
  { line: 'm=audio 70000 RTP/AVP 0', at: '70000 RTP/AVP 0' },
  { line: 'm=audio x RTP/AVP 0', at: 'x RTP/AVP 0' },
  { line: 'm=audio 9x RTP/AVP 0', at: 'x RTP/AVP 0' },
  { line: 'm=audio 9/x RTP/AVP 0', at: 'x RTP/AVP 0' },
  { line: 'm=audio 9 RTP/AVP', at: '' },
  { line: 'm=audio 9 RTP/AVP ', at: '' },
];

/** a= lines whose attribute syntax itself is broken, whatever the attribute. */
export const MALFORMED_ATTRIBUTE_SYNTAX: MalformedCase[] = [
  { line: 'a=', at: '' },
  { line: 'a=:x', at: ':x' },
  { line: 'a=a b:c', at: 'a b:c' },
];
