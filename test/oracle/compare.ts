import { attributeText, type MediaSection, parse, type SdpSection } from 'switchboard/sdp';

/**
 * A semantic comparison of two answers to the same offer: what each negotiated, not how it
 * was written. Values that are random per peer or per call (ICE ufrag and pwd, DTLS
 * fingerprint, SSRCs, msid, cname, o= session id and version, candidates, ports of accepted
 * sections) are never compared; line order is compared only where it means something
 * (the m= line's payload type order, m-section order).
 */

/** What {@link compareAnswers} compares: session-level fields first, then per m-section. */
export const DIFFERENCE_FIELDS = [
  // Session level (section null).
  /** Number of m-sections. */
  'sections',
  /** `a=group:BUNDLE` mids (RFC 9143 7.3), groups separated by ` | `; null without one. */
  'bundle',
  /** `a=extmap-allow-mixed` (RFC 8285 6): `present` or null; session or media level. */
  'extmap-allow-mixed',
  // Every m-section.
  /** The m= line's media type. */
  'kind',
  /** The m= line's transport protocol, e.g. `UDP/TLS/RTP/SAVPF`. */
  'protocol',
  /** `accepted`, or `rejected`: port 0 without a=bundle-only (RFC 9429 5.3.1). */
  'accepted',
  'mid',
  // Accepted m-sections only.
  /** `a=bundle-only` (RFC 9143 6): `present` or null. */
  'bundle-only',
  /** The m= line's formats in order: payload types, or `webrtc-datachannel`. */
  'payload-types',
  /** Per payload type in both: `name/clock[/channels]`. */
  'rtpmap',
  /** Per payload type in both with the same rtpmap, per parameter: its value, as a string. */
  'fmtp',
  /** Per payload type in both with the same rtpmap: rtcp-fb values as a set, sorted. */
  'rtcp-fb',
  /** Per header extension URI: its id (RFC 8285 5). */
  'extmap',
  /** The effective direction (media level, else session level, else sendrecv). */
  'direction',
  /** `a=setup` role (RFC 8842), media level else session level. */
  'setup',
  /** `a=rtcp-mux` (RFC 5761): `present` or null. */
  'rtcp-mux',
  /** `a=rtcp-rsize` (RFC 5506): `present` or null. */
  'rtcp-rsize',
  /** `a=rtcp-xr` values (RFC 3611), as written. */
  'rtcp-xr',
  /** `a=ice-options` (RFC 8839 5.6), as written. */
  'ice-options',
  /** `a=rid` lines (RFC 8851), as written, joined with `; `. */
  'rid',
  /** `a=simulcast` (RFC 8853), as written. */
  'simulcast',
  /** `a=sctp-port` (RFC 8841 5). */
  'sctp-port',
  /** `a=max-message-size` (RFC 8841 6). */
  'max-message-size',
] as const;

/** One of {@link DIFFERENCE_FIELDS}. */
export type DifferenceField = (typeof DIFFERENCE_FIELDS)[number];

/** One way our answer differs from Chromium's. `null` values mean "absent". */
export interface Difference {
  /** 0-based m-section index; null for the session level. */
  section: number | null;
  /** Chromium's mid for the section (ours when Chromium's has none); null at session level. */
  mid: string | null;
  field: DifferenceField;
  /** Where inside the field: the payload type (`102`), `<pt> <parameter>` for fmtp, the
   * extension URI for extmap; null for fields that are one value. */
  key: string | null;
  ours: string | null;
  theirs: string | null;
}

/** `section 1 (mid 1) fmtp 102 profile-level-id: ours 42e01f, theirs 42E01F`. */
export function formatDifference(d: Difference): string {
  const where = d.section === null ? 'session' : `section ${d.section} (mid ${d.mid ?? '-'})`;
  const what = d.key === null ? d.field : `${d.field} ${d.key}`;
  const show = (value: string | null) => (value === null ? '(absent)' : JSON.stringify(value));
  return `${where} ${what}: ours ${show(d.ours)}, theirs ${show(d.theirs)}`;
}

/** The values of every `a=<name>` line in `section`, as written (`''` for a flag). */
function written(section: SdpSection, name: string): string[] {
  return section.lines.filter((l) => l.name === name).map((l) => attributeText(l) ?? '');
}

function flag(section: SdpSection, name: string): string | null {
  return section.has(name) ? 'present' : null;
}

function joined(values: string[], separator: string): string | null {
  return values.length === 0 ? null : values.join(separator);
}

/** Codecs by payload type, with their fmtp parameters and rtcp-fb set. */
function codecsOf(media: MediaSection) {
  return new Map(
    media.codecs().map((c) => [
      String(c.payloadType),
      {
        rtpmap: `${c.name}/${c.clockRate}${c.channels === undefined ? '' : `/${c.channels}`}`,
        parameters: c.parameters,
        feedback: [...new Set(c.feedback)].sort(),
      },
    ]),
  );
}

function extmapsOf(media: MediaSection): Map<string, string> {
  return new Map(media.attributes('extmap').map((e) => [e.uri, String(e.id)]));
}

/** Keys of both maps: ours in order, then theirs not in ours. */
function keysOf<K>(ours: Map<K, unknown>, theirs: Map<K, unknown>): K[] {
  return [...new Set([...ours.keys(), ...theirs.keys()])];
}

/**
 * Compares two answers field by field (see {@link DIFFERENCE_FIELDS}) and lists every
 * difference: session-level ones first, then per m-section in order. Both are parsed
 * strictly with `parse` from `switchboard/sdp`; a parse error throws.
 */
export function compareAnswers(ours: string, theirs: string): Difference[] {
  const a = parse(ours);
  const b = parse(theirs);
  const out: Difference[] = [];
  const add = (
    section: number | null,
    mid: string | null,
    field: DifferenceField,
    key: string | null,
    x: string | null,
    y: string | null,
  ) => {
    if (x !== y) out.push({ section, mid, field, key, ours: x, theirs: y });
  };

  const bundle = (sdp: typeof a) =>
    joined(
      sdp.session
        .attributes('group')
        .filter((g) => g.semantics === 'BUNDLE')
        .map((g) => g.mids.join(' ')),
      ' | ',
    );
  add(null, null, 'sections', null, String(a.media.length), String(b.media.length));
  add(null, null, 'bundle', null, bundle(a), bundle(b));
  add(
    null,
    null,
    'extmap-allow-mixed',
    null,
    flag(a.session, 'extmap-allow-mixed'),
    flag(b.session, 'extmap-allow-mixed'),
  );

  const count = Math.min(a.media.length, b.media.length);
  for (let i = 0; i < count; i++) {
    const x = a.media[i]!;
    const y = b.media[i]!;
    const mid = y.mid ?? x.mid ?? null;
    const field = (name: DifferenceField, key: string | null, p: string | null, q: string | null) =>
      add(i, mid, name, key, p, q);
    field('kind', null, x.kind, y.kind);
    field('protocol', null, x.media.protocol, y.media.protocol);
    const state = (m: MediaSection) => (m.rejected ? 'rejected' : 'accepted');
    field('accepted', null, state(x), state(y));
    field('mid', null, x.mid ?? null, y.mid ?? null);
    // A rejected section negotiates nothing: what else it carries is filler.
    if (x.rejected || y.rejected) continue;

    field('bundle-only', null, flag(x, 'bundle-only'), flag(y, 'bundle-only'));
    field('payload-types', null, x.media.formats.join(' '), y.media.formats.join(' '));
    if (x.media.protocol.includes('RTP')) {
      const cx = codecsOf(x);
      const cy = codecsOf(y);
      const common = [...cx.keys()].filter((pt) => cy.has(pt));
      for (const pt of common) field('rtpmap', pt, cx.get(pt)!.rtpmap, cy.get(pt)!.rtpmap);
      const same = common.filter((pt) => cx.get(pt)!.rtpmap === cy.get(pt)!.rtpmap);
      for (const pt of same) {
        const px = new Map(Object.entries(cx.get(pt)!.parameters));
        const py = new Map(Object.entries(cy.get(pt)!.parameters));
        for (const name of keysOf(px, py)) {
          field('fmtp', `${pt} ${name}`, px.get(name) ?? null, py.get(name) ?? null);
        }
      }
      for (const pt of same) {
        const fx = joined(cx.get(pt)!.feedback, ', ');
        field('rtcp-fb', pt, fx, joined(cy.get(pt)!.feedback, ', '));
      }
      const ex = extmapsOf(x);
      const ey = extmapsOf(y);
      for (const uri of keysOf(ex, ey))
        field('extmap', uri, ex.get(uri) ?? null, ey.get(uri) ?? null);
    }
    const direction = (m: MediaSection, session: SdpSection) =>
      m.direction ?? session.direction ?? 'sendrecv';
    field('direction', null, direction(x, a.session), direction(y, b.session));
    const setup = (m: MediaSection, session: SdpSection) =>
      (m.attribute('setup') ?? session.attribute('setup'))?.role ?? null;
    field('setup', null, setup(x, a.session), setup(y, b.session));
    field('extmap-allow-mixed', null, flag(x, 'extmap-allow-mixed'), flag(y, 'extmap-allow-mixed'));
    field('rtcp-mux', null, flag(x, 'rtcp-mux'), flag(y, 'rtcp-mux'));
    field('rtcp-rsize', null, flag(x, 'rtcp-rsize'), flag(y, 'rtcp-rsize'));
    field(
      'rtcp-xr',
      null,
      joined(written(x, 'rtcp-xr'), '; '),
      joined(written(y, 'rtcp-xr'), '; '),
    );
    const iceOptions = (m: MediaSection, session: SdpSection) =>
      joined(written(m, 'ice-options'), '; ') ?? joined(written(session, 'ice-options'), '; ');
    field('ice-options', null, iceOptions(x, a.session), iceOptions(y, b.session));
    field('rid', null, joined(written(x, 'rid'), '; '), joined(written(y, 'rid'), '; '));
    field(
      'simulcast',
      null,
      joined(written(x, 'simulcast'), '; '),
      joined(written(y, 'simulcast'), '; '),
    );
    field(
      'sctp-port',
      null,
      joined(written(x, 'sctp-port'), '; '),
      joined(written(y, 'sctp-port'), '; '),
    );
    field(
      'max-message-size',
      null,
      joined(written(x, 'max-message-size'), '; '),
      joined(written(y, 'max-message-size'), '; '),
    );
  }
  return out;
}
