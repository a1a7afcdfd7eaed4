import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutboundBuffer } from './outbound-buffer.ts';

const filled = (...seqs: number[]) => {
  const buffer = new OutboundBuffer<{ seq: number }>();
  for (const seq of seqs) buffer.push({ seq });
  return buffer;
};

test('popTo(ack) removes exactly the entries with seq <= ack, oldest first', () => {
  const buffer = filled(3, 4, 5, 6);
  assert.deepEqual(
    buffer.popTo(4).map((e) => e.seq),
    [3, 4],
  );
  assert.deepEqual(
    buffer.items().map((e) => e.seq),
    [5, 6],
  );
});

test('popTo with an ack below everything held removes nothing', () => {
  const buffer = filled(3, 4);
  assert.deepEqual(buffer.popTo(2), []);
  assert.equal(buffer.size, 2);
});

test('popTo with an ack past everything held empties it', () => {
  const buffer = filled(1, 2);
  buffer.popTo(10);
  assert.equal(buffer.size, 0);
});

test('rejects a seq that does not follow the last one', () => {
  const buffer = filled(1, 2);
  assert.throws(() => buffer.push({ seq: 2 }), RangeError);
});

test('clear() returns everything and empties the buffer', () => {
  const buffer = filled(1, 2);
  assert.deepEqual(
    buffer.clear().map((e) => e.seq),
    [1, 2],
  );
  assert.equal(buffer.size, 0);
});
