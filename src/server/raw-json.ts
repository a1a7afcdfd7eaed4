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

/** The index just past the string starting with the quote at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
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

/**
 * The text of member `key` of the JSON object `text` holds, or `undefined` when it has none,
 * has it more than once (parsers differ on which one counts: `JSON.parse` takes the last),
 * or `text` is not an object. `text` must be valid JSON; `key` must need no escaping in JSON
 * (no quote, backslash or control character).
 */
export function soleMember(text: string, key: string): string | undefined {
  const quotedKey = `"${key}"`;
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  let found: string | undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return undefined;
  for (;;) {
    const keyEnd = stringEnd(text, i);
    // A key may be written with escapes (`"p\u0061yload"`): decode those to compare.
    const length = keyEnd - i;
    const matches =
      length === quotedKey.length
        ? text.startsWith(quotedKey, i)
        : length > quotedKey.length &&
          text.slice(i, keyEnd).includes('\\') &&
          JSON.parse(text.slice(i, keyEnd)) === key;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) throw new SyntaxError('expected a colon');
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    if (matches) {
      if (found !== undefined) return undefined;
      found = text.slice(start, end);
    }
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== COMMA) return found;
    i = skipSpace(text, i + 1);
  }
}
