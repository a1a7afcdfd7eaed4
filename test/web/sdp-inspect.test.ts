import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnostics } from '../../web/pages/inspector/diagnostics.ts';
import { inspectSdp, toWireText } from '../../web/shared/sdp/inspect.ts';
import { seedAnswer } from '../support/seeds.ts';

/** The seed answer as a text area holds it: LF line ends. */
const pasted = seedAnswer().replaceAll('\r\n', '\n');

/** `text` with its line `from` replaced by `to`, and the 1-based number of that line. */
function withLine(text: string, from: string, to: string): { text: string; line: number } {
  const lines = text.split('\n');
  const index = lines.indexOf(from);
  assert.ok(index >= 0, `no line ${from}`);
  lines[index] = to;
  return { text: lines.join('\n'), line: index + 1 };
}

describe('toWireText', () => {
  const cases: { name: string; input: string; expected: string }[] = [
    { name: 'LF becomes CRLF', input: 'v=0\ns=-\n', expected: 'v=0\r\ns=-\r\n' },
    { name: 'CRLF stays', input: 'v=0\r\ns=-\r\n', expected: 'v=0\r\ns=-\r\n' },
    { name: 'a missing final line end is added', input: 'v=0\ns=-', expected: 'v=0\r\ns=-\r\n' },
    { name: 'trailing blank lines go', input: 'v=0\n\n  \n', expected: 'v=0\r\n' },
    { name: 'blank lines inside stay', input: 'v=0\n\ns=-', expected: 'v=0\r\n\r\ns=-\r\n' },
    { name: 'nothing stays nothing', input: '\n\n', expected: '' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(toWireText(c.input), c.expected));
});

describe('inspectSdp', () => {
  test('a pasted real answer parses strictly, without warnings or problems', () => {
    const result = inspectSdp(pasted, 'answer');
    assert.equal(result.error, undefined);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.problems, []);
    assert.equal(result.description?.media.length, 3);
    assert.equal(result.text, seedAnswer());
  });

  test('a bad value fails strict mode at its line and column; lenient mode warns there', () => {
    const broken = withLine(pasted, 'a=setup:active', 'a=setup:sideways');
    const result = inspectSdp(broken.text, 'answer');
    assert.equal(result.error?.code, 'SDP_ERR_BAD_VALUE');
    assert.equal(result.error?.line, broken.line);
    assert.equal(result.error?.column, 'a=setup:'.length + 1);
    assert.doesNotMatch(result.error?.message ?? '', /^\d+:\d+:/, 'no position in the message');
    assert.ok(result.warnings.some((w) => w.line === broken.line));
    assert.ok(result.description, 'lenient mode still gives a model');
  });

  test('an unknown line type is an error at its line', () => {
    const broken = withLine(pasted, 's=-', 'f=oops');
    const result = inspectSdp(broken.text, 'offer');
    assert.equal(result.error?.code, 'SDP_ERR_UNKNOWN_LINE_TYPE');
    assert.equal(result.error?.line, broken.line);
  });

  test('a duplicate mid parses but is a validation problem', () => {
    const dup = withLine(pasted, 'a=mid:1', 'a=mid:0');
    const result = inspectSdp(dup.text, 'answer');
    assert.equal(result.error, undefined);
    const codes = result.problems.map((p) => p.code);
    assert.ok(codes.includes('SDP_PROBLEM_DUPLICATE_MID'), codes.join(', '));
  });

  test('the type matters: an answer with a=setup:actpass is a problem, an offer is not', () => {
    const actpass = pasted.replaceAll('a=setup:active', 'a=setup:actpass');
    const asAnswer = inspectSdp(actpass, 'answer').problems.map((p) => p.code);
    const asOffer = inspectSdp(actpass, 'offer').problems.map((p) => p.code);
    assert.ok(asAnswer.includes('SDP_PROBLEM_SETUP_ROLE'));
    assert.ok(!asOffer.includes('SDP_PROBLEM_SETUP_ROLE'));
  });

  test('an input lenient mode cannot read either gives no model', () => {
    const result = inspectSdp('', 'offer');
    assert.equal(result.error?.code, 'SDP_ERR_EMPTY');
    assert.equal(result.description, undefined);
    assert.deepEqual(result.problems, []);
  });
});

describe('diagnostics', () => {
  test('lists the error once, then the other warnings, then the problems', () => {
    let text = withLine(pasted, 'a=setup:active', 'a=setup:sideways').text;
    const broken = withLine(text, 'a=mid:1', 'a=mid:0');
    text = withLine(broken.text, 't=0 0', 'x=1').text;
    const list = diagnostics(inspectSdp(text, 'answer'));
    assert.equal(list[0]?.level, 'error');
    assert.equal(list[0]?.code, 'SDP_ERR_UNKNOWN_LINE_TYPE');
    const errorLine = list[0]?.line;
    assert.ok(
      !list.slice(1).some((d) => d.code === 'SDP_ERR_UNKNOWN_LINE_TYPE' && d.line === errorLine),
      'the strict error is not repeated as a warning',
    );
    assert.ok(list.some((d) => d.level === 'warning' && d.code === 'SDP_ERR_BAD_VALUE'));
    const levels = list.map((d) => d.level);
    assert.deepEqual(
      levels,
      [...levels].sort((a, b) => order(a) - order(b)),
    );
    assert.ok(list.some((d) => d.level === 'problem' && d.code === 'SDP_PROBLEM_DUPLICATE_MID'));
  });
});

function order(level: string): number {
  return ['error', 'warning', 'problem'].indexOf(level);
}
