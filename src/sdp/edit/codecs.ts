/**
 * Codec editing of an RTP media section: removing payload types with everything that
 * describes or depends on them, and reordering the m= line's format list (the order is
 * the preference, RFC 9429 5.2.1 / RFC 3264 5.1).
 *
 * Dependants: an RTX codec (RFC 4588) names its primary with `apt=`; a RED codec
 * (RFC 2198) lists its primaries in its fmtp (`a=fmtp:63 111/111`); ULPFEC/FlexFEC
 * (RFC 5109, RFC 8627) protect whatever video codec is sent. Only the m= line and the
 * payload-type lines of removed codecs change; ssrc and ssrc-group lines are untouched.
 */

import type { SdpLine } from '../line.ts';
import { attributeText } from '../line.ts';
import type { Codec, MediaSection } from '../model.ts';
import { createLine, removeLines, replaceLine } from './lines.ts';

/**
 * Which codecs an edit means: a predicate, or a list of payload types (numbers) and
 * encoding names (strings, matched case-insensitively, e.g. `'H264'`, `'opus'`).
 */
export type CodecSelector = ((codec: Codec) => boolean) | readonly (number | string)[];

/** Codecs that carry no media of their own: they repair, protect or signal. */
const NON_MEDIA = new Set([
  'rtx',
  'red',
  'ulpfec',
  'flexfec',
  'flexfec-03',
  'cn',
  'telephone-event',
]);
const FEC = new Set(['ulpfec', 'flexfec', 'flexfec-03']);

/** Attributes whose value starts with the payload type they describe. */
const PAYLOAD_TYPE_ATTRIBUTES = new Set(['rtpmap', 'fmtp', 'rtcp-fb', 'imageattr']);

const lower = (c: Codec): string => c.name?.toLowerCase() ?? '';

/** A codec that carries media itself (unknown dynamic payload types count as media). */
function isMediaCodec(c: Codec): boolean {
  return !NON_MEDIA.has(lower(c));
}

/** The RTX codec's `apt=` payload type. */
function aptOf(c: Codec): number | undefined {
  const apt = c.parameters.apt;
  return apt !== undefined && /^\d{1,3}$/.test(apt) ? Number(apt) : undefined;
}

/** The RED codec's primaries from `a=fmtp:<pt> 111/111`, or undefined without such a list. */
function redPrimaries(c: Codec): number[] | undefined {
  const config = c.fmtp?.trim();
  if (config === undefined || !/^\d{1,3}(\/\d{1,3})*$/.test(config)) return undefined;
  return config.split('/').map(Number);
}

/** The codec this one follows in a format list: RTX its `apt=`, RED its first primary. */
function parentOf(c: Codec): number | undefined {
  const name = lower(c);
  const parent = name === 'rtx' ? aptOf(c) : name === 'red' ? redPrimaries(c)?.[0] : undefined;
  return parent === c.payloadType ? undefined : parent;
}

function validSelector(which: CodecSelector, where: string): CodecSelector {
  if (typeof which === 'function') return which;
  if (!Array.isArray(which)) {
    throw new TypeError(`${where}: expected a predicate or an array of payload types and names`);
  }
  for (const w of which) {
    if (typeof w === 'string') continue;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 255) {
      throw new RangeError(`${where}: ${String(w)} is neither a payload type nor a name`);
    }
  }
  return which;
}

/** The position of the first selector entry matching `c`; 0 for a predicate; -1 for none. */
function matchRank(which: CodecSelector, c: Codec): number {
  if (typeof which === 'function') return which(c) ? 0 : -1;
  const name = lower(c);
  return which.findIndex((w) =>
    typeof w === 'number' ? w === c.payloadType : w.toLowerCase() === name,
  );
}

function describe(pts: Iterable<number>): string {
  return [...pts].join(' ');
}

/** The m= line's index; throws for a section whose m= line is not well formed. */
function mediaLineIndex(media: MediaSection, where: string): number {
  const index = media.lines.findIndex((l) => l.type === 'm');
  if (index < 0 || media.lines[index]?.status !== 'ok') {
    throw new RangeError(`${where}: the section has no well-formed m= line`);
  }
  return index;
}

/** Rewrites the m= line with `formats`; the line keeps its terminator. */
function setFormats(media: MediaSection, formats: string[], where: string): void {
  const index = mediaLineIndex(media, where);
  replaceLine(media, index, createLine('m', { ...media.media, formats }));
}

/** The payload type an rtpmap/fmtp/rtcp-fb/imageattr line describes, read from its text. */
function describedPayloadType(l: SdpLine): number | undefined {
  if (l.type !== 'a' || l.name === undefined || !PAYLOAD_TYPE_ATTRIBUTES.has(l.name)) {
    return undefined;
  }
  const m = /^(\d{1,3})(?: |$)/.exec(attributeText(l) ?? '');
  return m === null ? undefined : Number(m[1]);
}

/**
 * Removes codecs from a media section and returns it: their payload types leave the m=
 * line, their rtpmap, fmtp, rtcp-fb and imageattr lines go, and so do the codecs that
 * depend on them: an RTX codec whose `apt=` is removed, a RED codec all of whose listed
 * primaries are removed, and RED without a list or ULPFEC/FlexFEC once no media codec
 * is left. A RED codec that keeps one of its primaries stays as written.
 * `a=rtcp-fb:*`, ssrc and ssrc-group lines are left alone.
 *
 * Throws a RangeError instead of leaving the section without a media codec (RTX, RED,
 * FEC, CN and telephone-event are not media codecs): reject or stop the section instead.
 *
 * @example removeCodecs(video, ['VP8'])      // VP8 and its RTX
 * @example removeCodecs(audio, [111])        // opus, and RED 63 that only repeats it
 * @example removeCodecs(video, (c) => c.name === 'H264' && c.parameters['packetization-mode'] !== '1')
 */
export function removeCodecs(media: MediaSection, which: CodecSelector): MediaSection {
  const where = 'removeCodecs';
  validSelector(which, where);
  const codecs = media.codecs();
  const removed = new Set(codecs.filter((c) => matchRank(which, c) >= 0).map((c) => c.payloadType));
  if (removed.size === 0) return media;

  const anyMediaLeft = () => codecs.some((c) => !removed.has(c.payloadType) && isMediaCodec(c));
  const dependsOnRemoved = (c: Codec): boolean => {
    const name = lower(c);
    if (name === 'rtx') {
      const apt = aptOf(c);
      return apt !== undefined && removed.has(apt);
    }
    if (name === 'red') {
      const primaries = redPrimaries(c);
      if (primaries !== undefined) return primaries.every((pt) => removed.has(pt));
      return !anyMediaLeft();
    }
    return FEC.has(name) && !anyMediaLeft();
  };
  // Until nothing changes: RTX of RED of a removed primary goes with it.
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of codecs) {
      if (!removed.has(c.payloadType) && dependsOnRemoved(c)) {
        removed.add(c.payloadType);
        grew = true;
      }
    }
  }
  if (!anyMediaLeft()) {
    throw new RangeError(
      `${where}: removing ${describe(removed)} would leave m=${media.kind}${media.mid === undefined ? '' : ` (mid ${media.mid})`} without a media codec; reject the section instead`,
    );
  }

  const formats = media.media.formats.filter((f) => !/^\d{1,3}$/.test(f) || !removed.has(+f));
  setFormats(media, formats, where);
  return removeLines(media, (l) => {
    const pt = describedPayloadType(l);
    return pt !== undefined && removed.has(pt);
  });
}

/**
 * Reorders the m= line's codecs and returns the section; only the m= line changes.
 * `explicit` gives some codecs a rank; a codec without one follows its parent (RTX its
 * `apt=`, RED its first primary) or, without a parent, goes after every ranked codec.
 * The sort is stable: equal ranks keep their relative order, non-numeric formats keep
 * their slots, and an order that changes nothing leaves the m= line object as it was.
 */
function applyRanks(
  media: MediaSection,
  codecs: Codec[],
  explicit: Map<Codec, number>,
  where: string,
): MediaSection {
  const byPt = new Map(codecs.map((c) => [c.payloadType, c]));
  const rank = (c: Codec, depth: number): number => {
    const own = explicit.get(c);
    if (own !== undefined) return own;
    const parent = byPt.get(parentOf(c) ?? -1);
    // The depth bound stops an apt= cycle (RTX of RTX of ...) from recursing forever.
    return parent === undefined || depth > codecs.length ? Infinity : rank(parent, depth + 1);
  };
  const ranked = codecs.map((c, i) => ({ c, i, r: rank(c, 0) }));
  ranked.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r < b.r ? -1 : 1));

  const tokens = media.media.formats;
  const numeric = tokens.filter((f) => /^\d{1,3}$/.test(f));
  const tokenOf = new Map(codecs.map((c, i) => [c, numeric[i] as string]));
  let next = 0;
  const formats = tokens.map((f) =>
    /^\d{1,3}$/.test(f) ? (tokenOf.get((ranked[next++] as { c: Codec }).c) as string) : f,
  );
  if (formats.every((f, i) => f === tokens[i])) return media;
  setFormats(media, formats, where);
  return media;
}

/**
 * Reorders the codecs of the m= line and returns the section; only the m= line changes
 * (rtpmap and fmtp lines stay where they are). With a list of payload types, those come
 * first in the list's order and the rest keep theirs; with a comparator, the codecs that
 * follow no other are sorted by it (stably). Either way an RTX codec, and a RED codec,
 * moves with the codec it follows unless it is listed itself, so `[63, 111]` puts RED
 * before opus. Payload types not in the section are ignored.
 *
 * @example reorderCodecs(video, [102, 96])                  // H264 102 + RTX, VP8 96 + RTX, rest
 * @example reorderCodecs(audio, (a, b) => (a.clockRate ?? 0) - (b.clockRate ?? 0))
 */
export function reorderCodecs(
  media: MediaSection,
  order: readonly number[] | ((a: Codec, b: Codec) => number),
): MediaSection {
  const where = 'reorderCodecs';
  const codecs = media.codecs();
  if (typeof order !== 'function') {
    if (!Array.isArray(order) || order.some((pt) => typeof pt !== 'number')) {
      throw new TypeError(`${where}: expected an array of payload types or a comparator`);
    }
    return rankBySelector(media, codecs, validSelector(order, where), where);
  }
  const byPt = new Map(codecs.map((c) => [c.payloadType, c]));
  const roots = codecs.filter((c) => !byPt.has(parentOf(c) ?? -1));
  const sorted = roots.slice().sort(order);
  return applyRanks(media, codecs, new Map(sorted.map((c, i) => [c, i])), where);
}

function rankBySelector(
  media: MediaSection,
  codecs: Codec[],
  which: CodecSelector,
  where: string,
): MediaSection {
  const explicit = new Map<Codec, number>();
  for (const c of codecs) {
    const r = matchRank(which, c);
    if (r >= 0) explicit.set(c, r);
  }
  return applyRanks(media, codecs, explicit, where);
}

/**
 * Moves the selected codecs, with their RTX (and RED) codecs, to the front of the m= line
 * and returns the section; only the m= line changes. Selected codecs keep their relative
 * order within one list entry; entries earlier in the list come first, so
 * `['H264', 'VP9']` gives every H264 codec, then every VP9 codec, then the rest.
 *
 * @example preferCodecs(video, ['H264'])  // 127 121 125 107 ... 96 97 98 99 ...
 * @example preferCodecs(video, (c) => c.name === 'H264' && c.parameters['profile-level-id'] === '42e01f')
 */
export function preferCodecs(media: MediaSection, which: CodecSelector): MediaSection {
  const where = 'preferCodecs';
  return rankBySelector(media, media.codecs(), validSelector(which, where), where);
}
