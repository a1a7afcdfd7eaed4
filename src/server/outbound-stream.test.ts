import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BufferedMessage } from './adapter.ts';
import { OutboundStream } from './outbound-stream.ts';

function entry(seq: number): BufferedMessage {
  return {
    seq,
    message: { type: 'signal', seq, room: 'r', from: 'a', payload: { kind: 'data', data: seq } },
    bytes: 1,
    at: 0,
  };
}

function stream(buffer: number[] = []) {
  const sent: number[] = [];
  const warnings: string[] = [];
  const out = new OutboundStream({
    send: (e) => sent.push(e.seq),
    pending: async (after) => buffer.filter((s) => s > after).map(entry),
    warn: (_details, message) => warnings.push(message),
  });
  return { out, sent, warnings };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

const cases: [string, number[], number[], number[]][] = [
  // name, buffer, delivered in this order, sent
  ['in order', [], [1, 2, 3], [1, 2, 3]],
  ['duplicates skipped', [], [1, 1, 2, 1, 2, 3], [1, 2, 3]],
  ['out of order: the gap is filled from the buffer', [1, 2, 3], [2, 1, 3], [1, 2, 3]],
  ['a late lower seq after a gap fill is skipped', [1, 2, 3, 4], [3, 4, 1, 2], [1, 2, 3, 4]],
];
for (const [name, buffer, delivered, expected] of cases) {
  test(`sends each seq once, in order: ${name}`, async () => {
    const { out, sent, warnings } = stream(buffer);
    out.start(0, []);
    for (const seq of delivered) out.push(entry(seq));
    await settle();
    assert.deepEqual(sent, expected);
    assert.deepEqual(warnings, []);
  });
}

test('nothing leaves before start; start replays first, after what the client has', async () => {
  const { out, sent } = stream();
  out.push(entry(4));
  out.push(entry(2));
  await settle();
  assert.deepEqual(sent, []);
  out.start(1, [entry(2), entry(3)]);
  await settle();
  assert.deepEqual(sent, [2, 3, 4]);
  assert.equal(out.lastSent, 4);
});

test('holds deliveries until every hold is released', async () => {
  const { out, sent } = stream();
  out.start(0, []);
  out.hold();
  out.hold();
  out.push(entry(1));
  out.release();
  await settle();
  assert.deepEqual(sent, []);
  out.release();
  await settle();
  assert.deepEqual(sent, [1]);
});

test('a gap the buffer cannot fill is reported, then sent anyway', async () => {
  const { out, sent, warnings } = stream([]);
  out.start(0, []);
  out.push(entry(3));
  await settle();
  assert.deepEqual(sent, [3]);
  assert.deepEqual(warnings, ['outbound gap not filled']);
});
