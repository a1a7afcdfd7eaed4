/**
 * Table tests of the checks `parse` makes over whole descriptions: line order, required lines,
 * line syntax, line endings, byte order mark and limits; the cases are in
 * structure.cases.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_LIMITS, parse, serialize } from '../index.ts';
import { ENDINGS, LIMITS, STRUCTURE } from './structure.cases.ts';
import { catchParseError, crlf, M, O, S, T, V } from './table-harness.ts';

describe('structure: order, required lines and line syntax', () => {
  for (const c of STRUCTURE) {
    test(`${c.name} -> ${c.code} at ${c.line}:${c.column}; lenient warns and keeps it`, () => {
      const e = catchParseError(() => parse(c.text));
      assert.deepEqual(
        { code: e.code, line: e.line, column: e.column },
        { code: c.code, line: c.line, column: c.column },
      );
      const desc = parse(c.text, { mode: 'lenient' });
      assert.deepEqual(
        desc.warnings.map((w) => ({ code: w.code, line: w.line, column: w.column })),
        [{ code: c.code, line: c.line, column: c.column }],
      );
      assert.equal(serialize(desc), c.text);
    });
  }

  test('lenient mode keeps a byte order mark and writes it back', () => {
    const text = `\uFEFF${crlf([V, O, S, T])}`;
    const desc = parse(text, { mode: 'lenient' });
    assert.equal(desc.bom, '\uFEFF');
    assert.equal(desc.session.lines[0]?.text, 'v=0');
    assert.equal(serialize(desc), text);
  });

  test('empty input -> SDP_ERR_EMPTY in both modes', () => {
    for (const mode of ['strict', 'lenient'] as const) {
      for (const text of ['', '\uFEFF']) {
        const e = catchParseError(() => parse(text, { mode }));
        assert.equal(e.code, text === '' || mode === 'lenient' ? 'SDP_ERR_EMPTY' : 'SDP_ERR_BOM');
      }
    }
  });
});

describe('line endings: accepted in both modes', () => {
  for (const c of ENDINGS) {
    test(`${c.name} -> ${c.warnings.map((w) => w.join(':')).join(', ') || 'no warnings'}`, () => {
      for (const mode of ['strict', 'lenient'] as const) {
        const desc = parse(c.text, { mode });
        assert.deepEqual(
          desc.warnings.map((w) => [w.code, w.line, w.column]),
          c.warnings,
        );
        assert.equal(serialize(desc), c.text);
      }
    });
  }
});

const candidateLines = (n: number) =>
  Array.from({ length: n }, (_, i) => `a=candidate:${i} 1 udp 2122260223 10.0.0.1 ${i} typ host`);

describe('limits: fatal in strict and lenient mode', () => {
  for (const c of LIMITS) {
    test(`${c.name} -> ${c.code} at ${c.line}:${c.column}`, () => {
      const text = c.text();
      for (const mode of ['strict', 'lenient'] as const) {
        const e = catchParseError(() => parse(text, { mode, limits: c.limits }));
        assert.deepEqual(
          { code: e.code, line: e.line, column: e.column },
          { code: c.code, line: c.line, column: c.column },
          mode,
        );
      }
    });
  }

  test('exactly at each default limit the input is accepted', () => {
    const lines = crlf([V, O, S, T, M, ...Array(DEFAULT_LIMITS.maxLines - 5).fill('a=rtcp-mux')]);
    assert.equal(parse(lines).media[0]?.lines.length, DEFAULT_LIMITS.maxLines - 4);
    const longLine = `a=x-long:${'y'.repeat(DEFAULT_LIMITS.maxLineLength - 9)}`;
    assert.equal(parse(crlf([V, O, S, T, M, longLine])).media.length, 1);
    const media = crlf([V, O, S, T, ...Array(DEFAULT_LIMITS.maxMediaSections).fill(M)]);
    assert.equal(parse(media).media.length, DEFAULT_LIMITS.maxMediaSections);
    const big = crlf([V, O, S, T, M, ...candidateLines(20_000)]);
    const cut = big.slice(0, big.lastIndexOf('\r\n', DEFAULT_LIMITS.maxBytes - 100) + 2);
    const exact = cut + crlf(['a=x:'.padEnd(DEFAULT_LIMITS.maxBytes - cut.length - 2, 'z')]);
    assert.equal(exact.length, DEFAULT_LIMITS.maxBytes);
    assert.equal(serialize(parse(exact)), exact);
  });
});
