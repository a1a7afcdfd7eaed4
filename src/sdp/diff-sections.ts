/**
 * What `diff` compares in a session section and a pair of media sections, codecs aside
 * (./diff-codecs.ts): origin, groups, ICE, DTLS, extensions, SSRCs, rids, simulcast, SCTP,
 * candidates, and every other line as written.
 */
import { compareFormats } from './diff-codecs.ts';
import { type Collector, type DiffIgnore, show } from './diff-collector.ts';
import type { Direction } from './grammar/rtp.ts';
import { attributeText, type SdpLine } from './line.ts';
import type { MediaSection, SdpSection, SessionDescription } from './model.ts';

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

export function compareSession(d: Collector, a: SessionDescription, b: SessionDescription): void {
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

export function compareMedia(
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
