/**
 * The JSON form of a parsed description, as `switchboard sdp inspect --json` prints it:
 * every line with its number, status and typed value, grouped by section, plus the
 * joined codec view of each media section. Every value is JSON-safe (no bigints, no
 * class instances), so `JSON.parse(JSON.stringify(x))` deep-equals `x` up to dropped
 * `undefined` fields.
 */
import type { Codec, SdpLine, SdpSection, SdpWarning, SessionDescription } from 'switchboard/sdp';

/** One line: where it was, how it parsed, and its typed value. */
export interface SdpLineJson {
  /** 1-based line number in the input; 0 for a line an edit created. */
  line: number;
  /** The type letter: `v`, `o`, `a`, `m`, ... */
  type: string;
  /** The attribute name of an `a=` line. */
  name?: string;
  status: SdpLine['status'];
  /** The typed value when `status` is `ok`; otherwise absent. */
  value?: unknown;
  /** The line as written, without its terminator; keeps unknown and invalid lines readable. */
  text: string;
}

/** The session-level part. */
export interface SdpSessionJson {
  lines: SdpLineJson[];
}

/** One media section. */
export interface SdpMediaJson {
  mid?: string;
  /** `audio`, `video`, `application`, ... from the m= line. */
  kind: string;
  codecs: Codec[];
  lines: SdpLineJson[];
}

/** A whole description. */
export interface SdpDescriptionJson {
  warnings: SdpWarning[];
  session: SdpSessionJson;
  media: SdpMediaJson[];
}

function lineToJson(l: SdpLine): SdpLineJson {
  return {
    line: l.line,
    type: l.type,
    ...(l.name === undefined ? {} : { name: l.name }),
    status: l.status,
    ...(l.status === 'ok' ? { value: l.value } : {}),
    text: l.text,
  };
}

function linesToJson(section: SdpSection): SdpLineJson[] {
  return section.lines.map(lineToJson);
}

/** The JSON-safe form of `desc`; feed it to `JSON.stringify`. */
export function descriptionToJson(desc: SessionDescription): SdpDescriptionJson {
  return {
    warnings: desc.warnings.map((w) => ({ ...w })),
    session: { lines: linesToJson(desc.session) },
    media: desc.media.map((m) => {
      const out: SdpMediaJson = { kind: m.kind, codecs: m.codecs(), lines: linesToJson(m) };
      const mid = m.mid;
      return mid === undefined ? out : { mid, ...out };
    }),
  };
}
