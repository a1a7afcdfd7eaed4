/**
 * Attributes defined by RFC 8866 section 6 itself, plus the few small ones that browsers
 * emit next to them (label, imageattr, identity).
 */
import { digitsIn, readAll, skipDigits } from './cursor.ts';
import { type AttributeRule, attribute, flag } from './rule.ts';

/** `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]` (6.6). */
export interface Rtpmap {
  payloadType: number;
  encodingName: string;
  clockRate: number;
  /** For audio, the number of channels; absent means 1. */
  channels?: number;
}

/** One `name=value` (or bare `value`) piece of an fmtp parameter list. */
export interface FmtpParameter {
  name: string;
  /** Absent for a bare piece such as `0-15` or `111/111`. Contains every `=` after the first. */
  value?: string;
}

/** `a=fmtp:<format> <format specific parameters>` (6.15). */
export interface Fmtp {
  payloadType: number;
  /** The parameters exactly as written. */
  config: string;
  /** `config` split at `;`, each piece at its first `=`; surrounding spaces trimmed. */
  parameters: FmtpParameter[];
}

/** `a=ptime:`, `a=maxptime:`, `a=framerate:`, `a=quality:`: one number. */
export interface NumberValue {
  value: number;
}

/** An attribute whose value is free text. */
export interface TextValue {
  value: string;
}

/** Splits an fmtp parameter string; values keep every `=` after the first one. */
export function splitFmtp(config: string): FmtpParameter[] {
  const out: FmtpParameter[] = [];
  let start = 0;
  while (start <= config.length) {
    let end = config.indexOf(';', start);
    if (end < 0) end = config.length;
    const part = config.slice(start, end);
    start = end + 1;
    // trim() only when an end is whitespace: most pieces have none, and trim allocates.
    const piece =
      part.charCodeAt(0) <= 0x20 || part.charCodeAt(part.length - 1) <= 0x20 ? part.trim() : part;
    if (piece.length === 0) continue;
    const eq = piece.indexOf('=');
    if (eq < 0) out.push({ name: piece });
    else out.push({ name: piece.slice(0, eq).trim(), value: piece.slice(eq + 1).trim() });
  }
  return out;
}

/** Writes fmtp parameters back in the form browsers use (`a=b;c=d`). */
export function joinFmtp(parameters: readonly FmtpParameter[]): string {
  return parameters.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)).join(';');
}

const number = (name: string, scope: 'media' | 'both', spec: string, example: string) =>
  attribute<NumberValue>({
    name,
    scope,
    spec,
    example,
    parse: (value) => readAll(value, (c) => ({ value: c.decimal(name) })),
    format: (v) => String(v.value),
  });

const text = (name: string, scope: 'session' | 'media' | 'both', spec: string, example: string) =>
  attribute<TextValue>({
    name,
    scope,
    spec,
    example,
    parse: (value) => readAll(value, (c) => ({ value: c.token(name) + c.rest() })),
    format: (v) => v.value,
  });

function readRtpmap(value: string): Rtpmap {
  return readAll(value, (c) => {
    const payloadType = c.int('payload type', 255, 3);
    c.space();
    const encodingName = c.until('/');
    if (encodingName.length === 0 || encodingName.includes(' ')) {
      c.fail('expected an encoding name', c.pos - encodingName.length);
    }
    c.expect('/');
    const clockRate = c.int('clock rate', 0xffffffff, 10);
    const out: Rtpmap = { payloadType, encodingName, clockRate };
    if (c.eat('/')) out.channels = c.int('encoding parameters', 255, 3);
    return out;
  });
}

export const rtpmap = attribute<Rtpmap>({
  name: 'rtpmap',
  scope: 'media',
  spec: 'RFC 8866 6.6',
  example: 'a=rtpmap:111 opus/48000/2',
  check: (s, start, end) => {
    // `<pt> <name>/<rate>[/<channels>]`, in one pass.
    let i = start;
    let n = 0;
    for (
      let c = s.charCodeAt(i) - 0x30;
      i < end && c >= 0 && c <= 9;
      c = s.charCodeAt(++i) - 0x30
    ) {
      n = n * 10 + c;
    }
    if (i === start || i - start > 3 || n > 255 || i >= end || s.charCodeAt(i) !== 0x20)
      return false;
    const nameStart = ++i;
    for (let c = s.charCodeAt(i); i < end && c !== 0x2f; c = s.charCodeAt(++i)) {
      if (c === 0x20) return false;
    }
    if (i === nameStart || i >= end) return false;
    const rateStart = ++i;
    n = 0;
    for (
      let c = s.charCodeAt(i) - 0x30;
      i < end && c >= 0 && c <= 9;
      c = s.charCodeAt(++i) - 0x30
    ) {
      n = n * 10 + c;
    }
    if (i === rateStart || i - rateStart > 10 || n > 0xffffffff) return false;
    if (i === end) return true;
    if (s.charCodeAt(i) !== 0x2f) return false;
    const channels = digitsIn(s, i + 1, end, 3);
    return channels >= 0 && channels <= 255;
  },
  parse: (value) => {
    // Fast path for well-formed lines; anything else (and every error) via readRtpmap.
    const sp = value.indexOf(' ');
    const payloadType = digitsIn(value, 0, sp, 3);
    const slash = value.indexOf('/', sp + 1);
    if (payloadType < 0 || payloadType > 255 || slash <= sp + 1) return readRtpmap(value);
    const encodingName = value.slice(sp + 1, slash);
    const slash2 = value.indexOf('/', slash + 1);
    const clockRate = digitsIn(value, slash + 1, slash2 < 0 ? value.length : slash2, 10);
    if (encodingName.includes(' ') || clockRate < 0 || clockRate > 0xffffffff) {
      return readRtpmap(value);
    }
    if (slash2 < 0) return { payloadType, encodingName, clockRate };
    const channels = digitsIn(value, slash2 + 1, value.length, 3);
    if (channels < 0 || channels > 255) return readRtpmap(value);
    return { payloadType, encodingName, clockRate, channels };
  },
  format: (v) =>
    `${v.payloadType} ${v.encodingName}/${v.clockRate}${v.channels === undefined ? '' : `/${v.channels}`}`,
});

function readFmtp(value: string): Fmtp {
  return readAll(value, (c) => {
    const payloadType = c.int('payload type', 255, 3);
    c.space();
    const config = c.rest();
    if (config.length === 0) c.fail('expected format parameters');
    return { payloadType, config, parameters: splitFmtp(config) };
  });
}

export const fmtp = attribute<Fmtp>({
  name: 'fmtp',
  scope: 'media',
  spec: 'RFC 8866 6.15',
  example: 'a=fmtp:111 minptime=10;useinbandfec=1',
  check: (s, start, end) => {
    const sp = skipDigits(s, start, end);
    const pt = digitsIn(s, start, sp, 3);
    return pt >= 0 && pt <= 255 && sp < end - 1 && s.charCodeAt(sp) === 0x20;
  },
  parse: (value) => {
    const sp = value.indexOf(' ');
    const payloadType = digitsIn(value, 0, sp, 3);
    if (payloadType < 0 || payloadType > 255 || sp === value.length - 1) return readFmtp(value);
    const config = value.slice(sp + 1);
    return { payloadType, config, parameters: splitFmtp(config) };
  },
  format: (v) => `${v.payloadType} ${v.config}`,
});

const IMAGEATTR_RE = /^(\*|\d{1,3}) (send|recv) (\*|\[.+\])( (send|recv) (\*|\[.+\]))?$/;

export const imageattr = attribute<TextValue>({
  name: 'imageattr',
  scope: 'media',
  spec: 'RFC 6236 3.1',
  example: 'a=imageattr:97 send [x=800,y=640] recv *',
  parse: (value) =>
    readAll(value, (c) => {
      if (!IMAGEATTR_RE.test(value)) c.fail('expected "<pt|*> send|recv <attr-list|*>"');
      return { value: c.rest() };
    }),
  format: (v) => v.value,
});

/** RFC 8866 section 6 attributes and their close relatives. */
export const CORE_RULES: readonly AttributeRule<unknown>[] = [
  rtpmap,
  fmtp,
  number('ptime', 'media', 'RFC 8866 6.4', 'a=ptime:20'),
  number('maxptime', 'media', 'RFC 8866 6.5', 'a=maxptime:120'),
  number('framerate', 'media', 'RFC 8866 6.13', 'a=framerate:30'),
  number('quality', 'media', 'RFC 8866 6.14', 'a=quality:10'),
  flag('sendrecv', 'both', 'RFC 8866 6.7.2'),
  flag('sendonly', 'both', 'RFC 8866 6.7.3'),
  flag('recvonly', 'both', 'RFC 8866 6.7.1'),
  flag('inactive', 'both', 'RFC 8866 6.7.4'),
  text('cat', 'session', 'RFC 8866 6.1', 'a=cat:sdp.seminars'),
  text('keywds', 'both', 'RFC 8866 6.2', 'a=keywds:SDP'),
  text('tool', 'session', 'RFC 8866 6.3', 'a=tool:switchboard'),
  text('orient', 'media', 'RFC 8866 6.8', 'a=orient:landscape'),
  text('type', 'session', 'RFC 8866 6.9', 'a=type:broadcast'),
  text('charset', 'session', 'RFC 8866 6.10', 'a=charset:UTF-8'),
  text('sdplang', 'both', 'RFC 8866 6.11', 'a=sdplang:en'),
  text('lang', 'both', 'RFC 8866 6.12', 'a=lang:en'),
  text('label', 'media', 'RFC 4574 4', 'a=label:1'),
  text('identity', 'session', 'RFC 8827 5', 'a=identity:eyJpZHAiOnt9fQ=='),
  imageattr,
];
