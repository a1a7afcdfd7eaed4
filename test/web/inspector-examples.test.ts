import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from 'switchboard/negotiation';
import { parse, serialize } from 'switchboard/sdp';
import { EXAMPLES } from '../../web/pages/inspector/examples.ts';
import { inspectSdp, toWireText } from '../../web/shared/sdp/inspect.ts';
import { seedAnswer } from '../support/seeds.ts';

const example = (id: string) => {
  const found = EXAMPLES.find((e) => e.id === id);
  assert.ok(found, `no example ${id}`);
  return found;
};

/** 1-based number of the first line of `text` that starts with `prefix`. */
function lineOf(text: string, prefix: string): number {
  const index = text.split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(index >= 0, `no line starting with ${prefix}`);
  return index + 1;
}

describe('inspector examples', () => {
  test('every example has a unique id and a label', () => {
    const ids = EXAMPLES.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const e of EXAMPLES) assert.ok(e.label.length > 0);
  });

  test('the Chromium pair parses strictly, round-trips and has no validation problems', () => {
    const pair = example('pair');
    for (const [text, type] of [
      [pair.sdp, 'offer'],
      [pair.answer, 'answer'],
    ] as const) {
      const wire = toWireText(text);
      assert.equal(serialize(parse(wire)), wire);
      assert.deepEqual(inspectSdp(text, type).problems, []);
    }
  });

  test('the Chromium pair negotiates receive-only media with H264 first, and the data channel', () => {
    const pair = example('pair');
    const e = explain(toWireText(pair.sdp), toWireText(pair.answer));
    assert.deepEqual(
      e.sections.map((s) => [s.kind, s.accepted, s.direction?.answered ?? '-']),
      [
        ['audio', true, 'recvonly'],
        ['video', true, 'recvonly'],
        ['application', true, '-'],
      ],
    );
    assert.match(e.sections[1]?.codecs[0]?.name ?? '', /^H264\//);
  });

  test('the seed example is the seed answer', () => {
    assert.equal(toWireText(example('seed').sdp), seedAnswer());
  });

  test('the parse-error example fails strict mode at its IP7 line', () => {
    const broken = example('broken');
    const result = inspectSdp(broken.sdp, broken.type);
    assert.equal(result.error?.code, 'SDP_ERR_BAD_VALUE');
    assert.equal(result.error?.line, lineOf(broken.sdp, 'a=rtcp:9 IN IP7'));
  });

  test('the validation example parses but repeats a mid', () => {
    const dup = example('problems');
    const result = inspectSdp(dup.sdp, dup.type);
    assert.equal(result.error, undefined);
    assert.ok(result.problems.some((p) => p.code === 'SDP_PROBLEM_DUPLICATE_MID'));
  });
});
