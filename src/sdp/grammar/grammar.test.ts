/**
 * Table tests of the SDP grammar: every attribute rule and every line type, well-formed and
 * malformed, plus the line order, structure and limit checks of `parse`.
 *
 * Well-formed cases check the typed value and `format(parse(v)) === v`. Malformed cases check
 * that strict mode throws the expected code at the right line and column, and that lenient mode
 * keeps the line, warns with the same code and position, and round-trips byte for byte.
 * Columns are written as `at`: the text of the line from the offending character to its end
 * (`''` when something is missing at the end of the line).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ATTRIBUTE_RULES,
  type AttributeName,
  type AttributeValues,
  attributeRule,
  DEFAULT_LIMITS,
  LINE_RULES,
  type LineRule,
  type LineValues,
  type ParseOptions,
  parse,
  SDP_ERRORS,
  type SdpErrorCode,
  type SdpLine,
  SdpParseError,
  type SessionDescription,
  serialize,
} from '../index.ts';

type Level = 'session' | 'media';

const V = 'v=0';
const O = 'o=- 4611731400430051336 2 IN IP4 127.0.0.1';
const S = 's=-';
const T = 't=0 0';
const M = 'm=audio 9 UDP/TLS/RTP/SAVPF 111';

const FP256 =
  '9E:65:BD:07:A7:F6:DD:05:A9:0F:23:88:8C:8F:AF:6A:64:30:C7:A3:6D:AC:2E:E5:16:D9:08:0B:55:A0:31:3F';
const FP1 = 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01';

/** Lines joined with CRLF, each terminated. */
function crlf(lines: readonly string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

/** A minimal description holding the attribute `line` at `level`, and that line's number. */
function withAttribute(line: string, level: Level): { text: string; lineNo: number } {
  return level === 'session'
    ? { text: crlf([V, O, S, T, line, M]), lineNo: 5 }
    : { text: crlf([V, O, S, T, M, line]), lineNo: 6 };
}

/** A minimal description holding the non-attribute `line` where its type belongs. */
function withLine(line: string): { text: string; lineNo: number } {
  const type = line.charAt(0);
  if (type === 'v') return { text: crlf([line, O, S, T]), lineNo: 1 };
  if (type === 'o') return { text: crlf([V, line, S, T]), lineNo: 2 };
  if (type === 's') return { text: crlf([V, O, line, T]), lineNo: 3 };
  if (type === 't') return { text: crlf([V, O, S, line]), lineNo: 4 };
  if ('iuepcb'.includes(type)) return { text: crlf([V, O, S, line, T]), lineNo: 4 };
  return { text: crlf([V, O, S, T, line]), lineNo: 5 };
}

/** The level an attribute is tested at unless a case says otherwise. */
function homeLevel(name: string): Level {
  return attributeRule(name)?.scope === 'session' ? 'session' : 'media';
}

function lineAt(desc: SessionDescription, lineNo: number): SdpLine {
  const found = desc.sections().flatMap((s) => s.lines.filter((l) => l.line === lineNo));
  assert.equal(found.length, 1, `expected exactly one line numbered ${lineNo}`);
  return found[0] as SdpLine;
}

/** The attribute name of an `a=` line. */
function nameOf(line: string): string {
  const colon = line.indexOf(':');
  return colon < 0 ? line.slice(2) : line.slice(2, colon);
}

/** Calls `fn`, which must throw an `SdpParseError`, and returns it. */
function catchParseError(fn: () => unknown): SdpParseError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SdpParseError, `expected SdpParseError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected parse to throw');
}

/** Checks a malformed `line` at `lineNo` of `text` in both modes. */
function assertMalformed(
  text: string,
  lineNo: number,
  line: string,
  at: string,
  code: SdpErrorCode,
): void {
  assert.ok(line.endsWith(at), `"${at}" must be the end of "${line}"`);
  const column = line.length - at.length + 1;
  const e = catchParseError(() => parse(text));
  assert.deepEqual(
    { code: e.code, line: e.line, column: e.column, text: e.text },
    { code, line: lineNo, column, text: line },
  );
  const desc = parse(text, { mode: 'lenient' });
  assert.deepEqual(
    desc.warnings.map((w) => ({ code: w.code, line: w.line, column: w.column })),
    [{ code, line: lineNo, column }],
  );
  const kept = lineAt(desc, lineNo);
  assert.equal(kept.text, line);
  assert.equal(kept.status, 'invalid');
  assert.equal(serialize(desc), text);
}

// ---------------------------------------------------------------------------------------------
// Well-formed attributes
// ---------------------------------------------------------------------------------------------

interface ValidCase<V> {
  line: string;
  value: V;
  /** What `format` writes back when `line` is not in canonical form. */
  formats?: string;
  /** Defaults to the attribute's own scope (`both` is tested at media level). */
  level?: Level;
}

const VALID_ATTRIBUTES: { [K in AttributeName]: ValidCase<AttributeValues[K]>[] } = {
  rtpmap: [
    {
      line: 'a=rtpmap:111 opus/48000/2',
      value: { payloadType: 111, encodingName: 'opus', clockRate: 48000, channels: 2 },
    },
    {
      line: 'a=rtpmap:96 VP8/90000',
      value: { payloadType: 96, encodingName: 'VP8', clockRate: 90000 },
    },
    {
      line: 'a=rtpmap:0 PCMU/8000',
      value: { payloadType: 0, encodingName: 'PCMU', clockRate: 8000 },
    },
    {
      line: 'a=rtpmap:126 telephone-event/8000',
      value: { payloadType: 126, encodingName: 'telephone-event', clockRate: 8000 },
    },
  ],
  fmtp: [
    {
      line: 'a=fmtp:111 minptime=10;useinbandfec=1',
      value: {
        payloadType: 111,
        config: 'minptime=10;useinbandfec=1',
        parameters: [
          { name: 'minptime', value: '10' },
          { name: 'useinbandfec', value: '1' },
        ],
      },
    },
    {
      line: 'a=fmtp:96 sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==',
      value: {
        payloadType: 96,
        config: 'sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==',
        parameters: [{ name: 'sprop-parameter-sets', value: 'Z0IAH5WoFAFuQA==,aM48gA==' }],
      },
    },
    {
      line: 'a=fmtp:101 0-15',
      value: { payloadType: 101, config: '0-15', parameters: [{ name: '0-15' }] },
    },
    {
      line: 'a=fmtp:63 111/111',
      value: { payloadType: 63, config: '111/111', parameters: [{ name: '111/111' }] },
    },
    // Whitespace around a piece is trimmed whatever its kind, bare pieces included.
    {
      line: 'a=fmtp:101 0-15;\t16;\t',
      value: {
        payloadType: 101,
        config: '0-15;\t16;\t',
        parameters: [{ name: '0-15' }, { name: '16' }],
      },
    },
    {
      line: 'a=fmtp:97 apt=96; x-google-start-bitrate = 800 ;',
      value: {
        payloadType: 97,
        config: 'apt=96; x-google-start-bitrate = 800 ;',
        parameters: [
          { name: 'apt', value: '96' },
          { name: 'x-google-start-bitrate', value: '800' },
        ],
      },
    },
  ],
  ptime: [
    { line: 'a=ptime:20', value: { value: 20 } },
    { line: 'a=ptime:2.5', value: { value: 2.5 } },
    { line: 'a=ptime:020', value: { value: 20 }, formats: '20' },
  ],
  maxptime: [{ line: 'a=maxptime:120', value: { value: 120 } }],
  framerate: [
    { line: 'a=framerate:30', value: { value: 30 } },
    { line: 'a=framerate:29.97', value: { value: 29.97 } },
  ],
  quality: [{ line: 'a=quality:10', value: { value: 10 } }],
  sendrecv: [
    { line: 'a=sendrecv', value: true },
    { line: 'a=sendrecv', value: true, level: 'session' },
  ],
  sendonly: [
    { line: 'a=sendonly', value: true },
    { line: 'a=sendonly', value: true, level: 'session' },
  ],
  recvonly: [{ line: 'a=recvonly', value: true }],
  inactive: [{ line: 'a=inactive', value: true }],
  cat: [{ line: 'a=cat:sdp.seminars', value: { value: 'sdp.seminars' } }],
  keywds: [{ line: 'a=keywds:SDP WebRTC', value: { value: 'SDP WebRTC' } }],
  tool: [{ line: 'a=tool:libwebrtc 1.0', value: { value: 'libwebrtc 1.0' } }],
  orient: [{ line: 'a=orient:portrait', value: { value: 'portrait' } }],
  type: [{ line: 'a=type:broadcast', value: { value: 'broadcast' } }],
  charset: [{ line: 'a=charset:ISO-8859-1', value: { value: 'ISO-8859-1' } }],
  sdplang: [{ line: 'a=sdplang:fr', value: { value: 'fr' } }],
  lang: [{ line: 'a=lang:de', value: { value: 'de' } }],
  label: [{ line: 'a=label:1', value: { value: '1' } }],
  identity: [{ line: 'a=identity:eyJpZHAiOnt9fQ==', value: { value: 'eyJpZHAiOnt9fQ==' } }],
  imageattr: [
    {
      line: 'a=imageattr:97 send [x=800,y=640] recv *',
      value: { value: '97 send [x=800,y=640] recv *' },
    },
    { line: 'a=imageattr:* recv *', value: { value: '* recv *' } },
  ],
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
  candidate: [
    {
      line: 'a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag EsAw network-id 1 network-cost 10',
      value: {
        foundation: '1467250027',
        component: 1,
        transport: 'udp',
        priority: 2122260223,
        address: '192.168.0.196',
        port: 46243,
        type: 'host',
        generation: 0,
        ufrag: 'EsAw',
        networkId: 1,
        networkCost: 10,
        extensions: [
          ['generation', '0'],
          ['ufrag', 'EsAw'],
          ['network-id', '1'],
          ['network-cost', '10'],
        ],
      },
    },
    {
      line: 'a=candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 192.168.0.196 rport 46243 generation 0',
      value: {
        foundation: '842163049',
        component: 1,
        transport: 'udp',
        priority: 1677729535,
        address: '203.0.113.7',
        port: 61665,
        type: 'srflx',
        relatedAddress: '192.168.0.196',
        relatedPort: 46243,
        generation: 0,
        extensions: [
          ['raddr', '192.168.0.196'],
          ['rport', '46243'],
          ['generation', '0'],
        ],
      },
    },
    {
      line: 'a=candidate:3 2 TCP 1518280447 192.168.0.196 9 typ host tcptype active',
      value: {
        foundation: '3',
        component: 2,
        transport: 'TCP',
        priority: 1518280447,
        address: '192.168.0.196',
        port: 9,
        type: 'host',
        tcpType: 'active',
        extensions: [['tcptype', 'active']],
      },
    },
    {
      line: 'a=candidate:4 1 udp 2122262783 5e4b8d4c-4e1a-4c6a-9f3b-3c1e8f2b7a10.local 54321 typ host',
      value: {
        foundation: '4',
        component: 1,
        transport: 'udp',
        priority: 2122262783,
        address: '5e4b8d4c-4e1a-4c6a-9f3b-3c1e8f2b7a10.local',
        port: 54321,
        type: 'host',
        extensions: [],
      },
    },
    {
      line: 'a=candidate:5 1 udp 41885439 198.51.100.9 3478 typ relay raddr 0.0.0.0 rport 0 x-unknown some-value generation 4294967295',
      value: {
        foundation: '5',
        component: 1,
        transport: 'udp',
        priority: 41885439,
        address: '198.51.100.9',
        port: 3478,
        type: 'relay',
        relatedAddress: '0.0.0.0',
        relatedPort: 0,
        generation: 4294967295,
        extensions: [
          ['raddr', '0.0.0.0'],
          ['rport', '0'],
          ['x-unknown', 'some-value'],
          ['generation', '4294967295'],
        ],
      },
    },
  ],
  'end-of-candidates': [
    { line: 'a=end-of-candidates', value: true },
    { line: 'a=end-of-candidates', value: true, level: 'session' },
  ],
  'ice-ufrag': [
    { line: 'a=ice-ufrag:EsAw', value: { ufrag: 'EsAw' } },
    { line: 'a=ice-ufrag:0048', value: { ufrag: '0048' } },
    { line: 'a=ice-ufrag:0048', value: { ufrag: '0048' }, level: 'session' },
  ],
  'ice-pwd': [
    { line: 'a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y', value: { pwd: 'bP+XJMM09aR8AiX1jdukzR6Y' } },
    { line: 'a=ice-pwd:asd88fgpdd777uzjYhagZg', value: { pwd: 'asd88fgpdd777uzjYhagZg' } },
  ],
  'ice-options': [
    { line: 'a=ice-options:trickle', value: { options: ['trickle'] }, level: 'session' },
    { line: 'a=ice-options:trickle renomination', value: { options: ['trickle', 'renomination'] } },
  ],
  'ice-lite': [{ line: 'a=ice-lite', value: true }],
  'ice-mismatch': [{ line: 'a=ice-mismatch', value: true }],
  'remote-candidates': [
    {
      line: 'a=remote-candidates:1 192.0.2.3 45664 2 192.0.2.3 45665',
      value: {
        candidates: [
          { component: 1, address: '192.0.2.3', port: 45664 },
          { component: 2, address: '192.0.2.3', port: 45665 },
        ],
      },
    },
  ],
  'ice-pacing': [{ line: 'a=ice-pacing:50', value: { pacing: 50 } }],
  fingerprint: [
    { line: `a=fingerprint:sha-256 ${FP256}`, value: { algorithm: 'sha-256', fingerprint: FP256 } },
    {
      line: `a=fingerprint:SHA-256 ${FP256}`,
      value: { algorithm: 'SHA-256', fingerprint: FP256 },
      level: 'session',
    },
    { line: `a=fingerprint:sha-1 ${FP1}`, value: { algorithm: 'sha-1', fingerprint: FP1 } },
    { line: 'a=fingerprint:x-hash AB:CD', value: { algorithm: 'x-hash', fingerprint: 'AB:CD' } },
    // Hash names are looked up in a table; names of Object.prototype members are not hashes.
    {
      line: 'a=fingerprint:constructor AB:CD',
      value: { algorithm: 'constructor', fingerprint: 'AB:CD' },
    },
    {
      line: 'a=fingerprint:__proto__ AB:CD',
      value: { algorithm: '__proto__', fingerprint: 'AB:CD' },
    },
  ],
  setup: [
    { line: 'a=setup:actpass', value: { role: 'actpass' } },
    { line: 'a=setup:active', value: { role: 'active' } },
    { line: 'a=setup:passive', value: { role: 'passive' }, level: 'session' },
    { line: 'a=setup:holdconn', value: { role: 'holdconn' } },
  ],
  connection: [
    { line: 'a=connection:new', value: { value: 'new' } },
    { line: 'a=connection:existing', value: { value: 'existing' }, level: 'session' },
  ],
  'tls-id': [
    { line: 'a=tls-id:abc3de65cddef001be82', value: { id: 'abc3de65cddef001be82' } },
    { line: 'a=tls-id:dGxzLWlk+/dGxzLWlkdGxzLWlk', value: { id: 'dGxzLWlk+/dGxzLWlkdGxzLWlk' } },
  ],
  group: [
    { line: 'a=group:BUNDLE 0 1 2', value: { semantics: 'BUNDLE', mids: ['0', '1', '2'] } },
    { line: 'a=group:BUNDLE audio', value: { semantics: 'BUNDLE', mids: ['audio'] } },
    { line: 'a=group:LS 1 2', value: { semantics: 'LS', mids: ['1', '2'] } },
    { line: 'a=group:BUNDLE', value: { semantics: 'BUNDLE', mids: [] } },
  ],
  mid: [
    { line: 'a=mid:0', value: { mid: '0' } },
    { line: 'a=mid:audio', value: { mid: 'audio' } },
    { line: 'a=mid:a.b_c-d~', value: { mid: 'a.b_c-d~' } },
  ],
  'bundle-only': [{ line: 'a=bundle-only', value: true }],
  msid: [
    {
      line: 'a=msid:- 6c3f6a4e-5d73-4e59-b3c3-7e3b3a1c9b3e',
      value: { streamId: '-', trackId: '6c3f6a4e-5d73-4e59-b3c3-7e3b3a1c9b3e' },
    },
    { line: 'a=msid:stream track', value: { streamId: 'stream', trackId: 'track' } },
    { line: 'a=msid:stream', value: { streamId: 'stream' } },
  ],
  'msid-semantic': [
    {
      line: 'a=msid-semantic: WMS',
      value: { leadingSpace: true, semantic: 'WMS', streamIds: [], trailingSpace: false },
    },
    {
      line: 'a=msid-semantic:WMS *',
      value: { leadingSpace: false, semantic: 'WMS', streamIds: ['*'], trailingSpace: false },
    },
    {
      line: 'a=msid-semantic: WMS ',
      value: { leadingSpace: true, semantic: 'WMS', streamIds: [], trailingSpace: true },
    },
    {
      line: 'a=msid-semantic: WMS stream-a stream-b',
      value: {
        leadingSpace: true,
        semantic: 'WMS',
        streamIds: ['stream-a', 'stream-b'],
        trailingSpace: false,
      },
    },
  ],
  rid: [
    {
      line: 'a=rid:h send pt=96;max-width=1280;max-height=720',
      value: {
        id: 'h',
        direction: 'send',
        payloadTypes: [96],
        restrictions: [
          { name: 'pt', value: '96' },
          { name: 'max-width', value: '1280' },
          { name: 'max-height', value: '720' },
        ],
      },
    },
    { line: 'a=rid:1 recv', value: { id: '1', direction: 'recv', restrictions: [] } },
    {
      line: 'a=rid:f send pt=96,97',
      value: {
        id: 'f',
        direction: 'send',
        payloadTypes: [96, 97],
        restrictions: [{ name: 'pt', value: '96,97' }],
      },
    },
    {
      line: 'a=rid:q_2-b recv max-fps=30;depend=a,b;x-flag',
      value: {
        id: 'q_2-b',
        direction: 'recv',
        restrictions: [
          { name: 'max-fps', value: '30' },
          { name: 'depend', value: 'a,b' },
          { name: 'x-flag' },
        ],
      },
    },
  ],
  simulcast: [
    {
      line: 'a=simulcast:send h;m;~l',
      value: {
        first: 'send',
        send: [
          [{ rid: 'h', paused: false }],
          [{ rid: 'm', paused: false }],
          [{ rid: 'l', paused: true }],
        ],
      },
    },
    {
      line: 'a=simulcast:send 1,~4;2;3 recv c',
      value: {
        first: 'send',
        send: [
          [
            { rid: '1', paused: false },
            { rid: '4', paused: true },
          ],
          [{ rid: '2', paused: false }],
          [{ rid: '3', paused: false }],
        ],
        recv: [[{ rid: 'c', paused: false }]],
      },
    },
    {
      line: 'a=simulcast:recv ~a send b',
      value: {
        first: 'recv',
        recv: [[{ rid: 'a', paused: true }]],
        send: [[{ rid: 'b', paused: false }]],
      },
    },
  ],
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
};

describe('attribute grammar: well-formed lines', () => {
  for (const [name, cases] of Object.entries(VALID_ATTRIBUTES)) {
    const rule = attributeRule(name);
    for (const c of cases as ValidCase<unknown>[]) {
      const level = c.level ?? homeLevel(name);
      test(`${c.line} (${level}) -> ${JSON.stringify(c.value)}`, () => {
        assert.ok(rule, `no rule for a=${name}`);
        assert.equal(nameOf(c.line), name);
        const { text, lineNo } = withAttribute(c.line, level);
        const desc = parse(text);
        assert.deepEqual(desc.warnings, []);
        const line = lineAt(desc, lineNo);
        assert.equal(line.name, name);
        assert.equal(line.status, 'ok');
        assert.deepEqual(line.value, c.value);
        assert.equal(serialize(desc), text);
        if (!rule.flag) {
          const raw = c.line.slice(`a=${name}:`.length);
          assert.deepEqual(rule.parse(raw), c.value);
          assert.equal(rule.format(rule.parse(raw)), c.formats ?? raw);
          assert.deepEqual(rule.parse(rule.format(c.value)), c.value);
        }
      });
    }
  }

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

  test('an unknown attribute is kept as written, with no warning, in strict mode', () => {
    const desc = parse(crlf([V, O, S, T, 'a=x-goo:hi there', M, 'a=x-flag']));
    assert.deepEqual(desc.warnings, []);
    assert.deepEqual(desc.unknownAttributes(), [
      { line: 5, name: 'x-goo', value: 'hi there' },
      { line: 7, name: 'x-flag', value: undefined },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Malformed attributes
// ---------------------------------------------------------------------------------------------

interface MalformedCase {
  line: string;
  /** The line from the offending character to its end. */
  at: string;
  /** Defaults to SDP_ERR_BAD_VALUE. */
  code?: SdpErrorCode;
  /** Defaults to the attribute's own scope. */
  level?: Level;
}

const scope = (line: string, level: Level): MalformedCase => ({
  line,
  at: line.slice(2),
  code: 'SDP_ERR_ATTRIBUTE_SCOPE',
  level,
});

const MALFORMED_ATTRIBUTES: MalformedCase[] = [
  // rtpmap
  { line: 'a=rtpmap:111 opus', at: '' },
  { line: 'a=rtpmap:111 opus/', at: '' },
  { line: 'a=rtpmap:256 opus/48000', at: '256 opus/48000' },
  { line: 'a=rtpmap:x opus/48000', at: 'x opus/48000' },
  { line: 'a=rtpmap:111 opus/abc', at: 'abc' },
  { line: 'a=rtpmap:111 opus/48000/2/3', at: '/3' },
  { line: 'a=rtpmap:111  opus/48000', at: ' opus/48000' },
  { line: 'a=rtpmap:111 /48000', at: '/48000' },
  { line: 'a=rtpmap', at: '' },
  scope('a=rtpmap:111 opus/48000/2', 'session'),
  // fmtp
  { line: 'a=fmtp:96', at: '' },
  { line: 'a=fmtp:96 ', at: '' },
  { line: 'a=fmtp:x profile-level-id=42e01f', at: 'x profile-level-id=42e01f' },
  scope('a=fmtp:109 0-15', 'session'),
  // ptime, maxptime, framerate, quality
  { line: 'a=ptime:x', at: 'x' },
  { line: 'a=ptime:20 ', at: ' ' },
  { line: 'a=maxptime:-1', at: '-1' },
  { line: 'a=framerate:30.', at: '30.' },
  { line: 'a=framerate:.5', at: '.5' },
  { line: 'a=quality:high', at: 'high' },
  scope('a=ptime:20', 'session'),
  scope('a=maxptime:120', 'session'),
  // direction attributes
  { line: 'a=sendrecv:1', at: ':1' },
  { line: 'a=sendonly:', at: ':' },
  { line: 'a=recvonly:x', at: ':x' },
  { line: 'a=inactive:x', at: ':x' },
  // text attributes
  { line: 'a=cat:', at: '' },
  { line: 'a=keywds: SDP', at: ' SDP' },
  { line: 'a=tool:', at: '' },
  { line: 'a=orient:', at: '' },
  { line: 'a=type:', at: '' },
  { line: 'a=charset:', at: '' },
  { line: 'a=sdplang:', at: '' },
  { line: 'a=lang:', at: '' },
  { line: 'a=label:', at: '' },
  { line: 'a=identity:', at: '' },
  scope('a=tool:switchboard', 'media'),
  scope('a=label:1', 'session'),
  // imageattr
  { line: 'a=imageattr:97 sideways *', at: '97 sideways *' },
  { line: 'a=imageattr:flob', at: 'flob' },
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
  // candidate
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host generation', at: '' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host raddr', at: '' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host generation x', at: 'x' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host rport 99999', at: '99999' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host network-id -1', at: '-1' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host network-cost 1e3', at: '1e3' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host ', at: '' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 70000 typ host', at: '70000 typ host' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 type host', at: 'type host' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ', at: '' },
  {
    line: 'a=candidate:5 1 udp 4294967296 1.2.3.4 1 typ host',
    at: '4294967296 1.2.3.4 1 typ host',
  },
  { line: 'a=candidate:5 x udp 1 1.2.3.4 1 typ host', at: 'x udp 1 1.2.3.4 1 typ host' },
  {
    line: 'a=candidate:123456789012345678901234567890123 1 udp 1 1.2.3.4 1 typ host',
    at: '123456789012345678901234567890123 1 udp 1 1.2.3.4 1 typ host',
  },
  { line: 'a=candidate:', at: '' },
  scope('a=candidate:0 1 UDP 2130379007 10.0.0.36 62453 typ host', 'session'),
  // end-of-candidates
  { line: 'a=end-of-candidates:x', at: ':x' },
  // ice-ufrag, ice-pwd, ice-options, ice-lite, ice-mismatch, remote-candidates, ice-pacing
  { line: 'a=ice-ufrag:', at: '' },
  { line: 'a=ice-ufrag:a b', at: ' b' },
  { line: 'a=ice-pwd:', at: '' },
  { line: 'a=ice-pwd:a b', at: ' b' },
  { line: 'a=ice-options:trickle  x', at: ' x' },
  { line: 'a=ice-options:', at: '' },
  { line: 'a=ice-lite:1', at: ':1' },
  scope('a=ice-lite', 'media'),
  { line: 'a=ice-mismatch:1', at: ':1' },
  scope('a=ice-mismatch', 'session'),
  { line: 'a=remote-candidates:1 192.0.2.3', at: '' },
  { line: 'a=remote-candidates:', at: '' },
  scope('a=remote-candidates:0 10.0.0.1 5555', 'session'),
  { line: 'a=ice-pacing:x', at: 'x' },
  scope('a=ice-pacing:50', 'media'),
  // fingerprint
  { line: `a=fingerprint:sha-256 ${FP256.slice(0, -3)}`, at: FP256.slice(0, -3) },
  { line: `a=fingerprint:sha-1 ${FP256}`, at: FP256 },
  { line: 'a=fingerprint:sha-256 9E:65:ZZ', at: '9E:65:ZZ' },
  { line: 'a=fingerprint:sha-256 9E65', at: '9E65' },
  { line: 'a=fingerprint:sha-256', at: '' },
  { line: `a=fingerprint:sha-256 ${FP256} x`, at: ' x' },
  // setup, connection, tls-id
  { line: 'a=setup:server', at: 'server' },
  { line: 'a=setup:', at: '' },
  { line: 'a=connection:old', at: 'old' },
  { line: 'a=tls-id:short', at: 'short' },
  { line: 'a=tls-id:abc3de65cddef001be82-', at: 'abc3de65cddef001be82-' },
  scope('a=tls-id:abc3de65cddef001be82', 'session'),
  // group, mid, bundle-only
  { line: 'a=group:', at: '' },
  { line: 'a=group:BUNDLE ', at: '' },
  { line: 'a=group:BUNDLE 0  1', at: ' 1' },
  { line: 'a=group:BUN"DLE 0', at: 'BUN"DLE 0' },
  scope('a=group:BUNDLE 0', 'media'),
  { line: 'a=mid:', at: '' },
  { line: 'a=mid:a b', at: ' b' },
  { line: 'a=mid:a"b', at: 'a"b' },
  scope('a=mid:0', 'session'),
  { line: 'a=bundle-only:1', at: ':1' },
  scope('a=bundle-only', 'session'),
  // msid, msid-semantic
  { line: 'a=msid:a b c', at: ' c' },
  { line: 'a=msid:', at: '' },
  scope('a=msid:foobar', 'session'),
  { line: 'a=msid-semantic:', at: '' },
  { line: 'a=msid-semantic:  WMS', at: ' WMS' },
  scope('a=msid-semantic:WMS *', 'media'),
  // rid
  { line: 'a=rid:f sideways', at: 'sideways' },
  { line: 'a=rid:f@ send', at: 'f@ send' },
  { line: 'a=rid:f', at: '' },
  { line: 'a=rid:f send ', at: '' },
  { line: 'a=rid:f send =3', at: '=3' },
  { line: 'a=rid:f send pt=9x', at: '9x' },
  { line: 'a=rid:f send max-width=1;pt=1x', at: '1x' },
  { line: 'a=rid:f send pt=96;;x', at: ';x' },
  scope('a=rid:f send', 'session'),
  // simulcast
  { line: 'a=simulcast: send rid=spam;egg', at: ' send rid=spam;egg' },
  { line: 'a=simulcast:send rid=spam;egg', at: 'rid=spam;egg' },
  { line: 'a=simulcast:send', at: '' },
  { line: 'a=simulcast:send a recv', at: '' },
  { line: 'a=simulcast:send a send b', at: 'send b' },
  { line: 'a=simulcast:send a;', at: '' },
  { line: 'a=simulcast:send ~', at: '' },
  { line: 'a=simulcast:both a', at: 'both a' },
  scope('a=simulcast:send a', 'session'),
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
  // attribute syntax itself
  { line: 'a=', at: '' },
  { line: 'a=:x', at: ':x' },
  { line: 'a=a b:c', at: 'a b:c' },
];

describe('attribute grammar: malformed lines', () => {
  for (const c of MALFORMED_ATTRIBUTES) {
    const code = c.code ?? 'SDP_ERR_BAD_VALUE';
    const level = c.level ?? homeLevel(nameOf(c.line));
    const { text, lineNo } = withAttribute(c.line, level);
    const column = c.line.length - c.at.length + 1;
    test(`${c.line} (${level}) -> ${code} at ${lineNo}:${column}`, () => {
      assertMalformed(text, lineNo, c.line, c.at, code);
    });
  }

  test('every known attribute has well-formed and malformed cases', () => {
    const malformed = new Set(MALFORMED_ATTRIBUTES.map((c) => nameOf(c.line)));
    for (const rule of ATTRIBUTE_RULES) {
      assert.ok(
        (VALID_ATTRIBUTES[rule.name as AttributeName] ?? []).length > 0,
        `a=${rule.name}: no well-formed case`,
      );
      assert.ok(malformed.has(rule.name), `a=${rule.name}: no malformed case`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Rule examples
// ---------------------------------------------------------------------------------------------

describe('attribute rules: each example line', () => {
  for (const rule of ATTRIBUTE_RULES) {
    const levels: Level[] = rule.scope === 'both' ? ['session', 'media'] : [rule.scope];
    for (const level of levels) {
      test(`${rule.example} (${rule.spec}) parses strict at ${level} level and round-trips`, () => {
        assert.equal(nameOf(rule.example), rule.name);
        const { text, lineNo } = withAttribute(rule.example, level);
        const desc = parse(text);
        assert.deepEqual(desc.warnings, []);
        const line = lineAt(desc, lineNo);
        assert.equal(line.status, 'ok');
        assert.equal(serialize(desc), text);
        if (rule.flag) {
          assert.equal(rule.example, `a=${rule.name}`);
          assert.equal(line.value, true);
        } else {
          const raw = rule.example.slice(`a=${rule.name}:`.length);
          assert.equal(rule.format(rule.parse(raw)), raw);
        }
      });
    }
  }
});

describe('line rules: each example line', () => {
  for (const [type, rule] of Object.entries(LINE_RULES) as [string, LineRule<unknown>][]) {
    test(`${rule.example} (${rule.spec}) parses strict and round-trips`, () => {
      assert.equal(rule.type, type);
      assert.ok(rule.example.startsWith(`${type}=`));
      const { text, lineNo } = withLine(rule.example);
      const desc = parse(text);
      assert.deepEqual(desc.warnings, []);
      assert.equal(lineAt(desc, lineNo).status, 'ok');
      assert.equal(serialize(desc), text);
      const raw = rule.example.slice(2);
      assert.equal(rule.format(rule.parse(raw)), raw);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Line types
// ---------------------------------------------------------------------------------------------

const VALID_LINES: { [T in keyof LineValues]: ValidCase<LineValues[T]>[] } = {
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

describe('line grammar: well-formed lines', () => {
  for (const [type, cases] of Object.entries(VALID_LINES)) {
    const rule = (LINE_RULES as Record<string, LineRule<unknown>>)[type] as LineRule<unknown>;
    for (const c of cases as ValidCase<unknown>[]) {
      test(`${c.line} -> ${JSON.stringify(c.value)}`, () => {
        const { text, lineNo } = withLine(c.line);
        const desc = parse(text);
        assert.deepEqual(desc.warnings, []);
        const line = lineAt(desc, lineNo);
        assert.equal(line.type, type);
        assert.equal(line.status, 'ok');
        assert.deepEqual(line.value, c.value);
        assert.equal(serialize(desc), text);
        const raw = c.line.slice(2);
        assert.equal(rule.format(rule.parse(raw)), c.formats ?? raw);
        assert.deepEqual(rule.parse(rule.format(c.value)), c.value);
      });
    }
  }

  test('b= of any type is read at session and media level', () => {
    const desc = parse(crlf([V, O, S, 'b=CT:1000', T, M, 'b=AS:50', 'b=TIAS:48000', 'b=X-YZ:1']));
    assert.deepEqual(desc.session.bandwidths, [{ type: 'CT', bandwidth: 1000 }]);
    assert.deepEqual(desc.media[0]?.bandwidths, [
      { type: 'AS', bandwidth: 50 },
      { type: 'TIAS', bandwidth: 48000 },
      { type: 'X-YZ', bandwidth: 1 },
    ]);
  });

  test('a 64-bit o= session id stays the exact decimal string', () => {
    const desc = parse(
      crlf([V, 'o=- 18446744069414584320 18446744073709551615 IN IP4 0.0.0.0', S, T]),
    );
    assert.equal(desc.session.origin?.sessionId, '18446744069414584320');
    assert.equal(desc.session.origin?.sessionVersion, '18446744073709551615');
  });
});

const MALFORMED_LINES: MalformedCase[] = [
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

describe('line grammar: malformed lines', () => {
  for (const c of MALFORMED_LINES) {
    const { text, lineNo } = withLine(c.line);
    const column = c.line.length - c.at.length + 1;
    const code = c.code ?? 'SDP_ERR_BAD_VALUE';
    test(`${c.line} -> ${code} at ${lineNo}:${column}`, () => {
      assert.ok(c.line.endsWith(c.at));
      const e = catchParseError(() => parse(text));
      assert.deepEqual(
        { code: e.code, line: e.line, column: e.column, text: e.text },
        { code, line: lineNo, column, text: c.line },
      );
      // Lenient mode keeps the line; a required line it could not read is then also missing.
      const desc = parse(text, { mode: 'lenient' });
      const [first, ...rest] = desc.warnings;
      assert.deepEqual(
        { code: first?.code, line: first?.line, column: first?.column },
        { code, line: lineNo, column },
      );
      for (const w of rest) assert.equal(w.code, 'SDP_ERR_MISSING_LINE');
      const kept = lineAt(desc, lineNo);
      assert.equal(kept.text, c.line);
      assert.equal(kept.status, 'invalid');
      assert.equal(serialize(desc), text);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Structure: order, required lines, line syntax
// ---------------------------------------------------------------------------------------------

interface StructureCase {
  name: string;
  text: string;
  code: SdpErrorCode;
  line: number;
  column: number;
}

const STRUCTURE: StructureCase[] = [
  { name: 'v= missing', text: crlf([O, S, T]), code: 'SDP_ERR_MISSING_LINE', line: 1, column: 1 },
  { name: 'o= missing', text: crlf([V, S, T]), code: 'SDP_ERR_MISSING_LINE', line: 2, column: 1 },
  { name: 's= missing', text: crlf([V, O, T]), code: 'SDP_ERR_MISSING_LINE', line: 3, column: 1 },
  {
    name: 't= missing, reported at the first m= line',
    text: crlf([V, O, S, 'c=IN IP4 0.0.0.0', M, 'a=mid:0']),
    code: 'SDP_ERR_MISSING_LINE',
    line: 5,
    column: 1,
  },
  {
    name: 't= missing without media, reported at the last line',
    text: crlf([V, O, S, 'a=tool:x']),
    code: 'SDP_ERR_MISSING_LINE',
    line: 4,
    column: 1,
  },
  {
    name: 'c= after t= at session level',
    text: crlf([V, O, S, T, 'c=IN IP4 0.0.0.0']),
    code: 'SDP_ERR_LINE_ORDER',
    line: 5,
    column: 1,
  },
  {
    name: 'r= before t=',
    text: crlf([V, O, S, 'r=1 2 3', T]),
    code: 'SDP_ERR_LINE_ORDER',
    line: 4,
    column: 1,
  },
  {
    name: 'k= after a= at session level',
    text: crlf([V, O, S, T, 'a=tool:x', 'k=prompt']),
    code: 'SDP_ERR_LINE_ORDER',
    line: 6,
    column: 1,
  },
  {
    name: 'b= after a= at media level',
    text: crlf([V, O, S, T, M, 'a=mid:0', 'b=AS:1']),
    code: 'SDP_ERR_LINE_ORDER',
    line: 7,
    column: 1,
  },
  {
    name: 't= at media level',
    text: crlf([V, O, S, T, M, T]),
    code: 'SDP_ERR_LINE_ORDER',
    line: 6,
    column: 1,
  },
  {
    name: 'duplicate s=',
    text: crlf([V, O, S, 's=again', T]),
    code: 'SDP_ERR_DUPLICATE_LINE',
    line: 4,
    column: 1,
  },
  {
    name: 'duplicate v=',
    text: crlf([V, V, O, S, T]),
    code: 'SDP_ERR_DUPLICATE_LINE',
    line: 2,
    column: 1,
  },
  {
    name: 'duplicate i= at media level',
    text: crlf([V, O, S, T, M, 'i=a', 'i=b']),
    code: 'SDP_ERR_DUPLICATE_LINE',
    line: 7,
    column: 1,
  },
  {
    name: 'blank line',
    text: crlf([V, O, S, '', T]),
    code: 'SDP_ERR_BLANK_LINE',
    line: 4,
    column: 1,
  },
  {
    name: 'f= line',
    text: crlf([V, O, S, T, 'f=x']),
    code: 'SDP_ERR_UNKNOWN_LINE_TYPE',
    line: 5,
    column: 1,
  },
  {
    name: ';comment line',
    text: crlf([V, O, S, '; a comment', T]),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 4,
    column: 1,
  },
  {
    name: 'upper-case type letter',
    text: crlf([V, O, S, T, 'A=b']),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 5,
    column: 1,
  },
  {
    name: 'line without "="',
    text: crlf([V, O, S, T, 'a']),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 5,
    column: 1,
  },
  {
    name: 'space before "="',
    text: crlf([V, O, S, T, 'a =b']),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 5,
    column: 1,
  },
  {
    name: 'NUL inside a line',
    text: crlf([V, O, S, T, M, 'a=mid:a\0b']),
    code: 'SDP_ERR_CONTROL_CHARACTER',
    line: 6,
    column: 8,
  },
  {
    name: 'lone CR inside a line',
    text: crlf([V, O, S, T, 's=x\ry']),
    code: 'SDP_ERR_CONTROL_CHARACTER',
    line: 5,
    column: 4,
  },
  {
    name: 'CR CR LF line ending',
    text: `${crlf([V, O, S, T, M])}a=mid:0\r\r\n`,
    code: 'SDP_ERR_CONTROL_CHARACTER',
    line: 6,
    column: 8,
  },
  {
    name: 'byte order mark',
    text: `\uFEFF${crlf([V, O, S, T])}`,
    code: 'SDP_ERR_BOM',
    line: 1,
    column: 1,
  },
];

describe('structure: order, required lines and line syntax', () => {
  for (const c of STRUCTURE) {
    test(`${c.name} -> ${c.code} at ${c.line}:${c.column}; lenient warns and keeps it`, () => {
      const e = catchParseError(() => parse(c.text));
      assert.deepEqual(
        { code: e.code, line: e.line, column: e.column },
        { code: c.code, line: c.line, column: c.column },
      );
      const desc = parse(c.text, { mode: 'lenient' });
      assert.deepEqual(
        desc.warnings.map((w) => ({ code: w.code, line: w.line, column: w.column })),
        [{ code: c.code, line: c.line, column: c.column }],
      );
      assert.equal(serialize(desc), c.text);
    });
  }

  test('lenient mode keeps a byte order mark and writes it back', () => {
    const text = `\uFEFF${crlf([V, O, S, T])}`;
    const desc = parse(text, { mode: 'lenient' });
    assert.equal(desc.bom, '\uFEFF');
    assert.equal(desc.session.lines[0]?.text, 'v=0');
    assert.equal(serialize(desc), text);
  });

  test('empty input -> SDP_ERR_EMPTY in both modes', () => {
    for (const mode of ['strict', 'lenient'] as const) {
      for (const text of ['', '\uFEFF']) {
        const e = catchParseError(() => parse(text, { mode }));
        assert.equal(e.code, text === '' || mode === 'lenient' ? 'SDP_ERR_EMPTY' : 'SDP_ERR_BOM');
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Line endings
// ---------------------------------------------------------------------------------------------

interface EndingCase {
  name: string;
  text: string;
  warnings: [code: SdpErrorCode, line: number, column: number][];
}

const ENDINGS: EndingCase[] = [
  { name: 'CRLF throughout', text: crlf([V, O, S, T, M]), warnings: [] },
  {
    name: 'LF throughout',
    text: [V, O, S, T, M, ''].join('\n'),
    warnings: [['SDP_ERR_LF_LINE_ENDING', 1, 4]],
  },
  {
    name: 'CRLF, then LF from line 3',
    text: `${V}\r\n${O}\r\n${S}\n${T}\n`,
    warnings: [['SDP_ERR_LF_LINE_ENDING', 3, 4]],
  },
  {
    name: 'no final newline',
    text: crlf([V, O, S, T]) + M,
    warnings: [['SDP_ERR_NO_FINAL_NEWLINE', 5, M.length + 1]],
  },
  {
    name: 'LF and no final newline',
    text: [V, O, S, T].join('\n'),
    warnings: [
      ['SDP_ERR_LF_LINE_ENDING', 1, 4],
      ['SDP_ERR_NO_FINAL_NEWLINE', 4, 6],
    ],
  },
];

describe('line endings: accepted in both modes', () => {
  for (const c of ENDINGS) {
    test(`${c.name} -> ${c.warnings.map((w) => w.join(':')).join(', ') || 'no warnings'}`, () => {
      for (const mode of ['strict', 'lenient'] as const) {
        const desc = parse(c.text, { mode });
        assert.deepEqual(
          desc.warnings.map((w) => [w.code, w.line, w.column]),
          c.warnings,
        );
        assert.equal(serialize(desc), c.text);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Limits: fatal in both modes
// ---------------------------------------------------------------------------------------------

interface LimitCase {
  name: string;
  text: () => string;
  limits?: ParseOptions['limits'];
  code: SdpErrorCode;
  line: number;
  column: number;
}

const candidateLines = (n: number) =>
  Array.from({ length: n }, (_, i) => `a=candidate:${i} 1 udp 2122260223 10.0.0.1 ${i} typ host`);

const LIMITS: LimitCase[] = [
  {
    name: 'maxBytes: 50',
    text: () => crlf([V, O, S, T]),
    limits: { maxBytes: 50 },
    code: 'SDP_ERR_TOO_LARGE',
    line: 1,
    column: 1,
  },
  {
    name: 'default maxBytes (1 MiB) + 1',
    text: () => {
      const head = crlf([V, O, S, T, M]);
      const filler = 'a=x-pad:'.padEnd(1000, 'x');
      const body = crlf(
        Array(Math.ceil((DEFAULT_LIMITS.maxBytes - head.length) / 1002)).fill(filler),
      );
      return (head + body).slice(0, DEFAULT_LIMITS.maxBytes + 1);
    },
    code: 'SDP_ERR_TOO_LARGE',
    line: 1,
    column: 1,
  },
  {
    name: 'maxLines: 4',
    text: () => crlf([V, O, S, T, M]),
    limits: { maxLines: 4 },
    code: 'SDP_ERR_TOO_MANY_LINES',
    line: 5,
    column: 1,
  },
  {
    name: 'default maxLines (20,000) + 1',
    text: () => crlf([V, O, S, T, M, ...Array(DEFAULT_LIMITS.maxLines - 5 + 1).fill('a=rtcp-mux')]),
    code: 'SDP_ERR_TOO_MANY_LINES',
    line: DEFAULT_LIMITS.maxLines + 1,
    column: 1,
  },
  {
    name: 'maxLineLength: 10',
    text: () => crlf([V, O, S, T]),
    limits: { maxLineLength: 10 },
    code: 'SDP_ERR_LINE_TOO_LONG',
    line: 2,
    column: 11,
  },
  {
    name: 'default maxLineLength (16 KiB) + 1',
    text: () => crlf([V, O, S, T, M, `a=x-long:${'y'.repeat(DEFAULT_LIMITS.maxLineLength - 8)}`]),
    code: 'SDP_ERR_LINE_TOO_LONG',
    line: 6,
    column: DEFAULT_LIMITS.maxLineLength + 1,
  },
  {
    name: 'maxMediaSections: 1',
    text: () => crlf([V, O, S, T, M, 'a=mid:0', M, 'a=mid:1']),
    limits: { maxMediaSections: 1 },
    code: 'SDP_ERR_TOO_MANY_MEDIA',
    line: 7,
    column: 1,
  },
  {
    name: 'default maxMediaSections (512) + 1',
    text: () => crlf([V, O, S, T, ...Array(DEFAULT_LIMITS.maxMediaSections + 1).fill(M)]),
    code: 'SDP_ERR_TOO_MANY_MEDIA',
    line: 4 + DEFAULT_LIMITS.maxMediaSections + 1,
    column: 1,
  },
];

describe('limits: fatal in strict and lenient mode', () => {
  for (const c of LIMITS) {
    test(`${c.name} -> ${c.code} at ${c.line}:${c.column}`, () => {
      const text = c.text();
      for (const mode of ['strict', 'lenient'] as const) {
        const e = catchParseError(() => parse(text, { mode, limits: c.limits }));
        assert.deepEqual(
          { code: e.code, line: e.line, column: e.column },
          { code: c.code, line: c.line, column: c.column },
          mode,
        );
      }
    });
  }

  test('exactly at each default limit the input is accepted', () => {
    const lines = crlf([V, O, S, T, M, ...Array(DEFAULT_LIMITS.maxLines - 5).fill('a=rtcp-mux')]);
    assert.equal(parse(lines).media[0]?.lines.length, DEFAULT_LIMITS.maxLines - 4);
    const longLine = `a=x-long:${'y'.repeat(DEFAULT_LIMITS.maxLineLength - 9)}`;
    assert.equal(parse(crlf([V, O, S, T, M, longLine])).media.length, 1);
    const media = crlf([V, O, S, T, ...Array(DEFAULT_LIMITS.maxMediaSections).fill(M)]);
    assert.equal(parse(media).media.length, DEFAULT_LIMITS.maxMediaSections);
    const big = crlf([V, O, S, T, M, ...candidateLines(20_000)]);
    const cut = big.slice(0, big.lastIndexOf('\r\n', DEFAULT_LIMITS.maxBytes - 100) + 2);
    const exact = cut + crlf(['a=x:'.padEnd(DEFAULT_LIMITS.maxBytes - cut.length - 2, 'z')]);
    assert.equal(exact.length, DEFAULT_LIMITS.maxBytes);
    assert.equal(serialize(parse(exact)), exact);
  });
});

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

test('the tables above exercise every code of SDP_ERRORS', () => {
  const covered = new Set<string>([
    ...MALFORMED_ATTRIBUTES.map((c) => c.code ?? 'SDP_ERR_BAD_VALUE'),
    ...MALFORMED_LINES.map((c) => c.code ?? 'SDP_ERR_BAD_VALUE'),
    ...STRUCTURE.map((c) => c.code),
    ...ENDINGS.flatMap((c) => c.warnings.map(([code]) => code)),
    ...LIMITS.map((c) => c.code),
    'SDP_ERR_EMPTY',
  ]);
  assert.deepEqual([...covered].sort(), Object.keys(SDP_ERRORS).sort());
});
