/**
 * Setting the direction attribute of a section: `a=sendrecv`, `a=sendonly`,
 * `a=recvonly` or `a=inactive` (RFC 8866 6.7, RFC 9429 5.2.2 / 5.3.1).
 */
import type { Direction } from '../grammar/rtp.ts';
import type { SdpLine } from '../line.ts';
import type { SdpSection } from '../model.ts';
import {
  createAttributeLine,
  insertLines,
  removeLines,
  replaceLine,
  terminatorAt,
} from './lines.ts';

const DIRECTIONS: ReadonlySet<string> = new Set<Direction>([
  'sendrecv',
  'sendonly',
  'recvonly',
  'inactive',
]);

function isDirectionLine(l: SdpLine): boolean {
  return l.type === 'a' && l.name !== undefined && DIRECTIONS.has(l.name);
}

/**
 * Sets the direction of a media section (or of the session) and returns it. The existing
 * direction line is replaced in place; a section without one gets it after `a=mid`, or
 * at the end of its attribute block, ended with `eol` (default: the neighbouring lines'
 * terminator; pass `desc.eol` to be exact). A section that carried several direction lines keeps
 * only the first, rewritten, so the result is unambiguous. Setting the direction a
 * section already has changes nothing.
 *
 * @example setDirection(desc.media[0], 'recvonly') // a=sendrecv -> a=recvonly
 */
export function setDirection<S extends SdpSection>(
  section: S,
  direction: Direction,
  eol?: string,
): S {
  if (!DIRECTIONS.has(direction)) {
    throw new RangeError(
      `setDirection: direction must be sendrecv, sendonly, recvonly or inactive, got ${String(direction)}`,
    );
  }
  const lines = section.lines;
  const first = lines.findIndex(isDirectionLine);
  if (first < 0) {
    const mid = lines.findIndex((l) => l.type === 'a' && l.name === 'mid');
    const index = mid < 0 ? lines.length : mid + 1;
    const line = createAttributeLine(direction, true, eol ?? terminatorAt(section, index));
    return insertLines(section, index, [line]);
  }
  const existing = lines[first] as SdpLine;
  if (existing.text !== `a=${direction}` || existing.status !== 'ok') {
    replaceLine(section, first, createAttributeLine(direction, true));
  }
  return removeLines(section, (l, i) => i > first && isDirectionLine(l));
}
