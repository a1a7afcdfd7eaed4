/**
 * Line-level editing: lines created from typed values with the grammar's own `format`
 * (so they are exactly what `parse` accepts), and insertion, replacement and removal of
 * lines in a section. Every line an edit does not name keeps its text, its terminator and
 * its identity, which is what keeps `serialize` byte-exact around an edit.
 *
 * One rule keeps the input's last-line shape: a description read without a final newline
 * stays without one. Appending after such a last line gives that line the terminator and
 * leaves the new last line without; removing the last line leaves its predecessor without.
 */
import { GrammarError } from '../errors.ts';
import { type AttributeName, type AttributeValues, attributeRule } from '../grammar/index.ts';
import { LINE_RULES, type LineValues } from '../grammar/lines.ts';
import type { SdpLine } from '../line.ts';
import { MediaSection, type SdpSection } from '../model.ts';
import { MEDIA_ORDER, SESSION_ORDER } from '../order.ts';

const CRLF = '\r\n';

/** The grammar of one non-attribute line type, seen through its value type. */
interface LineGrammar<T> {
  parse(value: string): T;
  format(value: T): string;
}

const LINE_GRAMMARS: Readonly<Record<string, LineGrammar<unknown>>> = LINE_RULES;

function assertEol(eol: string, where: string): void {
  if (eol !== '\r\n' && eol !== '\n') {
    throw new RangeError(`${where}: eol must be '\\r\\n' or '\\n', got ${JSON.stringify(eol)}`);
  }
}

/** Rejects what would split or corrupt the line: RFC 8866 text excludes CR, LF and NUL. */
function assertLineText(text: string, where: string): string {
  if (/[\r\n\0]/.test(text)) {
    throw new RangeError(`${where}: ${JSON.stringify(text)} contains CR, LF or NUL`);
  }
  return text;
}

/** Parses `written` with a grammar; a failure is the caller's mistake, so a RangeError. */
function reparse<T>(rule: { parse(value: string): T }, written: string, what: string): T {
  try {
    return rule.parse(written);
  } catch (e) {
    if (!(e instanceof GrammarError)) throw e;
    throw new RangeError(`${what}: ${JSON.stringify(written)} is not valid: ${e.message}`, {
      cause: e,
    });
  }
}

/**
 * Creates an `a=` line: `a=<name>:<format(value)>`, or `a=<name>` for a property
 * attribute (whose value is `true`). The value may also be given as the text after
 * `a=<name>:`; it is then checked with the attribute's grammar and kept as written.
 * For an attribute without a grammar here (`a=x-google-flag:conference`) the value is
 * that text (or undefined for a property) and the line's status is `unknown`, as the
 * parser would make it. The line's `value` is what the parser would read from its text.
 * Throws a RangeError for a value the grammar rejects.
 *
 * @example createAttributeLine('mid', { mid: '0' }, desc.eol) // a=mid:0
 */
export function createAttributeLine<K extends AttributeName>(
  name: K,
  value: AttributeValues[K] | string,
  eol?: string,
): SdpLine;
export function createAttributeLine(name: string, value: string | undefined, eol?: string): SdpLine;
export function createAttributeLine(name: string, value: unknown, eol = CRLF): SdpLine {
  const where = `createAttributeLine('${name}')`;
  assertEol(eol, where);
  if (typeof name !== 'string' || !/^[^\s:]+$/.test(name)) {
    throw new RangeError(`createAttributeLine: ${JSON.stringify(name)} is not an attribute name`);
  }
  const rule = attributeRule(name);
  if (rule === undefined) {
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`${where}: an attribute without a grammar takes a string value`);
    }
    const text = assertLineText(value === undefined ? `a=${name}` : `a=${name}:${value}`, where);
    return { type: 'a', text, eol, line: 0, name, value: undefined, status: 'unknown' };
  }
  if (rule.flag) {
    if (value !== true && value !== undefined) {
      throw new TypeError(`${where}: a property attribute takes the value true`);
    }
    return { type: 'a', text: `a=${name}`, eol, line: 0, name, value: true, status: 'ok' };
  }
  if (value === undefined || value === null) {
    throw new TypeError(`${where}: the attribute needs a value`);
  }
  const written = typeof value === 'string' ? value : rule.format(value);
  const text = assertLineText(`a=${name}:${written}`, where);
  const parsed = reparse(rule, written, where);
  return { type: 'a', text, eol, line: 0, name, value: parsed, status: 'ok' };
}

/**
 * Creates a non-attribute line (`m=`, `b=`, `c=`, ...) with `LINE_RULES[type].format`.
 * The value may also be given as the text after `<type>=`, checked with the grammar.
 * Throws a RangeError for a value the grammar rejects.
 *
 * @example createLine('b', { type: 'AS', bandwidth: 300 }, desc.eol) // b=AS:300
 */
export function createLine<T extends keyof LineValues>(
  type: T,
  value: LineValues[T] | string,
  eol = CRLF,
): SdpLine {
  const where = `createLine('${type}')`;
  assertEol(eol, where);
  const rule = LINE_GRAMMARS[type];
  if (rule === undefined) throw new RangeError(`createLine: no line type "${type}="`);
  if (value === undefined || value === null)
    throw new TypeError(`${where}: the line needs a value`);
  const written = typeof value === 'string' ? value : rule.format(value);
  const text = assertLineText(`${type}=${written}`, where);
  const parsed = reparse(rule, written, where);
  return { type, text, eol, line: 0, name: undefined, value: parsed, status: 'ok' };
}

/**
 * The terminator for a line placed at `index` of `section`: that of the line before or
 * after the spot, else the first one the section uses, else `fallback` (CRLF, RFC 8866 5).
 * Sections come from one description, so this is the description's terminator
 * (`desc.eol`), except in a description that mixes them, where the neighbours' is the
 * better match, and in a last section whose only line has no terminator, where the section
 * cannot tell: the helpers that insert lines take an `eol` argument (`desc.eol`) for that.
 */
export function terminatorAt(section: SdpSection, index: number, fallback = CRLF): string {
  const near = [section.lines[index - 1], section.lines[index]];
  for (const l of near) if (l !== undefined && l.eol !== '') return l.eol;
  for (const l of section.lines) if (l.eol !== '') return l.eol;
  return fallback;
}

/**
 * Where a line of `type` goes in `section` by the order of RFC 8866 section 5: after the
 * last line that may precede it (`b=` after `c=` and `i=`, before `k=` and `a=`; at
 * session level before `t=`). For `a=` that is the end of the section.
 */
export function insertionIndex(section: SdpSection, type: string): number {
  const table = section instanceof MediaSection ? MEDIA_ORDER : SESSION_ORDER;
  const slot = table[type];
  if (slot === undefined) {
    throw new RangeError(`insertionIndex: "${type}=" has no place in this section`);
  }
  let index = 0;
  section.lines.forEach((l, i) => {
    const rank = table[l.type]?.rank;
    if (rank !== undefined && rank <= slot.rank) index = i + 1;
  });
  return index;
}

/**
 * Inserts `lines` before `section.lines[index]` (at the end for `index === length`) and
 * returns the section. Appending after a last line without terminator moves the missing
 * terminator to the new last line (see the module comment).
 */
export function insertLines<S extends SdpSection>(
  section: S,
  index: number,
  lines: readonly SdpLine[],
): S {
  const all = section.lines;
  if (!Number.isInteger(index) || index < 0 || index > all.length) {
    throw new RangeError(`insertLines: index ${index} is outside 0..${all.length}`);
  }
  if (lines.length === 0) return section;
  const before = all[index - 1];
  const last = lines[lines.length - 1] as SdpLine;
  if (index === all.length && before !== undefined && before.eol === '') {
    before.eol = last.eol === '' ? terminatorAt(section, index) : last.eol;
    last.eol = '';
  }
  all.splice(index, 0, ...lines);
  return section;
}

/**
 * Inserts one line where RFC 8866 section 5 puts its type (see `insertionIndex`), or at
 * `index` when given, and returns the section.
 */
export function insertLine<S extends SdpSection>(
  section: S,
  line: SdpLine,
  index = insertionIndex(section, line.type),
): S {
  return insertLines(section, index, [line]);
}

/**
 * Replaces one line (given by index or by identity) with `replacement` and returns the
 * section. The replacement takes the old line's terminator, so the line keeps its place
 * in a CRLF or LF description and a last line without terminator stays without.
 */
export function replaceLine<S extends SdpSection>(
  section: S,
  target: SdpLine | number,
  replacement: SdpLine,
): S {
  const index = typeof target === 'number' ? target : section.lines.indexOf(target);
  const old = section.lines[index];
  if (old === undefined) throw new RangeError('replaceLine: the line is not in this section');
  replacement.eol = old.eol;
  section.lines[index] = replacement;
  return section;
}

/**
 * Removes every line for which `predicate` is true and returns the section. When the
 * removed lines include a last line without terminator, the new last line loses its
 * terminator, so the output still ends without a newline.
 */
export function removeLines<S extends SdpSection>(
  section: S,
  predicate: (line: SdpLine, index: number) => boolean,
): S {
  const all = section.lines;
  let kept = 0;
  let removedUnterminated = false;
  for (let i = 0; i < all.length; i++) {
    const l = all[i] as SdpLine;
    if (predicate(l, i)) {
      if (l.eol === '') removedUnterminated = true;
      continue;
    }
    all[kept++] = l;
  }
  if (kept === all.length) return section;
  all.length = kept;
  const last = all[kept - 1];
  if (removedUnterminated && last !== undefined) last.eol = '';
  return section;
}
