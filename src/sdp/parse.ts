/**
 * `parse`: text to `SessionDescription`, in one pass over the input.
 *
 * Strict mode follows the RFC 8866 line grammar and order and JSEP's all-or-nothing rule
 * (RFC 9429 5.8: one bad line rejects the whole description); unknown attributes are
 * kept, as both RFCs require. Lenient mode keeps every line it cannot accept as written
 * and reports it as a warning. Both accept LF line endings and a missing final newline
 * (RFC 8866 5 asks parsers to be tolerant there) and note them as warnings.
 */
import {
  GrammarError,
  SDP_ERRORS,
  type SdpErrorCode,
  SdpParseError,
  type SdpWarning,
} from './errors.ts';
import { findIn, matchesAt } from './grammar/cursor.ts';
import { type CompiledRule, findAttributeRule } from './grammar/index.ts';
import { LINE_RULES } from './grammar/lines.ts';
import { resolveLimits, type SdpLimits } from './limits.ts';
import { ReadLine, type SdpLine } from './line.ts';
import { MediaSection, SessionDescription, SessionSection } from './model.ts';
import { checkOrder, missingAtEnd, newOrderState, type OrderState } from './order.ts';

/** Options of `parse`. */
export interface ParseOptions {
  /** `strict` (default) throws on the first problem; `lenient` keeps going and warns. */
  mode?: 'strict' | 'lenient';
  /** Overrides of `DEFAULT_LIMITS`. */
  limits?: Partial<SdpLimits>;
}

const LINE_RULE_BY_TYPE: Readonly<
  Record<
    string,
    { parse(value: string): unknown; check?(s: string, start: number, end: number): boolean }
  >
> = LINE_RULES;

class Reader {
  readonly warnings: SdpWarning[] = [];
  /** The rule of the last attribute line: attributes come in runs (rtcp-fb, extmap, ssrc). */
  lastRule: CompiledRule | undefined = undefined;

  constructor(readonly strict: boolean) {}

  /** Throws in strict mode or for an unrecoverable code; otherwise records a warning. */
  report(code: SdpErrorCode, line: number, column: number, text: string, message: string): void {
    const problem: SdpWarning = { code, message, line, column, text };
    if (this.strict || !SDP_ERRORS[code].recoverable) throw new SdpParseError(problem);
    this.warnings.push(problem);
  }

  /** Records a tolerated deviation in both modes. */
  note(code: SdpErrorCode, line: number, text: string, message: string): void {
    this.warnings.push({ code, message, line, column: text.length + 1, text });
  }
}

/**
 * Parses an SDP text. Throws `SdpParseError` (strict) or records warnings (lenient);
 * `serialize` of the result returns `text` byte for byte.
 */
export function parse(text: string, options: ParseOptions = {}): SessionDescription {
  if (typeof text !== 'string') throw new TypeError('parse(text): text must be a string');
  const mode = options.mode ?? 'strict';
  if (mode !== 'strict' && mode !== 'lenient') {
    throw new TypeError(`options.mode must be 'strict' or 'lenient', got ${String(mode)}`);
  }
  const limits = resolveLimits(options.limits);
  const r = new Reader(mode === 'strict');

  if (text.length > limits.maxBytes) {
    r.report(
      'SDP_ERR_TOO_LARGE',
      1,
      1,
      '',
      `input is ${text.length} long; limit ${limits.maxBytes}`,
    );
  }
  let pos = 0;
  let bom = '';
  if (text.charCodeAt(0) === 0xfeff) {
    const firstEnd = text.indexOf('\n');
    const first = text.slice(1, firstEnd < 0 ? text.length : firstEnd).replace(/\r$/, '');
    r.report('SDP_ERR_BOM', 1, 1, first, 'the input starts with a byte order mark');
    bom = '\uFEFF';
    pos = 1;
  }
  if (pos >= text.length) r.report('SDP_ERR_EMPTY', 1, 1, '', 'the input is empty');

  const session = new SessionSection();
  const media: MediaSection[] = [];
  let lines = session.lines;
  let order: OrderState = newOrderState('session');
  const sessionOrder = order;
  let lineNo = 0;
  let sawLf = false;
  // Next NUL and CR positions, found once and moved forward, so that looking for
  // control characters costs one scan of the input, not one per line.
  let nextNul = text.indexOf('\0', pos);
  let nextCr = text.indexOf('\r', pos);

  while (pos < text.length) {
    lineNo++;
    let end = text.indexOf('\n', pos);
    let eol: string;
    if (end < 0) {
      end = text.length;
      eol = '';
    } else if (end > pos && text.charCodeAt(end - 1) === 13) {
      eol = '\r\n';
      end--;
    } else {
      eol = '\n';
    }
    const line = text.slice(pos, end);
    const at = pos;
    let control = -1;
    if (nextNul >= 0 && nextNul < end) control = nextNul - pos;
    if (nextCr >= 0 && nextCr < end && (control < 0 || nextCr - pos < control))
      control = nextCr - pos;
    pos = end + eol.length;
    if (nextNul >= 0 && nextNul < pos) nextNul = text.indexOf('\0', pos);
    if (nextCr >= 0 && nextCr < pos) nextCr = text.indexOf('\r', pos);

    if (lineNo > limits.maxLines) {
      r.report('SDP_ERR_TOO_MANY_LINES', lineNo, 1, line, `more than ${limits.maxLines} lines`);
    }
    if (line.length > limits.maxLineLength) {
      r.report(
        'SDP_ERR_LINE_TOO_LONG',
        lineNo,
        limits.maxLineLength + 1,
        line,
        `line longer than ${limits.maxLineLength}`,
      );
    }
    if (eol === '\n' && !sawLf) {
      sawLf = true;
      r.note('SDP_ERR_LF_LINE_ENDING', lineNo, line, 'line ends with LF, not CRLF');
    } else if (eol === '') {
      r.note('SDP_ERR_NO_FINAL_NEWLINE', lineNo, line, 'the last line has no terminator');
    }

    const typed = readLine(r, text, at, line, lineNo, eol, order.scope, control);
    if (typed.type === 'm' && line.charCodeAt(1) === 61) {
      if (media.length >= limits.maxMediaSections) {
        r.report(
          'SDP_ERR_TOO_MANY_MEDIA',
          lineNo,
          1,
          line,
          `more than ${limits.maxMediaSections} m= sections`,
        );
      }
      if (order === sessionOrder) {
        for (const m of missingAtEnd(order)) {
          r.report(
            'SDP_ERR_MISSING_LINE',
            lineNo,
            1,
            line,
            `${m}= is required before the first m= line`,
          );
        }
      }
      const section = new MediaSection();
      media.push(section);
      lines = section.lines;
      order = newOrderState('media');
    }
    if (typed.status !== 'invalid' && typed.type !== '') {
      const problem = checkOrder(order, typed.type);
      if (problem) r.report(problem.code, lineNo, 1, line, problem.message);
    }
    lines.push(typed);
  }

  if (media.length === 0) {
    for (const m of missingAtEnd(sessionOrder)) {
      r.report('SDP_ERR_MISSING_LINE', lineNo, 1, '', `${m}= is required`);
    }
  }
  return new SessionDescription(session, media, r.warnings, bom);
}

const LOWER_A = 97;
const LOWER_Z = 122;

function invalidLine(
  type: string,
  text: string,
  eol: string,
  line: number,
  name?: string,
): SdpLine {
  return new ReadLine(type, text, eol, line, name, 'invalid', undefined);
}

/**
 * Reads one line into an `SdpLine`; in lenient mode a bad line comes back `invalid`.
 * The line is `text`, found at `src[at, at + text.length)`; quick checks read `src` in
 * place. `control` is the offset of the first NUL or CR inside the line, or -1.
 */
function readLine(
  r: Reader,
  src: string,
  at: number,
  text: string,
  lineNo: number,
  eol: string,
  scope: 'session' | 'media',
  control: number,
): SdpLine {
  if (text.length === 0) {
    r.report('SDP_ERR_BLANK_LINE', lineNo, 1, text, 'blank line');
    return invalidLine('', text, eol, lineNo);
  }
  const t = text.charCodeAt(0);
  if (text.charCodeAt(1) !== 61 || t < LOWER_A || t > LOWER_Z) {
    r.report('SDP_ERR_LINE_SYNTAX', lineNo, 1, text, 'expected <letter>=<value>');
    return invalidLine(text.charAt(0), text, eol, lineNo);
  }
  const type = text[0] as string;
  if (control >= 0) {
    r.report('SDP_ERR_CONTROL_CHARACTER', lineNo, control + 1, text, 'NUL or CR inside a line');
    return invalidLine(type, text, eol, lineNo);
  }
  if (type === 'a') return readAttribute(r, src, at, text, lineNo, eol, scope);
  const rule = LINE_RULE_BY_TYPE[type];
  if (rule === undefined) {
    r.report('SDP_ERR_UNKNOWN_LINE_TYPE', lineNo, 1, text, `unknown line type "${type}="`);
    return invalidLine(type, text, eol, lineNo);
  }
  if (rule.check?.(src, at + 2, at + text.length)) {
    return new ReadLine(type, text, eol, lineNo, undefined, 'ok', undefined, rule.parse);
  }
  try {
    const value = rule.parse(text.slice(2));
    return new ReadLine(type, text, eol, lineNo, undefined, 'ok', value);
  } catch (e) {
    if (!(e instanceof GrammarError)) throw e;
    r.report('SDP_ERR_BAD_VALUE', lineNo, 3 + e.offset, text, `${type}= ${e.message}`);
    return invalidLine(type, text, eol, lineNo);
  }
}

/** Is the attribute at `src[at, end)` named `name` (followed by `:` or the line end)? */
function sameName(src: string, at: number, end: number, name: string): boolean {
  const after = at + 2 + name.length;
  return (
    (after === end || (after < end && src.charCodeAt(after) === 0x3a)) &&
    matchesAt(src, at + 2, name, end)
  );
}

function readAttribute(
  r: Reader,
  src: string,
  at: number,
  text: string,
  lineNo: number,
  eol: string,
  scope: 'session' | 'media',
): SdpLine {
  const lineEnd = at + text.length;
  let rule = r.lastRule;
  let colon: number;
  if (rule !== undefined && sameName(src, at, lineEnd, rule.name)) {
    colon = 2 + rule.name.length;
    if (colon === text.length) colon = -1;
  } else {
    const colonAt = findIn(src, 0x3a, at + 2, lineEnd);
    colon = colonAt < 0 ? -1 : colonAt - at;
    rule = findAttributeRule(src, at + 2, colon < 0 ? lineEnd : colonAt);
    r.lastRule = rule;
  }
  const nameEnd = colon < 0 ? text.length : colon;
  if (rule === undefined) {
    const unknown = text.slice(2, nameEnd);
    if (unknown.length === 0 || unknown.includes(' ')) {
      r.report('SDP_ERR_BAD_VALUE', lineNo, 3, text, 'expected an attribute name');
      return invalidLine('a', text, eol, lineNo);
    }
    return new ReadLine('a', text, eol, lineNo, unknown, 'unknown', undefined);
  }
  const name = rule.name;
  if (rule.scope !== 'both' && rule.scope !== scope) {
    r.report(
      'SDP_ERR_ATTRIBUTE_SCOPE',
      lineNo,
      3,
      text,
      `a=${name} is a ${rule.scope}-level attribute`,
    );
    return invalidLine('a', text, eol, lineNo, name);
  }
  if (rule.flag) {
    if (colon >= 0) {
      r.report('SDP_ERR_BAD_VALUE', lineNo, colon + 1, text, `a=${name} takes no value`);
      return invalidLine('a', text, eol, lineNo, name);
    }
    return new ReadLine('a', text, eol, lineNo, name, 'ok', true);
  }
  if (colon < 0) {
    r.report('SDP_ERR_BAD_VALUE', lineNo, text.length + 1, text, `a=${name} needs a value`);
    return invalidLine('a', text, eol, lineNo, name);
  }
  const start = colon + 1;
  if (rule.check?.(src, at + start, lineEnd)) {
    return new ReadLine('a', text, eol, lineNo, name, 'ok', undefined, rule.parse);
  }
  try {
    const value = rule.parse(text.slice(start));
    return new ReadLine('a', text, eol, lineNo, name, 'ok', value);
  } catch (e) {
    if (!(e instanceof GrammarError)) throw e;
    r.report('SDP_ERR_BAD_VALUE', lineNo, colon + 2 + e.offset, text, `a=${name}: ${e.message}`);
    return invalidLine('a', text, eol, lineNo, name);
  }
}
