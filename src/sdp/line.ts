/**
 * One line of a session description, as read or as an edit wrote it. Every line keeps its
 * own text and terminator, which is what makes the model lossless.
 */
/** How a line fared in the parser. */
export type LineStatus =
  /** Parsed by its grammar; `value` holds the typed form. */
  | 'ok'
  /** An attribute whose grammar this package does not know; kept as written. */
  | 'unknown'
  /** Lenient mode only: the line broke its grammar and was kept as written. */
  | 'invalid';

/** One line of a description, exactly as it was read (or as an edit wrote it). */
export interface SdpLine {
  /** The type letter (`v`, `o`, `a`, `m`, ...); `''` for a blank line kept by lenient mode. */
  readonly type: string;
  /** The whole line without its terminator, e.g. `a=rtpmap:111 opus/48000/2`. */
  readonly text: string;
  /** The terminator as found: `\r\n`, `\n`, or `''` for a last line without one. */
  eol: string;
  /** 1-based line number in the parsed input; 0 for a line an edit created. */
  readonly line: number;
  /** For `a=` lines: the attribute name, e.g. `rtpmap`. */
  readonly name: string | undefined;
  /** The typed value (see `LineValues` and `AttributeValues`); undefined unless status is ok. */
  readonly value: unknown;
  readonly status: LineStatus;
}

/**
 * A line as `parse` read it. For the attributes whose grammar has a quick check (the
 * bulk of a browser offer: rtcp-fb, rtpmap, fmtp, extmap, ssrc), `parse` checks the
 * value at once but builds the typed value on first read of `value`: validation is
 * eager, materialisation lazy.
 */
export class ReadLine implements SdpLine {
  readonly type: string;
  readonly text: string;
  eol: string;
  readonly line: number;
  readonly name: string | undefined;
  readonly status: LineStatus;
  private typed: unknown;
  private reader: ((value: string) => unknown) | undefined;

  constructor(
    type: string,
    text: string,
    eol: string,
    line: number,
    name: string | undefined,
    status: LineStatus,
    value: unknown,
    reader?: (value: string) => unknown,
  ) {
    this.type = type;
    this.text = text;
    this.eol = eol;
    this.line = line;
    this.name = name;
    this.status = status;
    this.typed = value;
    this.reader = reader;
  }

  get value(): unknown {
    const reader = this.reader;
    if (reader !== undefined) {
      // The value starts after `a=<name>:` for an attribute, after `<type>=` otherwise.
      this.typed = reader(this.text.slice(this.name === undefined ? 2 : 3 + this.name.length));
      this.reader = undefined;
    }
    return this.typed;
  }

  toJSON(): object {
    const { type, text, eol, line, name, status, value } = this;
    return { type, text, eol, line, name, status, value };
  }
}

/** The value text of an `a=` line: what follows `a=<name>:`, or undefined for a property. */
export function attributeText(line: SdpLine): string | undefined {
  if (line.name === undefined) return undefined;
  const start = 2 + line.name.length;
  return line.text.length > start ? line.text.slice(start + 1) : undefined;
}
