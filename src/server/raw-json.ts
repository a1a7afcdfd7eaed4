/**
 * The JSON text of one member of a JSON object, cut from the text itself: a relay forwards a
 * signal's `payload` as the sender wrote it (it was parsed and validated already) instead of
 * serializing the parsed value again. The text of the member parses to the very value
 * `JSON.parse` gave for it, whitespace and escapes aside.
 *
 * The scan assumes valid JSON (`JSON.parse` accepted the text) and looks only at the top
 * level: strings are skipped with `indexOf`, nested values by counting brackets outside
 * strings, so it costs far less than `JSON.stringify` of the value it finds.
 */

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const COMMA = 0x2c; // ,
const COLON = 0x3a; // :
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]

/** Whitespace as JSON defines it: space, tab, line feed, carriage return. */
function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Characters of a string looked at one by one before `indexOf` takes over (a call costs more). */
const SHORT_STRING = 24;

/** The index just past the string starting with the quote at `start`. */
function stringEnd(text: string, start: number): number {
  // Keys and most values are short: walk them.
  const stop = Math.min(text.length, start + 1 + SHORT_STRING);
  for (let i = start + 1; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++;
  }
  let from = stop;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) throw new SyntaxError('unterminated string');
    // Escaped when preceded by an odd number of backslashes.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index just past the value starting at `start` (no leading whitespace). */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return stringEnd(text, start);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i = stringEnd(text, i);
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      } else if (Number.isNaN(c)) throw new SyntaxError('unterminated value');
      i++;
    }
  }
  // A number, true, false or null: it ends where the enclosing object goes on.
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (
      c === COMMA ||
      c === CLOSE_BRACE ||
      c === CLOSE_BRACKET ||
      c === 0x20 ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09 ||
      Number.isNaN(c)
    ) {
      return i;
    }
    i++;
  }
}

/** Whether the key string at [start, end) of `text` (quotes included) is `key`. */
function keyIs(text: string, start: number, end: number, key: string): boolean {
  const length = end - start - 2;
  if (length === key.length) return text.startsWith(key, start + 1);
  // Written with escapes (`"p\u0061yload"`): decode it to compare.
  return (
    length > key.length &&
    text.slice(start, end).includes('\\') &&
    JSON.parse(text.slice(start, end)) === key
  );
}

/** What {@link walkObject} found of the members it looked for. */
interface Found {
  /** Members named `key`. */
  count: number;
  /** The value of the last one: [start, end) of the text. */
  start: number;
  end: number;
  /** With `inner`: whether the last one is an object holding `inner` exactly once. */
  inner: boolean;
}

/**
 * Walks the object whose `{` is at `open` and returns the index just past its `}`, counting
 * the members named `key` into `found`; with `inner`, a member named `key` is walked in the
 * same pass, for its own members named `inner`.
 */
function walkObject(
  text: string,
  open: number,
  key: string,
  inner: string | undefined,
  found: Found,
): number {
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return i + 1;
  for (;;) {
    const keyEnd = stringEnd(text, i);
    const matches = keyIs(text, i, keyEnd, key);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) throw new SyntaxError('expected a colon');
    const start = skipSpace(text, i + 1);
    let end: number;
    if (matches) {
      found.count++;
      found.start = start;
      found.inner = false;
      if (inner !== undefined && text.charCodeAt(start) === OPEN_BRACE) {
        const nested: Found = { count: 0, start: -1, end: -1, inner: false };
        end = walkObject(text, start, inner, undefined, nested);
        found.inner = nested.count === 1;
      } else {
        end = valueEnd(text, start);
      }
      found.end = end;
    } else {
      end = valueEnd(text, start);
    }
    i = skipSpace(text, end);
    const c = text.charCodeAt(i);
    if (c === CLOSE_BRACE) return i + 1;
    if (c !== COMMA) throw new SyntaxError('expected a comma');
    i = skipSpace(text, i + 1);
  }
}

/**
 * The text of member `key` of the JSON object `text` holds, or `undefined` when it has none,
 * has it more than once (parsers differ on which one counts: `JSON.parse` takes the last),
 * or `text` is not an object. With `inner`, also `undefined` unless that member is an object
 * with exactly one member `inner`. `text` must be valid JSON; `key` and `inner` must need no
 * escaping in JSON (no quote, backslash or control character).
 */
export function soleMember(text: string, key: string, inner?: string): string | undefined {
  const open = skipSpace(text, 0);
  if (text.charCodeAt(open) !== OPEN_BRACE) return undefined;
  const found: Found = { count: 0, start: -1, end: -1, inner: false };
  walkObject(text, open, key, inner, found);
  if (found.count !== 1 || (inner !== undefined && !found.inner)) return undefined;
  return text.slice(found.start, found.end);
}
