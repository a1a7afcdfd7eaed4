/**
 * Grammar of the non-attribute lines, RFC 8866 section 5. Numbers that are only
 * identifiers (session id and version, NTP times) stay strings so 64-bit values are exact.
 */
import { GrammarError } from '../errors.ts';
import {
  type Cursor,
  digitsIn,
  findIn,
  isSpacedTokens,
  matchesAt,
  readAll,
  skipDigits,
} from './cursor.ts';
import type { LineRule } from './rule.ts';

/** `v=0` (RFC 8866 5.1). */
export interface Version {
  version: number;
}

/** `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (5.2). */
export interface Origin {
  username: string;
  /** Kept as a string: libwebrtc and Firefox use 64-bit values. */
  sessionId: string;
  sessionVersion: string;
  netType: string;
  addrType: string;
  address: string;
}

/** `s=`, `i=`, `u=`, `e=`, `p=`: free text (5.3-5.6). */
export interface Text {
  text: string;
}

/** `c=<nettype> <addrtype> <connection-address>` (5.7); `address` keeps `/ttl/count`. */
export interface Connection {
  netType: string;
  addrType: string;
  address: string;
  ttl?: number;
  count?: number;
}

/** `b=<bwtype>:<bandwidth>` (5.8), any type: AS, CT, TIAS, RR, RS, X-... */
export interface Bandwidth {
  type: string;
  bandwidth: number;
}

/** `t=<start-time> <stop-time>` (5.9); NTP seconds, kept as strings. */
export interface Timing {
  start: string;
  stop: string;
}

/** `r=<repeat interval> <active duration> <offsets from start-time>` (5.10). */
export interface Repeat {
  interval: string;
  duration: string;
  offsets: string[];
}

/** `z=<adjustment time> <offset> ...` (5.11). */
export interface TimeZones {
  adjustments: { time: string; offset: string }[];
}

/** `k=<method>[:<encryption key>]` (5.12, obsolete but legal). */
export interface EncryptionKey {
  method: string;
  key?: string;
}

/** `m=<media> <port>[/<number of ports>] <proto> <fmt> ...` (5.14). */
export interface Media {
  media: string;
  port: number;
  portCount?: number;
  protocol: string;
  /** Format tokens in offer order: payload types for RTP, `webrtc-datachannel` for SCTP. */
  formats: string[];
}

const text = (type: string, spec: string, example: string): LineRule<Text> => ({
  type,
  spec,
  example,
  parse: (value) => {
    if (value.length === 0) throw new GrammarError('the value must not be empty');
    return { text: value };
  },
  format: (v) => v.text,
});

const addressTypes = new Set(['IP4', 'IP6']);

function readConnectionAddress(c: Cursor, out: Connection): void {
  const start = c.pos;
  const raw = c.token('connection address');
  if (raw.indexOf('/') < 0) {
    out.address = raw;
    return;
  }
  const parts = raw.split('/');
  out.address = parts[0] ?? '';
  if (out.address.length === 0) c.fail('expected connection address', start);
  if (parts.length > 3) c.fail('too many "/" in connection address', start);
  let at = start + out.address.length + 1;
  const numbers = parts.slice(1).map((p) => {
    if (!/^\d{1,9}$/.test(p)) c.fail('expected a number after "/"', at);
    at += p.length + 1;
    return Number(p);
  });
  if (out.addrType === 'IP4' && numbers.length > 0) {
    out.ttl = numbers[0];
    if (numbers.length > 1) out.count = numbers[1];
  } else if (numbers.length > 0) {
    if (numbers.length > 1) c.fail('an IP6 address takes one "/<count>"', start);
    out.count = numbers[0];
  }
}

/** The rules for `v o s i u e p c b t r z k m`, keyed by type letter. */
export const LINE_RULES = {
  v: {
    type: 'v',
    spec: 'RFC 8866 5.1',
    example: 'v=0',
    parse: (value) =>
      readAll(value, (c) => {
        if (value !== '0') c.fail('the protocol version must be 0');
        c.rest();
        return { version: 0 };
      }),
    format: (v) => String(v.version),
  } satisfies LineRule<Version>,
  o: {
    type: 'o',
    spec: 'RFC 8866 5.2',
    example: 'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    parse: (value) =>
      readAll(value, (c) => {
        const username = c.token('username');
        c.space();
        const sessionId = c.token('session id');
        if (!/^\d+$/.test(sessionId)) c.fail('session id must be digits', c.pos - sessionId.length);
        c.space();
        const sessionVersion = c.token('session version');
        if (!/^\d+$/.test(sessionVersion)) {
          c.fail('session version must be digits', c.pos - sessionVersion.length);
        }
        c.space();
        const netType = c.token('network type');
        c.space();
        const addrType = c.token('address type');
        c.space();
        const address = c.token('unicast address');
        return { username, sessionId, sessionVersion, netType, addrType, address };
      }),
    format: (o) =>
      `${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`,
  } satisfies LineRule<Origin>,
  s: text('s', 'RFC 8866 5.3', 's=-'),
  i: text('i', 'RFC 8866 5.4', 'i=A Seminar on the session description protocol'),
  u: text('u', 'RFC 8866 5.5', 'u=http://www.example.com/seminars/sdp.pdf'),
  e: text('e', 'RFC 8866 5.6', 'e=j.doe@example.com (Jane Doe)'),
  p: text('p', 'RFC 8866 5.6', 'p=+1 617 555-6011'),
  c: {
    type: 'c',
    spec: 'RFC 8866 5.7',
    example: 'c=IN IP4 0.0.0.0',
    check: (s, start, end) => {
      // `IN IP4 <address>` / `IN IP6 <address>` without /ttl or /count.
      if (!matchesAt(s, start, 'IN IP', end) || s.charCodeAt(start + 6) !== 0x20) return false;
      const v = s.charCodeAt(start + 5);
      const address = start + 7;
      if ((v !== 0x34 && v !== 0x36) || address >= end) return false;
      return findIn(s, 0x20, address, end) < 0 && findIn(s, 0x2f, address, end) < 0;
    },
    parse: (value) =>
      readAll(value, (c) => {
        const out: Connection = { netType: c.token('network type'), addrType: '', address: '' };
        c.space();
        const at = c.pos;
        out.addrType = c.token('address type');
        if (out.netType === 'IN' && !addressTypes.has(out.addrType)) {
          c.fail('address type must be IP4 or IP6', at);
        }
        c.space();
        readConnectionAddress(c, out);
        return out;
      }),
    format: (v) => {
      let s = `${v.netType} ${v.addrType} ${v.address}`;
      if (v.ttl !== undefined) s += `/${v.ttl}`;
      if (v.count !== undefined) s += `/${v.count}`;
      return s;
    },
  } satisfies LineRule<Connection>,
  b: {
    type: 'b',
    spec: 'RFC 8866 5.8, RFC 3890, RFC 3556',
    example: 'b=AS:2000',
    parse: (value) =>
      readAll(value, (c) => {
        const type = c.until(':');
        if (type.length === 0) c.fail('expected a bandwidth type');
        if (!/^[A-Za-z0-9_.+-]+$/.test(type)) c.fail('bandwidth type must be a token', 0);
        c.expect(':');
        const bandwidth = c.int('bandwidth');
        return { type, bandwidth };
      }),
    format: (v) => `${v.type}:${v.bandwidth}`,
  } satisfies LineRule<Bandwidth>,
  t: {
    type: 't',
    spec: 'RFC 8866 5.9',
    example: 't=0 0',
    parse: (value) =>
      readAll(value, (c) => {
        const start = c.token('start time');
        if (!/^\d+$/.test(start)) c.fail('start time must be digits', 0);
        c.space();
        const at = c.pos;
        const stop = c.token('stop time');
        if (!/^\d+$/.test(stop)) c.fail('stop time must be digits', at);
        return { start, stop };
      }),
    format: (v) => `${v.start} ${v.stop}`,
  } satisfies LineRule<Timing>,
  r: {
    type: 'r',
    spec: 'RFC 8866 5.10',
    example: 'r=604800 3600 0 90000',
    parse: (value) =>
      readAll(value, (c) => {
        const parts = c.tokens('repeat time', 3);
        let at = 0;
        for (const p of parts) {
          if (!/^\d+[dhms]?$/.test(p)) c.fail('repeat times are numbers with d/h/m/s units', at);
          at += p.length + 1;
        }
        const [interval = '', duration = '', ...offsets] = parts;
        return { interval, duration, offsets };
      }),
    format: (v) => [v.interval, v.duration, ...v.offsets].join(' '),
  } satisfies LineRule<Repeat>,
  z: {
    type: 'z',
    spec: 'RFC 8866 5.11',
    example: 'z=2882844526 -1h 2898848070 0',
    parse: (value) =>
      readAll(value, (c) => {
        const parts = c.tokens('time zone adjustment', 2);
        if (parts.length % 2 !== 0) c.fail('adjustments come in time/offset pairs');
        const adjustments: TimeZones['adjustments'] = [];
        for (let i = 0; i < parts.length; i += 2) {
          adjustments.push({ time: parts[i] ?? '', offset: parts[i + 1] ?? '' });
        }
        return { adjustments };
      }),
    format: (v) => v.adjustments.map((a) => `${a.time} ${a.offset}`).join(' '),
  } satisfies LineRule<TimeZones>,
  k: {
    type: 'k',
    spec: 'RFC 8866 5.12',
    example: 'k=prompt',
    parse: (value) =>
      readAll(value, (c) => {
        const method = c.until(':');
        if (!/^(clear|base64|uri|prompt)$/.test(method)) {
          c.fail('key method must be clear, base64, uri or prompt', 0);
        }
        if (c.eat(':')) return { method, key: c.rest() };
        return { method };
      }),
    format: (v) => (v.key === undefined ? v.method : `${v.method}:${v.key}`),
  } satisfies LineRule<EncryptionKey>,
  m: {
    type: 'm',
    spec: 'RFC 8866 5.14',
    example: 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    check: (s, start, end) => {
      // `<media> <port> <proto> <fmt> ...` without a port count.
      const media = findIn(s, 0x20, start, end);
      if (media <= start) return false;
      const portEnd = skipDigits(s, media + 1, end);
      const port = digitsIn(s, media + 1, portEnd, 5);
      if (port < 0 || port > 65535 || portEnd >= end || s.charCodeAt(portEnd) !== 0x20)
        return false;
      const proto = findIn(s, 0x20, portEnd + 1, end);
      return proto > portEnd + 1 && isSpacedTokens(s, proto + 1, end);
    },
    parse: (value) =>
      readAll(value, (c) => {
        const media = c.token('media type');
        c.space();
        const port = c.int('port', 65535, 5);
        let portCount: number | undefined;
        if (c.eat('/')) portCount = c.int('number of ports', 65535, 5);
        if (!c.done && c.input.charCodeAt(c.pos) !== 0x20)
          c.fail('expected a space after the port');
        c.space();
        const protocol = c.token('transport protocol');
        c.space();
        const formats = c.tokens('format');
        const out: Media = { media, port, protocol, formats };
        if (portCount !== undefined) out.portCount = portCount;
        return out;
      }),
    format: (v) =>
      `${v.media} ${v.port}${v.portCount === undefined ? '' : `/${v.portCount}`} ${v.protocol} ${v.formats.join(' ')}`,
  } satisfies LineRule<Media>,
} as const;

/** A line type letter that RFC 8866 defines, `a` included. */
export type LineType = keyof typeof LINE_RULES | 'a';

/** Typed values of each non-attribute line type. */
export interface LineValues {
  v: Version;
  o: Origin;
  s: Text;
  i: Text;
  u: Text;
  e: Text;
  p: Text;
  c: Connection;
  b: Bandwidth;
  t: Timing;
  r: Repeat;
  z: TimeZones;
  k: EncryptionKey;
  m: Media;
}
