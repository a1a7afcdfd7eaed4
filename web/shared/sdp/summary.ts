/**
 * The typed summary of a description as plain data, read from `switchboard/sdp`'s views:
 * session facts, then per media section its kind, mid, direction, codecs (with their
 * rtx/red links), ICE and DTLS attributes, candidates, header extensions and data channel
 * parameters. The pages render it; tests read it without a DOM.
 */
import type { Codec, MediaSection, SdpSection, SessionDescription } from 'switchboard/sdp';

/** A value of a media section, marked when it comes from the session level. */
export interface Inherited<T> {
  readonly value: T;
  /** True when the media section has no line of its own and the session level's applies. */
  readonly fromSession: boolean;
}

/** One codec: `111 opus/48000/2`, what it repairs or carries, and its fmtp. */
export interface CodecSummary {
  readonly payloadType: number;
  /** `name/clock[/channels]`, `?` for an unmapped dynamic payload type. */
  readonly encoding: string;
  /** `rtx of 96 VP8`, `red of 111 opus`, `fec`, or `''`. */
  readonly role: string;
  readonly fmtp: string | undefined;
  readonly feedback: readonly string[];
}

/** One ICE candidate, as a table row. */
export interface CandidateSummary {
  readonly type: string;
  readonly transport: string;
  readonly address: string;
  readonly port: number;
  readonly priority: number;
}

/** One media section. */
export interface MediaSummary {
  readonly index: number;
  readonly kind: string;
  readonly mid: string | undefined;
  readonly port: number;
  readonly protocol: string;
  /** The direction attribute; undefined when absent (RTP defaults to sendrecv). */
  readonly direction: string | undefined;
  readonly rejected: boolean;
  readonly bundleOnly: boolean;
  readonly codecs: readonly CodecSummary[];
  /** Non-RTP formats (`webrtc-datachannel`). */
  readonly formats: readonly string[];
  readonly ufrag: Inherited<string> | undefined;
  readonly pwd: Inherited<boolean> | undefined;
  readonly iceOptions: Inherited<readonly string[]> | undefined;
  /** `sha-256 9E:65:...` */
  readonly fingerprints: Inherited<readonly string[]> | undefined;
  readonly setup: Inherited<string> | undefined;
  readonly rtcp: readonly string[];
  readonly extensions: readonly { id: number; uri: string }[];
  readonly candidates: readonly CandidateSummary[];
  readonly endOfCandidates: boolean;
  readonly msids: readonly string[];
  readonly ssrcs: readonly number[];
  readonly simulcast: boolean;
  readonly rids: readonly string[];
  readonly sctpPort: number | undefined;
  readonly maxMessageSize: number | undefined;
  readonly unknownAttributes: readonly string[];
}

/** The session level. */
export interface SessionSummary {
  /** `o=` as written after `o=`. */
  readonly origin: string | undefined;
  readonly name: string | undefined;
  /** Each a=group: `BUNDLE 0 1 2`. */
  readonly groups: readonly string[];
  readonly iceLite: boolean;
  readonly extmapAllowMixed: boolean;
  readonly msidSemantic: string | undefined;
  readonly unknownAttributes: readonly string[];
}

/** A whole description. */
export interface DescriptionSummary {
  readonly session: SessionSummary;
  readonly media: readonly MediaSummary[];
}

function encoding(c: Codec): string {
  if (c.name === undefined) return '?';
  const rate = c.clockRate === undefined ? '' : `/${c.clockRate}`;
  const channels = c.channels === undefined ? '' : `/${c.channels}`;
  return `${c.name}${rate}${channels}`;
}

/** What a codec repairs or carries: rtx via apt= (RFC 4588), red via its fmtp (RFC 2198). */
function codecRole(c: Codec, all: readonly Codec[]): string {
  const label = (pt: number) => {
    const target = all.find((x) => x.payloadType === pt);
    return target?.name === undefined ? `${pt}` : `${pt} ${target.name}`;
  };
  const name = c.name?.toLowerCase();
  if (name === 'rtx') {
    const apt = c.parameters.apt;
    return apt === undefined ? 'rtx without apt' : `rtx of ${label(Number(apt))}`;
  }
  if (name === 'red' && c.fmtp !== undefined) {
    const pts = [...new Set(c.fmtp.split('/').map((p) => p.trim()))];
    if (pts.every((p) => /^\d+$/.test(p))) return `red of ${pts.map(Number).map(label).join(', ')}`;
  }
  if (name === 'ulpfec' || name === 'flexfec-03') return 'fec';
  return '';
}

/** Reads a value from the section, or from the session level when the section has none. */
function inherited<T>(
  section: SdpSection,
  session: SdpSection,
  read: (s: SdpSection) => T | undefined,
): Inherited<T> | undefined {
  const own = read(section);
  if (own !== undefined) return { value: own, fromSession: false };
  const shared = read(session);
  return shared === undefined ? undefined : { value: shared, fromSession: true };
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length === 0 ? undefined : list);

const unknownNames = (s: SdpSection): string[] => [
  ...new Set(s.unknownAttributes().map((u) => u.name)),
];

/** Summarises one media section of `desc`. */
export function summarizeMedia(
  m: MediaSection,
  index: number,
  desc: SessionDescription,
): MediaSummary {
  const session = desc.session;
  const codecs = m.codecs();
  const isRtp = m.media.protocol.includes('RTP');
  return {
    index,
    kind: m.kind,
    mid: m.mid,
    port: m.media.port,
    protocol: m.media.protocol,
    direction: m.direction,
    rejected: m.rejected,
    bundleOnly: m.has('bundle-only'),
    codecs: isRtp
      ? codecs.map((c) => ({
          payloadType: c.payloadType,
          encoding: encoding(c),
          role: codecRole(c, codecs),
          fmtp: c.fmtp,
          feedback: c.feedback,
        }))
      : [],
    formats: isRtp ? [] : m.media.formats,
    ufrag: inherited(m, session, (s) => s.attribute('ice-ufrag')?.ufrag),
    pwd: inherited(m, session, (s) => (s.has('ice-pwd') ? true : undefined)),
    iceOptions: inherited(m, session, (s) => s.attribute('ice-options')?.options),
    fingerprints: inherited(m, session, (s) =>
      nonEmpty(s.attributes('fingerprint').map((f) => `${f.algorithm} ${f.fingerprint}`)),
    ),
    setup: inherited(m, session, (s) => s.attribute('setup')?.role),
    rtcp: (['rtcp-mux', 'rtcp-mux-only', 'rtcp-rsize'] as const).filter((f) => m.has(f)),
    extensions: m.attributes('extmap').map((e) => ({ id: e.id, uri: e.uri })),
    candidates: m.attributes('candidate').map((c) => ({
      type: c.type,
      transport: c.transport,
      address: c.address,
      port: c.port,
      priority: c.priority,
    })),
    endOfCandidates: m.has('end-of-candidates'),
    msids: m
      .attributes('msid')
      .map((x) => (x.trackId === undefined ? x.streamId : `${x.streamId} ${x.trackId}`)),
    ssrcs: [...new Set(m.attributes('ssrc').map((s) => s.ssrc))],
    simulcast: m.has('simulcast'),
    rids: m.attributes('rid').map((r) => `${r.id} ${r.direction}`),
    sctpPort: m.attribute('sctp-port')?.port ?? m.attribute('sctpmap')?.port,
    maxMessageSize: m.attribute('max-message-size')?.size,
    unknownAttributes: unknownNames(m),
  };
}

/** Summarises a whole description. */
export function summarizeDescription(desc: SessionDescription): DescriptionSummary {
  const s = desc.session;
  const o = s.origin;
  const ms = s.attribute('msid-semantic');
  return {
    session: {
      origin:
        o &&
        `${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`,
      name: s.name?.text,
      groups: s.attributes('group').map((g) => [g.semantics, ...g.mids].join(' ')),
      iceLite: s.has('ice-lite'),
      extmapAllowMixed: s.has('extmap-allow-mixed'),
      msidSemantic: ms && [ms.semantic, ...ms.streamIds].join(' '),
      unknownAttributes: unknownNames(s),
    },
    media: desc.media.map((m, i) => summarizeMedia(m, i, desc)),
  };
}

/** The distinct ICE ufrags of a description, in order: one for a bundled description. */
export function iceUfrags(desc: SessionDescription): string[] {
  const out = new Set<string>();
  for (const section of desc.sections()) {
    for (const u of section.attributes('ice-ufrag')) out.add(u.ufrag);
  }
  return [...out];
}
