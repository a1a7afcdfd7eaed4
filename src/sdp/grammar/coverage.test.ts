/**
 * Checks across all the case tables of the grammar tests: together they exercise every code of
 * SDP_ERRORS and give every known attribute well-formed and malformed cases. Also checks that
 * each rule's own example line parses. The tables are imported from the `*.cases.ts`
 * modules, which hold data only, so no case runs twice.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ATTRIBUTE_RULES,
  type AttributeName,
  type AttributeValues,
  LINE_RULES,
  type LineRule,
  parse,
  SDP_ERRORS,
  serialize,
} from '../index.ts';
import { BUNDLE_MALFORMED, BUNDLE_VALID } from './bundle.cases.ts';
import { CORE_MALFORMED, CORE_VALID } from './core.cases.ts';
import { DTLS_MALFORMED, DTLS_VALID } from './dtls.cases.ts';
import { ICE_MALFORMED, ICE_VALID } from './ice.cases.ts';
import { MALFORMED_ATTRIBUTE_SYNTAX, MALFORMED_LINES } from './lines.cases.ts';
import { RTP_MALFORMED, RTP_VALID } from './rtp.cases.ts';
import { SCTP_MALFORMED, SCTP_VALID } from './sctp.cases.ts';
import { SIMULCAST_MALFORMED, SIMULCAST_VALID } from './simulcast.cases.ts';
import { ENDINGS, LIMITS, STRUCTURE } from './structure.cases.ts';
import {
  type Level,
  lineAt,
  nameOf,
  type ValidCase,
  withAttribute,
  withLine,
} from './table-harness.ts';

/** The families' well-formed cases; leaving out an attribute does not compile. */
const VALID_ATTRIBUTES: { [K in AttributeName]: ValidCase<AttributeValues[K]>[] } = {
  ...CORE_VALID,
  ...RTP_VALID,
  ...ICE_VALID,
  ...DTLS_VALID,
  ...BUNDLE_VALID,
  ...SIMULCAST_VALID,
  ...SCTP_VALID,
};

const MALFORMED_ATTRIBUTES = [
  ...CORE_MALFORMED,
  ...RTP_MALFORMED,
  ...ICE_MALFORMED,
  ...DTLS_MALFORMED,
  ...BUNDLE_MALFORMED,
  ...SIMULCAST_MALFORMED,
  ...SCTP_MALFORMED,
  ...MALFORMED_ATTRIBUTE_SYNTAX,
];

describe('attribute rules: each example line', () => {
  for (const rule of ATTRIBUTE_RULES) {
    const levels: Level[] = rule.scope === 'both' ? ['session', 'media'] : [rule.scope];
    for (const level of levels) {
      test(`${rule.example} (${rule.spec}) parses strict at ${level} level and round-trips`, () => {
        assert.equal(nameOf(rule.example), rule.name);
        const { text, lineNo } = withAttribute(rule.example, level);
        const desc = parse(text);
        assert.deepEqual(desc.warnings, []);
        const line = lineAt(desc, lineNo);
        assert.equal(line.status, 'ok');
        assert.equal(serialize(desc), text);
        if (rule.flag) {
          assert.equal(rule.example, `a=${rule.name}`);
          assert.equal(line.value, true);
        } else {
          const raw = rule.example.slice(`a=${rule.name}:`.length);
          assert.equal(rule.format(rule.parse(raw)), raw);
        }
      });
    }
  }
});

describe('line rules: each example line', () => {
  for (const [type, rule] of Object.entries(LINE_RULES) as [string, LineRule<unknown>][]) {
    test(`${rule.example} (${rule.spec}) parses strict and round-trips`, () => {
      assert.equal(rule.type, type);
      assert.ok(rule.example.startsWith(`${type}=`));
      const { text, lineNo } = withLine(rule.example);
      const desc = parse(text);
      assert.deepEqual(desc.warnings, []);
      assert.equal(lineAt(desc, lineNo).status, 'ok');
      assert.equal(serialize(desc), text);
      const raw = rule.example.slice(2);
      assert.equal(rule.format(rule.parse(raw)), raw);
    });
  }
});

describe('case tables', () => {
  test('every known attribute has well-formed and malformed cases', () => {
    const malformed = new Set(MALFORMED_ATTRIBUTES.map((c) => nameOf(c.line)));
    for (const rule of ATTRIBUTE_RULES) {
      assert.ok(
        (VALID_ATTRIBUTES[rule.name as AttributeName] ?? []).length > 0,
        `a=${rule.name}: no well-formed case`,
      );
      assert.ok(malformed.has(rule.name), `a=${rule.name}: no malformed case`);
    }
  });

  test('the tables above exercise every code of SDP_ERRORS', () => {
    const covered = new Set<string>([
      ...MALFORMED_ATTRIBUTES.map((c) => c.code ?? 'SDP_ERR_BAD_VALUE'),
      ...MALFORMED_LINES.map((c) => c.code ?? 'SDP_ERR_BAD_VALUE'),
      ...STRUCTURE.map((c) => c.code),
      ...ENDINGS.flatMap((c) => c.warnings.map(([code]) => code)),
      ...LIMITS.map((c) => c.code),
      'SDP_ERR_EMPTY',
    ]);
    assert.deepEqual([...covered].sort(), Object.keys(SDP_ERRORS).sort());
  });
});
