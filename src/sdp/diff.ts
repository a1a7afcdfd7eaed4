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
import { Collector, type DiffIgnore, type SdpDifference } from './diff-collector.ts';
import { compareMedia, compareSession } from './diff-sections.ts';
import type { MediaSection, SessionDescription } from './model.ts';

export type { DiffIgnore, SdpDifference } from './diff-collector.ts';

const IGNORABLE: readonly DiffIgnore[] = ['random', 'candidates', 'origin', 'bandwidth', 'unknown'];

/** Options of `diff`. */
export interface DiffOptions {
  /** Categories of difference to leave out (see `DiffIgnore`); none by default. */
  ignore?: readonly DiffIgnore[];
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
