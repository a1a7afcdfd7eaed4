/**
 * `SdpWriter`: writes SDP text line by line from typed values, through the grammar tables
 * of `switchboard/sdp` (`LINE_RULES[type].format`, `attributeRule(name).format`), so
 * every line it writes is exactly what the parser reads back into the same value. Lines
 * end with CRLF (RFC 8866 5). It is shared by `createOffer` and `createAnswer`.
 *
 * The writer does not order or check lines: callers write them in the order RFC 8866
 * section 5 and RFC 9429 5.2/5.3 give, and parse their result in strict mode, which does.
 *
 * @example
 * ```ts
 * const w = new SdpWriter();
 * w.line('v', { version: 0 });
 * w.attribute('rtpmap', { payloadType: 111, encodingName: 'opus', clockRate: 48000, channels: 2 });
 * w.flag('rtcp-mux');
 * w.toString(); // 'v=0\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-mux\r\n'
 * ```
 */
import {
  type AttributeName,
  type AttributeValues,
  attributeRule,
  LINE_RULES,
  type LineValues,
} from 'switchboard/sdp';

/** Names of property attributes (`a=rtcp-mux`, `a=sendrecv`): they carry no value. */
export type FlagName = {
  [K in AttributeName]: AttributeValues[K] extends true ? K : never;
}[AttributeName];

/** Names of attributes that carry a value (`a=mid:0`). */
export type ValueAttributeName = Exclude<AttributeName, FlagName>;

/** The line type letters other than `a` (`v o s i u e p c b t r z k m`). */
export type LineLetter = keyof LineValues;

interface Formatter<T> {
  format(value: T): string;
}

const LINE_FORMATTERS: Readonly<Record<LineLetter, Formatter<never>>> = LINE_RULES;

const CRLF = '\r\n';

/** Writes SDP lines from typed values; see the module comment. */
export class SdpWriter {
  readonly #lines: string[] = [];

  /** Writes `<type>=<LINE_RULES[type].format(value)>`, e.g. `line('t', { start: '0', stop: '0' })`. */
  line<T extends LineLetter>(type: T, value: LineValues[T]): this {
    const rule = LINE_FORMATTERS[type] as Formatter<LineValues[T]> | undefined;
    if (rule === undefined) throw new RangeError(`SdpWriter.line: no line type "${type}="`);
    this.#lines.push(`${type}=${rule.format(value)}`);
    return this;
  }

  /** Writes `a=<name>:<attributeRule(name).format(value)>`, e.g. `attribute('mid', { mid: '0' })`. */
  attribute<K extends ValueAttributeName>(name: K, value: AttributeValues[K]): this {
    const rule = attributeRule(name);
    if (rule.flag) throw new RangeError(`SdpWriter.attribute: a=${name} is a flag; use flag()`);
    this.#lines.push(`a=${name}:${rule.format(value)}`);
    return this;
  }

  /** Writes a property attribute, `a=<name>`, e.g. `flag('rtcp-mux')` or `flag('sendrecv')`. */
  flag(name: FlagName): this {
    if (attributeRule(name)?.flag !== true) {
      throw new RangeError(`SdpWriter.flag: a=${name} is not a property attribute`);
    }
    this.#lines.push(`a=${name}`);
    return this;
  }

  /** The number of lines written so far. */
  get length(): number {
    return this.#lines.length;
  }

  /** The text written so far: every line followed by CRLF. */
  toString(): string {
    return this.#lines.length === 0 ? '' : `${this.#lines.join(CRLF)}${CRLF}`;
  }
}
