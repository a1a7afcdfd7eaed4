/**
 * RTP and RTCP attributes: feedback (RFC 4585), header extensions (RFC 8285, RFC 6904),
 * source attributes (RFC 5576), RTCP port and multiplexing (RFC 3605, RFC 5761,
 * RFC 8858), reduced size (RFC 5506), extended reports (RFC 3611), SDES keys (RFC 4568).
 */
import {
  type Cursor,
  digitsIn,
  isToken,
  matchesAt,
  readAll,
  skipDigits,
  skipToken,
} from './cursor.ts';
import { type AttributeRule, attribute, flag } from './rule.ts';

/** `a=rtcp-fb:<pt|*> <type> [<parameters>]`; `trr-int` carries a number (RFC 4585 4.2). */
export interface RtcpFb {
  payloadType: number | '*';
  /** `nack`, `ccm`, `goog-remb`, `transport-cc`, `trr-int`, ... */
  type: string;
  /** What follows the type, e.g. `pli`, `fir`, `app foo`, or the trr-int value. */
  parameter?: string;
  /** The interval in ms for `trr-int`. */
  trrInt?: number;
}

/** The direction of an extmap or of a media section (RFC 8866 6.7). */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** `a=extmap:<id>[/<direction>] [urn:ietf:params:rtp-hdrext:encrypt] <uri> [<attributes>]`. */
export interface Extmap {
  id: number;
  direction?: Direction;
  /** RFC 6904: the extension is sent encrypted. */
  encrypt: boolean;
  uri: string;
  /** Extension attributes after the URI, as written. */
  attributes?: string;
}

/** `a=ssrc:<ssrc> <attribute>[:<value>]` (RFC 5576 4.1). */
export interface Ssrc {
  ssrc: number;
  attribute: string;
  value?: string;
}

/** `a=ssrc-group:<semantics> <ssrc> ...` (RFC 5576 4.2): FID, FEC-FR, SIM. */
export interface SsrcGroup {
  semantics: string;
  ssrcs: number[];
}

/** `a=rtcp:<port> [<nettype> <addrtype> <address>]` (RFC 3605 2.1). */
export interface Rtcp {
  port: number;
  netType?: string;
  addrType?: string;
  address?: string;
}

/** `a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]` (RFC 4568 9.1). */
export interface Crypto {
  tag: number;
  suite: string;
  keyParams: string;
  sessionParams: string[];
}

/** `a=rtcp-xr:<xr-format> ...` (RFC 3611 5.1), kept as its list of formats. */
export interface RtcpXr {
  formats: string[];
}

const DIRECTIONS = new Set<string>(['sendrecv', 'sendonly', 'recvonly', 'inactive']);
const ENCRYPT_URI = 'urn:ietf:params:rtp-hdrext:encrypt';
const MAX_SSRC = 0xffffffff;

/**
 * An absolute URI as far as SDP needs: a scheme (RFC 3986 3.1), a colon, and at least one
 * more character. The space that ends the token is the only other delimiter SDP has.
 */
function isAbsoluteUri(s: string): boolean {
  return s.indexOf(' ') < 0 && isAbsoluteUriRange(s, 0, s.length);
}

/** `isAbsoluteUri` on a space-free `s[start, end)`, without cutting it out. */
function isAbsoluteUriRange(s: string, start: number, end: number): boolean {
  const colon = schemeEnd(s, start, end);
  return colon > 0 && colon < end - 1;
}

/** The index of the `:` that ends a URI scheme (RFC 3986 3.1) at `s[start..]`, or -1. */
function schemeEnd(s: string, start: number, end: number): number {
  const first = s.charCodeAt(start) | 0x20;
  if (start >= end || first < 0x61 || first > 0x7a) return -1;
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3a) return i;
    const lower = c | 0x20;
    const schemeChar =
      (lower >= 0x61 && lower <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2b ||
      c === 0x2e ||
      c === 0x2d;
    if (!schemeChar) return -1;
  }
  return -1;
}

function readPayloadTypeOrStar(c: Cursor): number | '*' {
  if (c.eat('*')) return '*';
  return c.int('payload type', 255, 3);
}

/** Reads rtcp-fb with full error positions; `rtcpFb.parse` tries a fast path first. */
function readRtcpFb(value: string): RtcpFb {
  return readAll(value, (c) => {
    const payloadType = readPayloadTypeOrStar(c);
    c.space();
    const at = c.pos;
    const type = c.token('feedback type');
    if (!isToken(type)) c.fail('feedback type must be a token', at);
    const out: RtcpFb = { payloadType, type };
    if (c.done) {
      if (type === 'trr-int') c.fail('trr-int needs an interval');
      return out;
    }
    c.space();
    const paramAt = c.pos;
    out.parameter = c.rest();
    if (out.parameter.length === 0) c.fail('expected a feedback parameter', paramAt);
    if (type === 'trr-int') {
      if (!/^\d{1,9}$/.test(out.parameter)) c.fail('trr-int interval must be a number', paramAt);
      out.trrInt = Number(out.parameter);
    }
    return out;
  });
}

export const rtcpFb = attribute<RtcpFb>({
  name: 'rtcp-fb',
  scope: 'media',
  spec: 'RFC 4585 4.2',
  example: 'a=rtcp-fb:96 nack pli',
  check: (s, start, end) => {
    let i = start + 1;
    if (s.charCodeAt(start) !== 0x2a) {
      i = skipDigits(s, start, end);
      const pt = digitsIn(s, start, i, 3);
      if (pt < 0 || pt > 255) return false;
    }
    if (i >= end || s.charCodeAt(i) !== 0x20) return false;
    const typeEnd = skipToken(s, i + 1, end);
    if (typeEnd <= i + 1 || (typeEnd - i === 8 && matchesAt(s, i + 1, 'trr-int', end))) {
      return false;
    }
    return typeEnd === end || typeEnd + 1 < end;
  },
  parse: (value) => {
    // Fast path for `<pt> <type>[ <parameter>]`, half of every browser offer. Any other
    // shape, and every error, goes through readRtcpFb, which gives the same result.
    const sp = value.indexOf(' ');
    const pt = sp === 1 && value.charCodeAt(0) === 0x2a ? '*' : digitsIn(value, 0, sp, 3);
    if (pt === -1 || (pt !== '*' && pt > 255)) return readRtcpFb(value);
    const sp2 = value.indexOf(' ', sp + 1);
    const type = value.slice(sp + 1, sp2 < 0 ? value.length : sp2);
    if (type === 'trr-int' || !isToken(type)) return readRtcpFb(value);
    if (sp2 < 0) return { payloadType: pt, type };
    const parameter = value.slice(sp2 + 1);
    if (parameter.length === 0) return readRtcpFb(value);
    return { payloadType: pt, type, parameter };
  },
  format: (v) => `${v.payloadType} ${v.type}${v.parameter === undefined ? '' : ` ${v.parameter}`}`,
});

export const extmap = attribute<Extmap>({
  name: 'extmap',
  scope: 'both',
  spec: 'RFC 8285 8, RFC 6904 4',
  example: 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  check: (s, start, end) => {
    const i = skipDigits(s, start, end);
    const id = digitsIn(s, start, i, 5);
    if (id < 0 || id > 65535 || i >= end || s.charCodeAt(i) !== 0x20) return false;
    if (matchesAt(s, i + 1, ENCRYPT_URI, end)) return false;
    // A scheme and one non-space character after its colon make the URI token absolute;
    // whatever follows (the rest of the URI, attributes) parse accepts as it is.
    const colon = schemeEnd(s, i + 1, end);
    return colon > 0 && colon + 1 < end && s.charCodeAt(colon + 1) !== 0x20;
  },
  parse: (value) =>
    readAll(value, (c) => {
      const id = c.int('extension id', 65535, 5);
      const out: Extmap = { id, encrypt: false, uri: '' };
      if (c.eat('/')) {
        const at = c.pos;
        const direction = c.token('direction');
        if (!DIRECTIONS.has(direction))
          c.fail('direction must be sendrecv/sendonly/recvonly/inactive', at);
        out.direction = direction as Direction;
      }
      c.space();
      let at = c.pos;
      let uri = c.token('extension URI');
      if (uri === ENCRYPT_URI && !c.done) {
        out.encrypt = true;
        c.space();
        at = c.pos;
        uri = c.token('extension URI');
      }
      if (!isAbsoluteUri(uri)) c.fail('the extension name must be an absolute URI', at);
      out.uri = uri;
      if (!c.done) {
        c.space();
        out.attributes = c.rest();
      }
      return out;
    }),
  format: (v) => {
    let s = String(v.id);
    if (v.direction !== undefined) s += `/${v.direction}`;
    if (v.encrypt) s += ` ${ENCRYPT_URI}`;
    s += ` ${v.uri}`;
    if (v.attributes !== undefined) s += ` ${v.attributes}`;
    return s;
  },
});

export const ssrc = attribute<Ssrc>({
  name: 'ssrc',
  scope: 'media',
  spec: 'RFC 5576 4.1',
  example: 'a=ssrc:3735928559 cname:4TOk42mSjXCkVIa6',
  check: (s, start, end) => {
    const sp = skipDigits(s, start, end);
    const id = digitsIn(s, start, sp, 10);
    if (id < 0 || id > MAX_SSRC || sp >= end || s.charCodeAt(sp) !== 0x20) return false;
    for (let i = sp + 1; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x3a) return i > sp + 1;
      if (c === 0x20) return false;
    }
    return end > sp + 1;
  },
  parse: (value) =>
    readAll(value, (c) => {
      const id = c.int('ssrc', MAX_SSRC, 10);
      c.space();
      const at = c.pos;
      const attr = c.until(':');
      if (attr.length === 0 || attr.includes(' ')) c.fail('expected a source attribute name', at);
      const out: Ssrc = { ssrc: id, attribute: attr };
      if (c.eat(':')) out.value = c.rest();
      return out;
    }),
  format: (v) => `${v.ssrc} ${v.attribute}${v.value === undefined ? '' : `:${v.value}`}`,
});

export const ssrcGroup = attribute<SsrcGroup>({
  name: 'ssrc-group',
  scope: 'media',
  spec: 'RFC 5576 4.2',
  example: 'a=ssrc-group:FID 3735928559 3405691582',
  parse: (value) =>
    readAll(value, (c) => {
      const at = c.pos;
      const semantics = c.token('semantics');
      if (!isToken(semantics)) c.fail('semantics must be a token', at);
      const ssrcs: number[] = [];
      while (!c.done) {
        c.space();
        ssrcs.push(c.intToken('ssrc', MAX_SSRC, 10));
      }
      return { semantics, ssrcs };
    }),
  format: (v) => [v.semantics, ...v.ssrcs].join(' '),
});

export const rtcp = attribute<Rtcp>({
  name: 'rtcp',
  scope: 'media',
  spec: 'RFC 3605 2.1',
  example: 'a=rtcp:9 IN IP4 0.0.0.0',
  parse: (value) =>
    readAll(value, (c) => {
      const out: Rtcp = { port: c.intToken('port', 65535, 5) };
      if (c.done) return out;
      c.space();
      out.netType = c.token('network type');
      c.space();
      const at = c.pos;
      out.addrType = c.token('address type');
      if (out.netType === 'IN' && out.addrType !== 'IP4' && out.addrType !== 'IP6') {
        c.fail('address type must be IP4 or IP6', at);
      }
      c.space();
      out.address = c.token('address');
      return out;
    }),
  format: (v) =>
    v.netType === undefined ? String(v.port) : `${v.port} ${v.netType} ${v.addrType} ${v.address}`,
});

export const crypto = attribute<Crypto>({
  name: 'crypto',
  scope: 'media',
  spec: 'RFC 4568 9.1',
  example: 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR',
  parse: (value) =>
    readAll(value, (c) => {
      const tag = c.intToken('tag', 999999999, 9);
      c.space();
      const suite = c.token('crypto suite');
      c.space();
      const at = c.pos;
      const keyParams = c.token('key parameters');
      if (!keyParams.includes(':')) c.fail('key parameters look like "inline:<key>"', at);
      if (c.done) return { tag, suite, keyParams, sessionParams: [] };
      c.space();
      return { tag, suite, keyParams, sessionParams: c.tokens('session parameter') };
    }),
  format: (v) => [v.tag, v.suite, v.keyParams, ...v.sessionParams].join(' '),
});

export const rtcpXr = attribute<RtcpXr>({
  name: 'rtcp-xr',
  scope: 'both',
  spec: 'RFC 3611 5.1',
  example: 'a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL',
  parse: (value) => readAll(value, (c) => ({ formats: c.tokens('xr format') })),
  format: (v) => v.formats.join(' '),
});

/** RTP/RTCP attributes. */
export const RTP_RULES: readonly AttributeRule<unknown>[] = [
  rtcpFb,
  extmap,
  flag('extmap-allow-mixed', 'both', 'RFC 8285 6'),
  ssrc,
  ssrcGroup,
  rtcp,
  flag('rtcp-mux', 'media', 'RFC 5761 5.1.1'),
  flag('rtcp-mux-only', 'media', 'RFC 8858 3'),
  flag('rtcp-rsize', 'media', 'RFC 5506 5'),
  rtcpXr,
  crypto,
];
