/**
 * Well-formed and malformed cases of the RTP/RTCP attributes (rtp.ts), run by rtp.test.ts and
 * counted by coverage.test.ts. Data only: importing this module registers no tests.
 */
import { type MalformedCase, scope, type ValidAttributes } from './table-harness.ts';

export const RTP_VALID = {
  'rtcp-fb': [
    { line: 'a=rtcp-fb:96 nack', value: { payloadType: 96, type: 'nack' } },
    { line: 'a=rtcp-fb:96 nack pli', value: { payloadType: 96, type: 'nack', parameter: 'pli' } },
    { line: 'a=rtcp-fb:96 ccm fir', value: { payloadType: 96, type: 'ccm', parameter: 'fir' } },
    { line: 'a=rtcp-fb:* transport-cc', value: { payloadType: '*', type: 'transport-cc' } },
    { line: 'a=rtcp-fb:* goog-remb', value: { payloadType: '*', type: 'goog-remb' } },
    {
      line: 'a=rtcp-fb:96 trr-int 100',
      value: { payloadType: 96, type: 'trr-int', parameter: '100', trrInt: 100 },
    },
    {
      line: 'a=rtcp-fb:* trr-int 0',
      value: { payloadType: '*', type: 'trr-int', parameter: '0', trrInt: 0 },
    },
    {
      line: 'a=rtcp-fb:120 ccm tmmbr smaxpr=120',
      value: { payloadType: 120, type: 'ccm', parameter: 'tmmbr smaxpr=120' },
    },
  ],
  extmap: [
    {
      line: 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
      value: { id: 1, encrypt: false, uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level' },
    },
    {
      line: 'a=extmap:2/sendonly urn:ietf:params:rtp-hdrext:toffset',
      value: {
        id: 2,
        direction: 'sendonly',
        encrypt: false,
        uri: 'urn:ietf:params:rtp-hdrext:toffset',
      },
    },
    {
      line: 'a=extmap:3/recvonly http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      value: {
        id: 3,
        direction: 'recvonly',
        encrypt: false,
        uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      },
    },
    {
      line: 'a=extmap:4 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on',
      value: {
        id: 4,
        encrypt: true,
        uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
        attributes: 'vad=on',
      },
    },
    {
      line: 'a=extmap:5/inactive urn:ietf:params:rtp-hdrext:encrypt urn:x:y a b',
      value: { id: 5, direction: 'inactive', encrypt: true, uri: 'urn:x:y', attributes: 'a b' },
    },
    {
      line: 'a=extmap:6 urn:ietf:params:rtp-hdrext:encrypt',
      value: { id: 6, encrypt: false, uri: 'urn:ietf:params:rtp-hdrext:encrypt' },
    },
    {
      line: 'a=extmap:4096 urn:x:y',
      value: { id: 4096, encrypt: false, uri: 'urn:x:y' },
      level: 'session',
    },
  ],
  'extmap-allow-mixed': [
    { line: 'a=extmap-allow-mixed', value: true },
    { line: 'a=extmap-allow-mixed', value: true, level: 'session' },
  ],
  ssrc: [
    {
      line: 'a=ssrc:3735928559 cname:4TOk42mSjXCkVIa6',
      value: { ssrc: 3735928559, attribute: 'cname', value: '4TOk42mSjXCkVIa6' },
    },
    {
      line: 'a=ssrc:1 msid:stream track',
      value: { ssrc: 1, attribute: 'msid', value: 'stream track' },
    },
    { line: 'a=ssrc:0 previous-ssrc', value: { ssrc: 0, attribute: 'previous-ssrc' } },
    {
      line: 'a=ssrc:4294967295 cname:{a:b}',
      value: { ssrc: 4294967295, attribute: 'cname', value: '{a:b}' },
    },
    { line: 'a=ssrc:7 cname:', value: { ssrc: 7, attribute: 'cname', value: '' } },
  ],
  'ssrc-group': [
    {
      line: 'a=ssrc-group:FID 3735928559 3405691582',
      value: { semantics: 'FID', ssrcs: [3735928559, 3405691582] },
    },
    { line: 'a=ssrc-group:SIM 1 2 3', value: { semantics: 'SIM', ssrcs: [1, 2, 3] } },
    { line: 'a=ssrc-group:FEC-FR 5 6', value: { semantics: 'FEC-FR', ssrcs: [5, 6] } },
    { line: 'a=ssrc-group:FID', value: { semantics: 'FID', ssrcs: [] } },
  ],
  rtcp: [
    {
      line: 'a=rtcp:9 IN IP4 0.0.0.0',
      value: { port: 9, netType: 'IN', addrType: 'IP4', address: '0.0.0.0' },
    },
    {
      line: 'a=rtcp:53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD',
      value: {
        port: 53020,
        netType: 'IN',
        addrType: 'IP6',
        address: '2001:2345:6789:ABCD:EF01:2345:6789:ABCD',
      },
    },
    { line: 'a=rtcp:65535', value: { port: 65535 } },
  ],
  'rtcp-mux': [{ line: 'a=rtcp-mux', value: true }],
  'rtcp-mux-only': [{ line: 'a=rtcp-mux-only', value: true }],
  'rtcp-rsize': [{ line: 'a=rtcp-rsize', value: true }],
  'rtcp-xr': [
    {
      line: 'a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL',
      value: { formats: ['rcvr-rtt=all:10000', 'stat-summary=loss,dup,jitt,TTL'] },
    },
    { line: 'a=rtcp-xr:voip-metrics', value: { formats: ['voip-metrics'] }, level: 'session' },
  ],
  crypto: [
    {
      line: 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32',
      value: {
        tag: 1,
        suite: 'AES_CM_128_HMAC_SHA1_80',
        keyParams: 'inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32',
        sessionParams: [],
      },
    },
    {
      line: 'a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj KDR=8 UNENCRYPTED_SRTCP',
      value: {
        tag: 2,
        suite: 'AES_CM_128_HMAC_SHA1_32',
        keyParams: 'inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj',
        sessionParams: ['KDR=8', 'UNENCRYPTED_SRTCP'],
      },
    },
  ],
} satisfies ValidAttributes;

export const RTP_MALFORMED: MalformedCase[] = [
  // rtcp-fb
  { line: 'a=rtcp-fb:96', at: '' },
  { line: 'a=rtcp-fb:96 nack ', at: '' },
  { line: 'a=rtcp-fb:96 trr-int', at: '' },
  { line: 'a=rtcp-fb:96 trr-int abc', at: 'abc' },
  { line: 'a=rtcp-fb:96 na"ck', at: 'na"ck' },
  { line: 'a=rtcp-fb:*nack', at: 'nack' },
  { line: 'a=rtcp-fb:300 nack', at: '300 nack' },
  scope('a=rtcp-fb:120 nack', 'session'),
  // extmap
  { line: 'a=extmap:1', at: '' },
  { line: 'a=extmap:x urn:x:y', at: 'x urn:x:y' },
  { line: 'a=extmap:70000 urn:x:y', at: '70000 urn:x:y' },
  { line: 'a=extmap:4/sideways urn:x:y', at: 'sideways urn:x:y' },
  { line: 'a=extmap:2/sendonly some_extension', at: 'some_extension' },
  {
    line: 'a=extmap:3 urn:ietf:params:rtp-hdrext:encrypt not-a-uri',
    at: 'not-a-uri',
  },
  // extmap-allow-mixed
  { line: 'a=extmap-allow-mixed:1', at: ':1' },
  // ssrc
  { line: 'a=ssrc:1', at: '' },
  { line: 'a=ssrc:4294967296 cname:x', at: '4294967296 cname:x' },
  { line: 'a=ssrc:1 :x', at: ':x' },
  { line: 'a=ssrc:1 foo bar', at: 'foo bar' },
  { line: 'a=ssrc:x cname:y', at: 'x cname:y' },
  scope('a=ssrc:5000 cname:x', 'session'),
  // ssrc-group
  { line: 'a=ssrc-group:FID 1 x', at: 'x' },
  { line: 'a=ssrc-group:FID 1 2x', at: '2x' },
  { line: 'a=ssrc-group:FID 1  2', at: ' 2' },
  { line: 'a=ssrc-group:F"ID 1', at: 'F"ID 1' },
  { line: 'a=ssrc-group:', at: '' },
  scope('a=ssrc-group:FID 5000', 'session'),
  // rtcp
  { line: 'a=rtcp:1 IN IP7 X', at: 'IP7 X' },
  { line: 'a=rtcp:9 IN', at: '' },
  { line: 'a=rtcp:99999', at: '99999' },
  { line: 'a=rtcp:9x', at: '9x' },
  scope('a=rtcp:5555', 'session'),
  // rtcp-mux, rtcp-mux-only, rtcp-rsize
  { line: 'a=rtcp-mux:1', at: ':1' },
  { line: 'a=rtcp-mux-only:', at: ':' },
  { line: 'a=rtcp-rsize:1', at: ':1' },
  scope('a=rtcp-mux', 'session'),
  scope('a=rtcp-mux-only', 'session'),
  scope('a=rtcp-rsize', 'session'),
  // rtcp-xr
  { line: 'a=rtcp-xr:', at: '' },
  { line: 'a=rtcp-xr:a  b', at: ' b' },
  // crypto
  { line: 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 PS1u', at: 'PS1u' },
  { line: 'a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:x', at: 'x AES_CM_128_HMAC_SHA1_80 inline:x' },
  { line: 'a=crypto:1 AES_CM_128_HMAC_SHA1_80', at: '' },
];
