/**
 * Setting and removing `b=<bwtype>:<bandwidth>` lines (RFC 8866 5.8; TIAS RFC 3890;
 * RS/RR RFC 3556), at session or media level.
 */
import type { Bandwidth } from '../grammar/lines.ts';
import type { SdpLine } from '../line.ts';
import type { SdpSection } from '../model.ts';
import {
  createLine,
  insertionIndex,
  insertLines,
  removeLines,
  replaceLine,
  terminatorAt,
} from './lines.ts';

/** The bandwidth type of a `b=` line, read from its text so a malformed line counts too. */
function bandwidthType(l: SdpLine): string | undefined {
  if (l.type !== 'b') return undefined;
  if (l.status === 'ok') return (l.value as Bandwidth).type;
  const colon = l.text.indexOf(':');
  return colon < 0 ? undefined : l.text.slice(2, colon);
}

/**
 * Sets the `b=<type>:` line of a section and returns it: the existing line is replaced in
 * place (further lines of the same type are removed); without one, the line goes where
 * RFC 8866 section 5 puts it (after `i=` and `c=`, before `k=` and `a=`; at session level
 * before `t=`), after any other `b=` line, ended with `eol` (default: the neighbouring
 * lines' terminator; pass `desc.eol` to be exact). `undefined` removes every
 * `b=<type>:` line.
 * Types compare exactly as written (`AS`, `TIAS`, `CT`, `RS`, `RR`, `X-...`).
 *
 * @example setBandwidth(video, 'AS', 2000)      // b=AS:2000 (kbit/s)
 * @example setBandwidth(video, 'TIAS', 2000000) // b=TIAS:2000000 (bit/s)
 * @example setBandwidth(video, 'AS', undefined) // removes b=AS:
 */
export function setBandwidth<S extends SdpSection>(
  section: S,
  type: string,
  value: number | undefined,
  eol?: string,
): S {
  if (typeof type !== 'string' || !/^[A-Za-z0-9_.+-]+$/.test(type)) {
    throw new RangeError(`setBandwidth: type must be a token such as AS or TIAS, got ${type}`);
  }
  if (value === undefined) return removeLines(section, (l) => bandwidthType(l) === type);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`setBandwidth: value must be a non-negative integer, got ${value}`);
  }
  const lines = section.lines;
  const first = lines.findIndex((l) => bandwidthType(l) === type);
  if (first < 0) {
    const index = insertionIndex(section, 'b');
    const line = createLine('b', { type, bandwidth: value }, eol ?? terminatorAt(section, index));
    return insertLines(section, index, [line]);
  }
  const existing = lines[first] as SdpLine;
  const line = createLine('b', { type, bandwidth: value });
  if (existing.text !== line.text || existing.status !== 'ok') replaceLine(section, first, line);
  return removeLines(section, (l, i) => i > first && bandwidthType(l) === type);
}
