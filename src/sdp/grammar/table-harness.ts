/**
 * Shared fixtures and table runners of the SDP grammar tests beside this file. Importing it
 * registers no tests: a runner registers its cases only when a test file calls it. The
 * build leaves it, like the `*.cases.ts` tables, out of dist (tsconfig.build.json).
 *
 * Well-formed cases check the typed value and `format(parse(v)) === v`. Malformed cases check
 * that strict mode throws the expected code at the right line and column, and that lenient mode
 * keeps the line, warns with the same code and position, and round-trips byte for byte.
 * Columns are written as `at`: the text of the line from the offending character to its end
 * (`''` when something is missing at the end of the line).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AttributeName,
  type AttributeValues,
  attributeRule,
  parse,
  type SdpErrorCode,
  type SdpLine,
  SdpParseError,
  type SessionDescription,
  serialize,
} from '../index.ts';

export type Level = 'session' | 'media';

export const V = 'v=0';
export const O = 'o=- 4611731400430051336 2 IN IP4 127.0.0.1';
export const S = 's=-';
export const T = 't=0 0';
export const M = 'm=audio 9 UDP/TLS/RTP/SAVPF 111';

/** Lines joined with CRLF, each terminated. */
export function crlf(lines: readonly string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

/** A minimal description holding the attribute `line` at `level`, and that line's number. */
export function withAttribute(line: string, level: Level): { text: string; lineNo: number } {
  return level === 'session'
    ? { text: crlf([V, O, S, T, line, M]), lineNo: 5 }
    : { text: crlf([V, O, S, T, M, line]), lineNo: 6 };
}

/** A minimal description holding the non-attribute `line` where its type belongs. */
export function withLine(line: string): { text: string; lineNo: number } {
  const type = line.charAt(0);
  if (type === 'v') return { text: crlf([line, O, S, T]), lineNo: 1 };
  if (type === 'o') return { text: crlf([V, line, S, T]), lineNo: 2 };
  if (type === 's') return { text: crlf([V, O, line, T]), lineNo: 3 };
  if (type === 't') return { text: crlf([V, O, S, line]), lineNo: 4 };
  if ('iuepcb'.includes(type)) return { text: crlf([V, O, S, line, T]), lineNo: 4 };
  return { text: crlf([V, O, S, T, line]), lineNo: 5 };
}

/** The level an attribute is tested at unless a case says otherwise. */
export function homeLevel(name: string): Level {
  return attributeRule(name)?.scope === 'session' ? 'session' : 'media';
}

export function lineAt(desc: SessionDescription, lineNo: number): SdpLine {
  const found = desc.sections().flatMap((s) => s.lines.filter((l) => l.line === lineNo));
  assert.equal(found.length, 1, `expected exactly one line numbered ${lineNo}`);
  return found[0] as SdpLine;
}

/** The attribute name of an `a=` line. */
export function nameOf(line: string): string {
  const colon = line.indexOf(':');
  return colon < 0 ? line.slice(2) : line.slice(2, colon);
}

/** Calls `fn`, which must throw an `SdpParseError`, and returns it. */
export function catchParseError(fn: () => unknown): SdpParseError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SdpParseError, `expected SdpParseError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected parse to throw');
}

/** Checks a malformed `line` at `lineNo` of `text` in both modes. */
function assertMalformed(
  text: string,
  lineNo: number,
  line: string,
  at: string,
  code: SdpErrorCode,
): void {
  assert.ok(line.endsWith(at), `"${at}" must be the end of "${line}"`);
  const column = line.length - at.length + 1;
  const e = catchParseError(() => parse(text));
  assert.deepEqual(
    { code: e.code, line: e.line, column: e.column, text: e.text },
    { code, line: lineNo, column, text: line },
  );
  const desc = parse(text, { mode: 'lenient' });
  assert.deepEqual(
    desc.warnings.map((w) => ({ code: w.code, line: w.line, column: w.column })),
    [{ code, line: lineNo, column }],
  );
  const kept = lineAt(desc, lineNo);
  assert.equal(kept.text, line);
  assert.equal(kept.status, 'invalid');
  assert.equal(serialize(desc), text);
}

export interface ValidCase<V> {
  line: string;
  value: V;
  /** What `format` writes back when `line` is not in canonical form. */
  formats?: string;
  /** Defaults to the attribute's own scope (`both` is tested at media level). */
  level?: Level;
}

/**
 * Well-formed cases of some attributes, by name. A family's table is declared with
 * `satisfies ValidAttributes`, so that coverage.test.ts can check at compile time that the
 * families together name every attribute.
 */
export type ValidAttributes = { [K in AttributeName]?: ValidCase<AttributeValues[K]>[] };

export interface MalformedCase {
  line: string;
  /** The line from the offending character to its end. */
  at: string;
  /** Defaults to SDP_ERR_BAD_VALUE. */
  code?: SdpErrorCode;
  /** Defaults to the attribute's own scope. */
  level?: Level;
}

/** An attribute line at a level its rule does not allow. */
export const scope = (line: string, level: Level): MalformedCase => ({
  line,
  at: line.slice(2),
  code: 'SDP_ERR_ATTRIBUTE_SCOPE',
  level,
});

/** Registers one test per well-formed attribute case of `table`. */
export function testValidAttributes(table: ValidAttributes): void {
  for (const [name, cases] of Object.entries(table)) {
    const rule = attributeRule(name);
    for (const c of cases as ValidCase<unknown>[]) {
      const level = c.level ?? homeLevel(name);
      test(`${c.line} (${level}) -> ${JSON.stringify(c.value)}`, () => {
        assert.ok(rule, `no rule for a=${name}`);
        assert.equal(nameOf(c.line), name);
        const { text, lineNo } = withAttribute(c.line, level);
        const desc = parse(text);
        assert.deepEqual(desc.warnings, []);
        const line = lineAt(desc, lineNo);
        assert.equal(line.name, name);
        assert.equal(line.status, 'ok');
        assert.deepEqual(line.value, c.value);
        assert.equal(serialize(desc), text);
        if (!rule.flag) {
          const raw = c.line.slice(`a=${name}:`.length);
          assert.deepEqual(rule.parse(raw), c.value);
          assert.equal(rule.format(rule.parse(raw)), c.formats ?? raw);
          assert.deepEqual(rule.parse(rule.format(c.value)), c.value);
        }
      });
    }
  }
}

/** Registers one test per malformed attribute case. */
export function testMalformedAttributes(cases: readonly MalformedCase[]): void {
  for (const c of cases) {
    const code = c.code ?? 'SDP_ERR_BAD_VALUE';
    const level = c.level ?? homeLevel(nameOf(c.line));
    const { text, lineNo } = withAttribute(c.line, level);
    const column = c.line.length - c.at.length + 1;
    test(`${c.line} (${level}) -> ${code} at ${lineNo}:${column}`, () => {
      assertMalformed(text, lineNo, c.line, c.at, code);
    });
  }
}
