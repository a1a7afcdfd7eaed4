/**
 * The contract of the quick checks: `check` answering true promises that `parse` accepts
 * the value, because `parse` (the SDP reader) then defers building the typed value. A
 * false answer only sends the line through `parse` at once, so it may be conservative.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { GrammarError } from '../errors.ts';
import { ATTRIBUTE_RULES } from './index.ts';
import { LINE_RULES } from './lines.ts';

interface Checked {
  readonly label: string;
  readonly prefix: string;
  check(s: string, start: number, end: number): boolean;
  parse(value: string): unknown;
}

const CHECKED: Checked[] = [
  ...ATTRIBUTE_RULES.filter((r) => r.check !== undefined).map((r) => ({
    label: `a=${r.name}`,
    prefix: `a=${r.name}:`,
    check: r.check as Checked['check'],
    parse: r.parse,
  })),
  ...Object.values(LINE_RULES)
    .filter((r) => 'check' in r && r.check !== undefined)
    .map((r) => ({
      label: `${r.type}=`,
      prefix: `${r.type}=`,
      check: (r as { check: Checked['check'] }).check,
      parse: r.parse as (value: string) => unknown,
    })),
];

const CORPUS = fileURLToPath(new URL('../../../../shared/sdp-corpus/', import.meta.url));

function corpusLines(): string[] {
  const out = new Set<string>();
  for (const dir of readdirSync(CORPUS)) {
    const full = join(CORPUS, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full)) {
      for (const l of readFileSync(join(full, f), 'utf8').split(/\r?\n/)) out.add(l);
    }
  }
  return [...out];
}

/** Does `parse` accept `value`? Anything but a GrammarError is a bug in the rule. */
function accepts(rule: Checked, value: string): boolean {
  try {
    rule.parse(value);
    return true;
  } catch (e) {
    if (e instanceof GrammarError) return false;
    throw e;
  }
}

/** Runs the check as the reader does: on a line embedded in a larger input. */
function checkInPlace(rule: Checked, value: string): boolean {
  const line = `${rule.prefix}${value}`;
  const src = `v=0\r\n${line}\r\na=next:1\r\n`;
  const start = 5 + rule.prefix.length;
  return rule.check(src, start, 5 + line.length);
}

const lines = corpusLines();

describe('quick checks promise what parse accepts', () => {
  test('the rules with a quick check include the hot ones of a browser offer', () => {
    const labels = CHECKED.map((r) => r.label);
    for (const hot of ['a=rtcp-fb', 'a=rtpmap', 'a=fmtp', 'a=extmap', 'a=ssrc', 'm=', 'c=']) {
      assert.ok(labels.includes(hot), hot);
    }
  });

  for (const rule of CHECKED) {
    test(`${rule.label}: on every corpus line, check => parse accepts; and it passes real lines`, () => {
      let passed = 0;
      for (const l of lines) {
        if (!l.startsWith(rule.prefix)) continue;
        const value = l.slice(rule.prefix.length);
        if (checkInPlace(rule, value)) {
          passed++;
          assert.ok(accepts(rule, value), `check passed but parse rejects ${JSON.stringify(l)}`);
        }
      }
      assert.ok(passed > 0, 'the check accepts some real lines');
    });

    test(`${rule.label}: on generated and mutated values, check => parse accepts`, () => {
      const real = lines
        .filter((l) => l.startsWith(rule.prefix))
        .map((l) => l.slice(rule.prefix.length));
      const alphabet = fc.constantFrom(...'0123456789 /:;=*~-._+abcINPv4\t'.split(''));
      const generated = fc.string({ unit: alphabet, maxLength: 40 });
      const mutated = fc
        .tuple(
          fc.constantFrom(...(real.length > 0 ? real : ['0'])),
          fc.nat(60),
          generated,
          fc.nat(3),
        )
        .map(([v, at, insert, cut]) => v.slice(0, at) + insert + v.slice(at + cut));
      fc.assert(
        fc.property(fc.oneof(generated, mutated), (value) => {
          if (checkInPlace(rule, value)) assert.ok(accepts(rule, value), JSON.stringify(value));
        }),
        { numRuns: 2000 },
      );
    });
  }
});
