/**
 * Semantic differences between two session descriptions: what a peer would see differently,
 * not which lines moved. Media sections pair up by `a=mid` (RFC 5888 4), or by position
 * when a side lacks mids; within a section every attribute is compared as the map, set or
 * list its spec makes it, so line order and line endings never show up as differences.
 *
 * @example
 * ```ts
 * for (const d of diff(parse(before), parse(after), { ignore: ['random'] })) console.log(`${d}`);
 * // media[1](mid=1).codecs[111].fmtp.useinbandfec: 1 -> 0
 * ```
 */
import type { Direction } from './grammar/rtp.ts';
import { attributeText, type SdpLine } from './line.ts';
import type { Codec, MediaSection, SdpSection, SessionDescription } from './model.ts';

/**
 * A category of difference `diff` can leave out:
 * - `random`: what differs between two runs of the same browser: ICE ufrag and pwd,
 *   fingerprints, SSRCs and their cname/msid, `a=msid`, msid-semantic stream ids, SDES keys
 *   (`a=crypto`), `a=tls-id`, and the origin's session id and version. SSRC groups still
 *   compare by semantics and size, SSRCs by count.
 * - `candidates`: what ICE gathering changes: `a=candidate`, `a=end-of-candidates`,
 *   `a=remote-candidates`, `c=`, `a=rtcp`, and the m= port (rejection still counts).
 * - `origin`: the whole `o=` line.
 * - `bandwidth`: every `b=` line.
 * - `unknown`: attributes without a known grammar, and lines lenient parsing kept as invalid.
 */
export type DiffIgnore = 'random' | 'candidates' | 'origin' | 'bandwidth' | 'unknown';

const IGNORABLE: readonly DiffIgnore[] = ['random', 'candidates', 'origin', 'bandwidth', 'unknown'];

/** Options of `diff`. */
export interface DiffOptions {
  /** Categories of difference to leave out (see `DiffIgnore`); none by default. */
  ignore?: readonly DiffIgnore[];
}

/**
 * One semantic difference. `path` names what differs, e.g.
 * `media[1](mid=1).codecs[102].fmtp.profile-level-id`; `a` is the value in the first
 * description (absent when `kind` is `added`), `b` the value in the second (absent when
 * `removed`). For a set (rtcp-fb, candidates, group mids, ...) `path` names the set and the
 * value is the element. `String(d)` reads `<path>: <a> -> <b>`, `<path>: added <b>` or
 * `<path>: removed <a>`.
 */
export interface SdpDifference {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly a?: unknown;
  readonly b?: unknown;
  toString(): string;
}

/** How a value reads in `toString`: lists space-separated, as on the wire. */
function show(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : String(value);
}

class Difference implements SdpDifference {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  // Declared only, so that an added difference has no `a` property at all.
  declare readonly a?: unknown;
  declare readonly b?: unknown;

  constructor(path: string, a: unknown, b: unknown) {
    this.path = path;
    this.kind = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    if (a !== undefined) this.a = a;
    if (b !== undefined) this.b = b;
  }

  toString(): string {
    if (this.kind === 'changed') return `${this.path}: ${show(this.a)} -> ${show(this.b)}`;
    // A property attribute's value is `true`: its presence is all there is to say.
    const value = this.kind === 'added' ? this.b : this.a;
    return `${this.path}: ${this.kind}${value === true ? '' : ` ${show(value)}`}`;
  }
}

/** Scalars compare by value, lists element by element. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  return a === b;
}

/** Collects differences; each method compares one shape of value. */
class Collector {
  readonly out: SdpDifference[] = [];
  readonly ignore: ReadonlySet<DiffIgnore>;

  constructor(ignore: ReadonlySet<DiffIgnore>) {
    this.ignore = ignore;
  }

  /** A single value; undefined on one side makes it added or removed. */
  value(path: string, a: unknown, b: unknown): void {
    if (!same(a, b)) this.out.push(new Difference(path, a, b));
  }

  /** A property attribute (`a=rtcp-mux`): present or not. */
  flag(path: string, a: boolean, b: boolean): void {
    if (a !== b) this.out.push(new Difference(path, a ? true : undefined, b ? true : undefined));
  }

  /** A multiset: each element only in `a` is removed, each only in `b` added. */
  set(path: string, a: readonly string[], b: readonly string[]): void {
    const count = new Map<string, number>();
    for (const x of b) count.set(x, (count.get(x) ?? 0) + 1);
    const removed: string[] = [];
    for (const x of a) {
      const n = count.get(x) ?? 0;
      if (n > 0) count.set(x, n - 1);
      else removed.push(x);
    }
    for (const x of removed) this.out.push(new Difference(path, x, undefined));
    for (const x of b) {
      const n = count.get(x) ?? 0;
      if (n === 0) continue;
      count.set(x, n - 1);
      this.out.push(new Difference(path, undefined, x));
    }
  }

  /**
   * Keyed entries: a key on one side only is `path[key]` added or removed, showing
   * `describe(entry)`; a key on both sides is handed to `each`.
   */
  keyed<T>(
    path: string,
    a: ReadonlyMap<string, T>,
    b: ReadonlyMap<string, T>,
    describe: (entry: T) => unknown,
    each: (path: string, a: T, b: T) => void,
  ): void {
    for (const [key, x] of a) {
      const y = b.get(key);
      if (y === undefined) this.out.push(new Difference(`${path}[${key}]`, describe(x), undefined));
      else each(`${path}[${key}]`, x, y);
    }
    for (const [key, y] of b) {
      if (!a.has(key)) this.out.push(new Difference(`${path}[${key}]`, undefined, describe(y)));
    }
  }

  /**
   * A `key -> value` map of plain values. Keys read as fields (`fmtp.apt`) or, when
   * `bracket`, as identifiers (`bandwidth[AS]`).
   */
  entries(
    path: string,
    a: ReadonlyMap<string, unknown>,
    b: ReadonlyMap<string, unknown>,
    bracket = false,
  ): void {
    const at = (key: string) => (bracket ? `${path}[${key}]` : `${path}.${key}`);
    for (const [key, x] of a) this.value(at(key), x, b.get(key));
    for (const [key, y] of b) if (!a.has(key)) this.value(at(key), undefined, y);
  }
}

/**
 * The semantic differences from `a` to `b`, session level first, then each media section
 * in `a`'s order, then the sections only `b` has.
 *
 * @throws {RangeError} when `options.ignore` names an unknown category.
 */
export function diff(
  a: SessionDescription,
  b: SessionDescription,
  options: DiffOptions = {},
): SdpDifference[] {
  const ignore = new Set(options.ignore ?? []);
  for (const category of ignore) {
    if (!IGNORABLE.includes(category)) {
      throw new RangeError(
        `options.ignore: unknown category ${JSON.stringify(category)}; expected ${IGNORABLE.join(', ')}`,
      );
    }
  }
  const d = new Collector(ignore);
  compareSession(d, a, b);
  for (const pair of pairSections(a.media, b.media)) {
    if (pair.a === undefined) {
      const [j, m] = pair.b as [number, MediaSection];
      d.value(sectionPath(j, m), undefined, m.lines[0]?.text);
    } else if (pair.b === undefined) {
      const [i, m] = pair.a;
      d.value(sectionPath(i, m), m.lines[0]?.text, undefined);
    } else {
      const [i, x] = pair.a;
      const [j, y] = pair.b;
      const path = sectionPath(i, x);
      d.value(`${path}.index`, i, j);
      compareMedia(d, path, x, y, a, b);
    }
  }
  return d.out;
}

function sectionPath(index: number, m: MediaSection): string {
  const mid = m.mid;
  return mid === undefined ? `media[${index}]` : `media[${index}](mid=${mid})`;
}

type Indexed = [index: number, section: MediaSection];

/**
 * Pairs sections by mid when every section on both sides has a distinct one, otherwise
 * by position (pre-BUNDLE SDPs, SIP peers).
 */
function pairSections(
  a: readonly MediaSection[],
  b: readonly MediaSection[],
): { a?: Indexed; b?: Indexed }[] {
  const uniqueMids = (ms: readonly MediaSection[]) => {
    const mids = ms.map((m) => m.mid);
    return mids.every((mid) => mid !== undefined) && new Set(mids).size === mids.length;
  };
  const pairs: { a?: Indexed; b?: Indexed }[] = [];
  if (uniqueMids(a) && uniqueMids(b)) {
    const bIndex = new Map(b.map((m, j) => [m.mid, j]));
    const matched = new Set<number>();
    a.forEach((m, i) => {
      const j = bIndex.get(m.mid);
      if (j === undefined) pairs.push({ a: [i, m] });
      else {
        matched.add(j);
        pairs.push({ a: [i, m], b: [j, b[j] as MediaSection] });
      }
    });
    b.forEach((m, j) => {
      if (!matched.has(j)) pairs.push({ b: [j, m] });
    });
    return pairs;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    pairs.push({
      ...(x === undefined ? {} : { a: [i, x] }),
      ...(y === undefined ? {} : { b: [i, y] }),
    });
  }
  return pairs;
}

/** Attributes with a dedicated comparison; all others compare as raw lines. */
const COMPARED = new Set([
  'group',
  'ice-lite',
  'msid-semantic',
  'ice-ufrag',
  'ice-pwd',
  'ice-options',
  'fingerprint',
  'setup',
  'extmap',
  'extmap-allow-mixed',
  'sendrecv',
  'sendonly',
  'recvonly',
  'inactive',
  'mid',
  'rtpmap',
  'fmtp',
  'rtcp-fb',
  'rtcp',
  'rtcp-mux',
  'rtcp-mux-only',
  'rtcp-rsize',
  'bundle-only',
  'ssrc',
  'ssrc-group',
  'msid',
  'rid',
  'simulcast',
  'sctp-port',
  'max-message-size',
  'candidate',
  'end-of-candidates',
]);

/** Line types with a dedicated comparison. */
const COMPARED_TYPES = new Set(['o', 's', 'm', 'c', 'b']);

/** Raw-compared attributes each ignore category drops. */
const IGNORED_LINES: Partial<Record<DiffIgnore, ReadonlySet<string>>> = {
  random: new Set(['crypto', 'tls-id']),
  candidates: new Set(['remote-candidates']),
};

const ORIGIN_FIELDS = [
  'username',
  'sessionId',
  'sessionVersion',
  'netType',
  'addrType',
  'address',
] as const;

function compareSession(d: Collector, a: SessionDescription, b: SessionDescription): void {
  const x = a.session;
  const y = b.session;
  if (!d.ignore.has('origin')) {
    const fields = ORIGIN_FIELDS.filter(
      (f) => !(d.ignore.has('random') && (f === 'sessionId' || f === 'sessionVersion')),
    );
    for (const f of fields) d.value(`session.origin.${f}`, x.origin?.[f], y.origin?.[f]);
  }
  d.value('session.name', x.name?.text, y.name?.text);
  compareGroups(d, x, y);
  d.flag('session.ice-lite', x.has('ice-lite'), y.has('ice-lite'));
  const semantic = (s: SdpSection) => {
    const v = s.attribute('msid-semantic');
    if (v === undefined) return undefined;
    return d.ignore.has('random') ? v.semantic : [v.semantic, ...v.streamIds].join(' ');
  };
  d.value('session.msid-semantic', semantic(x), semantic(y));
  compareCommon(d, 'session', x, y);
}

/** Groups keyed by semantics (`BUNDLE`, `LS`, ...; a repeat gets `#2`), mids as a list. */
function compareGroups(d: Collector, x: SdpSection, y: SdpSection): void {
  const groups = (s: SdpSection) => {
    const out = new Map<string, string[]>();
    for (const g of s.attributes('group')) {
      let key = g.semantics;
      for (let n = 2; out.has(key); n++) key = `${g.semantics}#${n}`;
      out.set(key, g.mids);
    }
    return out;
  };
  d.keyed('session.group', groups(x), groups(y), show, (path, ma, mb) => {
    const before = d.out.length;
    d.set(`${path}.mids`, ma, mb);
    // Same mids in another order still differ: the first is the BUNDLE tag (RFC 9143).
    if (d.out.length === before) d.value(`${path}.mids`, ma, mb);
  });
}

/**
 * What session and media sections share: ICE credentials and options, DTLS, extensions,
 * c=, end-of-candidates, b=, and every other line.
 */
function compareCommon(d: Collector, path: string, x: SdpSection, y: SdpSection): void {
  const random = d.ignore.has('random');
  if (!random) {
    d.value(`${path}.ice-ufrag`, x.attribute('ice-ufrag')?.ufrag, y.attribute('ice-ufrag')?.ufrag);
    d.value(`${path}.ice-pwd`, x.attribute('ice-pwd')?.pwd, y.attribute('ice-pwd')?.pwd);
  }
  const options = (s: SdpSection) => s.attributes('ice-options').flatMap((o) => o.options);
  d.set(`${path}.ice-options`, options(x), options(y));
  if (!random) {
    const prints = (s: SdpSection) =>
      s.attributes('fingerprint').map((f) => `${f.algorithm.toLowerCase()} ${f.fingerprint}`);
    d.set(`${path}.fingerprint`, prints(x), prints(y));
  }
  d.value(`${path}.setup`, x.attribute('setup')?.role, y.attribute('setup')?.role);
  compareExtmaps(d, path, x, y);
  d.flag(`${path}.extmap-allow-mixed`, x.has('extmap-allow-mixed'), y.has('extmap-allow-mixed'));
  if (!d.ignore.has('candidates')) {
    const connection = (s: SdpSection) => s.lines.find((l) => l.type === 'c')?.text.slice(2);
    d.value(`${path}.connection`, connection(x), connection(y));
    d.flag(`${path}.end-of-candidates`, x.has('end-of-candidates'), y.has('end-of-candidates'));
  }
  if (!d.ignore.has('bandwidth')) {
    const bandwidths = (s: SdpSection) =>
      new Map(s.bandwidths.map((bw) => [bw.type, bw.bandwidth] as const));
    d.entries(`${path}.bandwidth`, bandwidths(x), bandwidths(y), true);
  }
  const [linesA, unknownA] = otherLines(d.ignore, x);
  const [linesB, unknownB] = otherLines(d.ignore, y);
  d.set(`${path}.lines`, linesA, linesB);
  if (!d.ignore.has('unknown')) d.set(`${path}.unknown`, unknownA, unknownB);
}

/**
 * The lines no dedicated comparison covers, as written: known ones (`a=ptime:20`, `t=0 0`)
 * and those without a grammar or that lenient parsing kept as invalid. Blank lines, which
 * lenient parsing keeps, say nothing.
 */
function otherLines(ignore: ReadonlySet<DiffIgnore>, s: SdpSection): [string[], string[]] {
  const known: string[] = [];
  const unknown: string[] = [];
  const dropped = new Set<string>();
  for (const category of ignore)
    for (const name of IGNORED_LINES[category] ?? []) dropped.add(name);
  for (const l of s.lines) {
    if (l.text === '') continue;
    if (l.status !== 'ok') unknown.push(l.text);
    else if (l.name === undefined ? !COMPARED_TYPES.has(l.type) : !COMPARED.has(l.name)) {
      if (l.name === undefined || !dropped.has(l.name)) known.push(l.text);
    }
  }
  return [known, unknown];
}

/** Header extensions keyed by URI (RFC 8285 8): id, direction, encryption, attributes. */
function compareExtmaps(d: Collector, path: string, x: SdpSection, y: SdpSection): void {
  type Ext = { id: number; direction: Direction | undefined; attributes: string | undefined };
  const extmaps = (s: SdpSection) => {
    const out = new Map<string, Ext>();
    for (const e of s.attributes('extmap')) {
      const key = e.encrypt ? `encrypt ${e.uri}` : e.uri;
      out.set(key, { id: e.id, direction: e.direction, attributes: e.attributes });
    }
    return out;
  };
  const describe = (e: Ext) => (e.direction === undefined ? e.id : `${e.id}/${e.direction}`);
  d.keyed(`${path}.extmap`, extmaps(x), extmaps(y), describe, (p, ea, eb) => {
    d.value(`${p}.id`, ea.id, eb.id);
    d.value(`${p}.direction`, ea.direction, eb.direction);
    d.value(`${p}.attributes`, ea.attributes, eb.attributes);
  });
}

function compareMedia(
  d: Collector,
  path: string,
  x: MediaSection,
  y: MediaSection,
  a: SessionDescription,
  b: SessionDescription,
): void {
  const ma = x.media;
  const mb = y.media;
  d.value(`${path}.kind`, ma.media, mb.media);
  d.value(`${path}.mid`, x.mid, y.mid);
  if (x.rejected !== y.rejected) d.value(`${path}.rejected`, x.rejected, y.rejected);
  else if (!d.ignore.has('candidates')) d.value(`${path}.port`, ma.port, mb.port);
  d.value(`${path}.protocol`, ma.protocol, mb.protocol);
  // An absent direction is the session's, and sendrecv without either (RFC 8866 6.7).
  const direction = (m: MediaSection, desc: SessionDescription) =>
    m.direction ?? desc.session.direction ?? 'sendrecv';
  d.value(`${path}.direction`, direction(x, a), direction(y, b));
  compareFormats(d, path, x, y);
  compareCommon(d, path, x, y);
  if (!d.ignore.has('candidates')) {
    d.value(`${path}.rtcp`, text(x.attributeLines('rtcp')[0]), text(y.attributeLines('rtcp')[0]));
  }
  for (const name of ['rtcp-mux', 'rtcp-mux-only', 'rtcp-rsize', 'bundle-only'] as const) {
    d.flag(`${path}.${name}`, x.has(name), y.has(name));
  }
  compareSources(d, path, x, y);
  const rids = (m: MediaSection) =>
    new Map(
      m.attributeLines('rid').map((l) => {
        const v = text(l) ?? '';
        return [l.value.id, v.slice(v.indexOf(' ') + 1)] as const;
      }),
    );
  d.entries(`${path}.rid`, rids(x), rids(y), true);
  d.value(
    `${path}.simulcast`,
    text(x.attributeLines('simulcast')[0]),
    text(y.attributeLines('simulcast')[0]),
  );
  d.value(`${path}.sctp-port`, x.attribute('sctp-port')?.port, y.attribute('sctp-port')?.port);
  d.value(
    `${path}.max-message-size`,
    x.attribute('max-message-size')?.size,
    y.attribute('max-message-size')?.size,
  );
  if (!d.ignore.has('candidates')) {
    const candidates = (m: MediaSection) => m.attributeLines('candidate').map((l) => text(l) ?? '');
    d.set(`${path}.candidates`, candidates(x), candidates(y));
  }
}

function text(line: SdpLine | undefined): string | undefined {
  return line === undefined ? undefined : attributeText(line);
}

/**
 * The m= formats: RTP payload types as codecs keyed by number, with their order as one
 * value; other formats (`webrtc-datachannel`) as a set.
 */
function compareFormats(d: Collector, path: string, x: MediaSection, y: MediaSection): void {
  const rtp = (f: string) => /^\d{1,3}$/.test(f);
  d.set(
    `${path}.formats`,
    x.media.formats.filter((f) => !rtp(f)),
    y.media.formats.filter((f) => !rtp(f)),
  );
  const ca = x.codecs();
  const cb = y.codecs();
  // Order is the preference (RFC 3264 5.1): report it when the shared codecs moved.
  const inB = new Set(cb.map((c) => c.payloadType));
  const inA = new Set(ca.map((c) => c.payloadType));
  const sharedA = ca.filter((c) => inB.has(c.payloadType)).map((c) => c.payloadType);
  const sharedB = cb.filter((c) => inA.has(c.payloadType)).map((c) => c.payloadType);
  if (!same(sharedA, sharedB)) {
    d.value(
      `${path}.codecs.order`,
      ca.map((c) => c.payloadType),
      cb.map((c) => c.payloadType),
    );
  }
  const byPt = (cs: Codec[]) => new Map(cs.map((c) => [String(c.payloadType), c]));
  d.keyed(`${path}.codecs`, byPt(ca), byPt(cb), describeCodec, (p, ka, kb) => {
    d.value(`${p}.name`, ka.name, kb.name);
    d.value(`${p}.clockRate`, ka.clockRate, kb.clockRate);
    // No channel count means one (RFC 8866 6.6): `G722/8000` and `G722/8000/1` agree.
    d.value(`${p}.channels`, ka.channels ?? 1, kb.channels ?? 1);
    d.entries(
      `${p}.fmtp`,
      new Map(Object.entries(ka.parameters)),
      new Map(Object.entries(kb.parameters)),
    );
    d.set(`${p}.rtcp-fb`, ka.feedback, kb.feedback);
  });
}

/** `VP9/90000 profile-id=0`, `opus/48000/2`, or `?` without an rtpmap. */
function describeCodec(c: Codec): string {
  let s = c.name === undefined ? '?' : `${c.name}/${c.clockRate}`;
  if (c.channels !== undefined) s += `/${c.channels}`;
  return c.fmtp === undefined ? s : `${s} ${c.fmtp}`;
}

/** SSRCs (RFC 5576) keyed by number with their attributes, groups and a=msid as sets. */
function compareSources(d: Collector, path: string, x: MediaSection, y: MediaSection): void {
  const sources = (m: MediaSection) => {
    const out = new Map<string, Map<string, string>>();
    for (const s of m.attributes('ssrc')) {
      const key = String(s.ssrc);
      const attrs = out.get(key) ?? new Map<string, string>();
      attrs.set(s.attribute, s.value ?? '');
      out.set(key, attrs);
    }
    return out;
  };
  if (d.ignore.has('random')) {
    // SSRC numbers and cnames are random per run; how many there are, and how they group,
    // is not.
    d.value(`${path}.ssrcs`, sources(x).size, sources(y).size);
    const shapes = (m: MediaSection) =>
      m.attributes('ssrc-group').map((g) => `${g.semantics} (${g.ssrcs.length})`);
    d.set(`${path}.ssrc-group`, shapes(x), shapes(y));
    return;
  }
  const describe = (attrs: Map<string, string>) =>
    [...attrs].map(([k, v]) => (v === '' ? k : `${k}:${v}`)).join(' ');
  d.keyed(`${path}.ssrc`, sources(x), sources(y), describe, (p, sa, sb) => d.entries(p, sa, sb));
  const groups = (m: MediaSection) =>
    m.attributes('ssrc-group').map((g) => [g.semantics, ...g.ssrcs].join(' '));
  d.set(`${path}.ssrc-group`, groups(x), groups(y));
  const msids = (m: MediaSection) =>
    m
      .attributes('msid')
      .map((v) => (v.trackId === undefined ? v.streamId : `${v.streamId} ${v.trackId}`));
  d.set(`${path}.msid`, msids(x), msids(y));
}
