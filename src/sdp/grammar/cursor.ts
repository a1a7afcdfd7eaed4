import { GrammarError } from '../errors.ts';

const SPACE = 0x20;

/**
 * A reading position inside one line value. Each method consumes what it names or
 * throws a `GrammarError` whose offset points at the first character it could not take,
 * which `parse` turns into a 1-based column.
 */
export class Cursor {
  pos = 0;

  constructor(readonly input: string) {}

  /** True once every character has been consumed. */
  get done(): boolean {
    return this.pos >= this.input.length;
  }

  fail(message: string, at = this.pos): never {
    throw new GrammarError(message, at);
  }

  /** Reads a run of non-space characters; `what` names it in the error. */
  token(what: string): string {
    const start = this.pos;
    const s = this.input;
    let i = start;
    while (i < s.length && s.charCodeAt(i) !== SPACE) i++;
    if (i === start) this.fail(`expected ${what}`);
    this.pos = i;
    return s.slice(start, i);
  }

  /** Reads up to (not including) `stop` or the end; may be empty. */
  until(stop: string): string {
    const start = this.pos;
    const i = this.input.indexOf(stop, start);
    const end = i < 0 ? this.input.length : i;
    this.pos = end;
    return this.input.slice(start, end);
  }

  /** Reads a decimal integer of at most `maxDigits` digits, at most `max`. */
  int(what: string, max = Number.MAX_SAFE_INTEGER, maxDigits = 15): number {
    const start = this.pos;
    const s = this.input;
    let i = start;
    let n = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
      i++;
    }
    if (i === start) this.fail(`expected ${what} (a number)`);
    if (i - start > maxDigits || n > max) this.fail(`${what} out of range (at most ${max})`, start);
    this.pos = i;
    return n;
  }

  /** Reads a token that must be a decimal integer, rejecting trailing garbage. */
  intToken(what: string, max?: number, maxDigits?: number): number {
    const start = this.pos;
    const n = this.int(what, max, maxDigits);
    if (!this.done && this.input.charCodeAt(this.pos) !== SPACE) {
      this.fail(`expected ${what} (a number)`, start);
    }
    return n;
  }

  /** Reads a decimal number such as `20` or `29.97`. */
  decimal(what: string): number {
    const start = this.pos;
    const raw = this.token(what);
    if (!/^\d+(\.\d+)?$/.test(raw)) this.fail(`expected ${what} (a decimal number)`, start);
    return Number(raw);
  }

  /** Consumes exactly one space. */
  space(): void {
    if (this.input.charCodeAt(this.pos) !== SPACE) this.fail('expected a space');
    this.pos++;
  }

  /** Consumes `text` if it is next; returns whether it did. */
  eat(text: string): boolean {
    if (matchesAt(this.input, this.pos, text)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  /** Consumes `text` or fails. */
  expect(text: string): void {
    if (!this.eat(text)) this.fail(`expected "${text}"`);
  }

  /** Everything not yet consumed. */
  rest(): string {
    const r = this.input.slice(this.pos);
    this.pos = this.input.length;
    return r;
  }

  /** Fails unless everything has been consumed. */
  end(): void {
    if (!this.done) this.fail('unexpected trailing characters');
  }

  /** Reads space-separated tokens to the end (at least `min`). */
  tokens(what: string, min = 1): string[] {
    const out: string[] = [];
    while (!this.done) {
      if (out.length > 0) this.space();
      out.push(this.token(what));
    }
    if (out.length < min) this.fail(`expected ${what}`);
    return out;
  }
}

/** Runs `read` over the whole of `value` and insists nothing is left over. */
export function readAll<T>(value: string, read: (c: Cursor) => T): T {
  const c = new Cursor(value);
  const result = read(c);
  c.end();
  return result;
}

/**
 * The decimal number written in `s[start, end)`, or -1 when that range is empty, longer
 * than `maxDigits`, or holds a non-digit. The fast paths of the hottest rules use it.
 */
export function digitsIn(s: string, start: number, end: number, maxDigits: number): number {
  if (end <= start || end - start > maxDigits) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Does `word` occur in `s` at `start`, before `end`? Same as `s.startsWith(word, start)`,
 * which V8 runs as a generic builtin call costing several times this loop on short words.
 */
export function matchesAt(s: string, start: number, word: string, end = s.length): boolean {
  if (start + word.length > end) return false;
  for (let i = 0; i < word.length; i++) {
    if (s.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** The first index of `ch` (a char code) in `s[start, end)`, or -1. */
export function findIn(s: string, ch: number, start: number, end: number): number {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === ch) return i;
  return -1;
}

/** Is `s[start, end)` one non-empty run of non-space characters (`token` + `end`)? */
export function isSingleToken(s: string, start: number, end: number): boolean {
  return start < end && findIn(s, 0x20, start, end) < 0;
}

/** Is `s[start, end)` non-empty tokens separated by single spaces (what `tokens` accepts)? */
export function isSpacedTokens(s: string, start: number, end: number): boolean {
  if (start >= end || s.charCodeAt(start) === 0x20 || s.charCodeAt(end - 1) === 0x20) return false;
  for (let i = start + 1; i < end - 1; i++) {
    if (s.charCodeAt(i) === 0x20 && s.charCodeAt(i + 1) === 0x20) return false;
  }
  return true;
}

/** The index of the first non-digit at or after `i`, before `end`. */
export function skipDigits(s: string, i: number, end: number): number {
  while (i < end) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    i++;
  }
  return i;
}

/**
 * The index after a run of token characters starting at `i` and ended by a space or
 * `end`; -1 when another character breaks the run.
 */
export function skipToken(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 0x20) return i;
    if (c >= 128 || TOKEN_CHAR[c] === 0) return -1;
    i++;
  }
  return i;
}

/** token-char of RFC 8866 section 9: visible ASCII except a few separators, as a table. */
const TOKEN_CHAR = new Uint8Array(128);
for (const ch of "!#$%&'*+-.^_`{|}~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TOKEN_CHAR[ch.charCodeAt(0)] = 1;
}

/** Is `s[start, end)` a non-empty RFC 8866 `token`? */
export function isTokenRange(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TOKEN_CHAR[c] === 0) return false;
  }
  return true;
}

/** Is `s` an RFC 8866 `token`? */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TOKEN_CHAR[c] === 0) return false;
  }
  return true;
}
