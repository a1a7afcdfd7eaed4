/**
 * Table tests of the line types (lines.ts: v= o= s= ... m=) and of the syntax of an a= line
 * itself; the cases are in lines.cases.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LINE_RULES, type LineRule, parse, serialize } from '../index.ts';
import { MALFORMED_ATTRIBUTE_SYNTAX, MALFORMED_LINES, VALID_LINES } from './lines.cases.ts';
import {
  catchParseError,
  crlf,
  lineAt,
  M,
  O,
  S,
  T,
  testMalformedAttributes,
  V,
  type ValidCase,
  withLine,
} from './table-harness.ts';

describe('line grammar: well-formed lines', () => {
  for (const [type, cases] of Object.entries(VALID_LINES)) {
    const rule = (LINE_RULES as Record<string, LineRule<unknown>>)[type] as LineRule<unknown>;
    for (const c of cases as ValidCase<unknown>[]) {
      test(`${c.line} -> ${JSON.stringify(c.value)}`, () => {
        const { text, lineNo } = withLine(c.line);
        const desc = parse(text);
        assert.deepEqual(desc.warnings, []);
        const line = lineAt(desc, lineNo);
        assert.equal(line.type, type);
        assert.equal(line.status, 'ok');
        assert.deepEqual(line.value, c.value);
        assert.equal(serialize(desc), text);
        const raw = c.line.slice(2);
        assert.equal(rule.format(rule.parse(raw)), c.formats ?? raw);
        assert.deepEqual(rule.parse(rule.format(c.value)), c.value);
      });
    }
  }

  test('b= of any type is read at session and media level', () => {
    const desc = parse(crlf([V, O, S, 'b=CT:1000', T, M, 'b=AS:50', 'b=TIAS:48000', 'b=X-YZ:1']));
    assert.deepEqual(desc.session.bandwidths, [{ type: 'CT', bandwidth: 1000 }]);
    assert.deepEqual(desc.media[0]?.bandwidths, [
      { type: 'AS', bandwidth: 50 },
      { type: 'TIAS', bandwidth: 48000 },
      { type: 'X-YZ', bandwidth: 1 },
    ]);
  });

  test('a 64-bit o= session id stays the exact decimal string', () => {
    const desc = parse(
      crlf([V, 'o=- 18446744069414584320 18446744073709551615 IN IP4 0.0.0.0', S, T]),
    );
    assert.equal(desc.session.origin?.sessionId, '18446744069414584320');
    assert.equal(desc.session.origin?.sessionVersion, '18446744073709551615');
  });
});

describe('line grammar: malformed lines', () => {
  for (const c of MALFORMED_LINES) {
    const { text, lineNo } = withLine(c.line);
    const column = c.line.length - c.at.length + 1;
    const code = c.code ?? 'SDP_ERR_BAD_VALUE';
    test(`${c.line} -> ${code} at ${lineNo}:${column}`, () => {
      assert.ok(c.line.endsWith(c.at));
      const e = catchParseError(() => parse(text));
      assert.deepEqual(
        { code: e.code, line: e.line, column: e.column, text: e.text },
        { code, line: lineNo, column, text: c.line },
      );
      // Lenient mode keeps the line; a required line it could not read is then also missing.
      const desc = parse(text, { mode: 'lenient' });
      const [first, ...rest] = desc.warnings;
      assert.deepEqual(
        { code: first?.code, line: first?.line, column: first?.column },
        { code, line: lineNo, column },
      );
      for (const w of rest) assert.equal(w.code, 'SDP_ERR_MISSING_LINE');
      const kept = lineAt(desc, lineNo);
      assert.equal(kept.text, c.line);
      assert.equal(kept.status, 'invalid');
      assert.equal(serialize(desc), text);
    });
  }
});

describe('attribute line syntax', () => {
  testMalformedAttributes(MALFORMED_ATTRIBUTE_SYNTAX);

  test('an unknown attribute is kept as written, with no warning, in strict mode', () => {
    const desc = parse(crlf([V, O, S, T, 'a=x-goo:hi there', M, 'a=x-flag']));
    assert.deepEqual(desc.warnings, []);
    assert.deepEqual(desc.unknownAttributes(), [
      { line: 5, name: 'x-goo', value: 'hi there' },
      { line: 7, name: 'x-flag', value: undefined },
    ]);
  });
});
