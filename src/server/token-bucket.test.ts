import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeClock } from '../testing/fake-clock.ts';
import { TokenBucket } from './token-bucket.ts';

test('allows a burst of capacity, then refuses until refilled', () => {
  const clock = createFakeClock();
  const bucket = new TokenBucket(10, 3, clock.now);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => bucket.take()),
    [true, true, true, false],
  );
  clock.advance(100);
  assert.equal(bucket.take(), true);
  assert.equal(bucket.take(), false);
});

test('never holds more than capacity', () => {
  const clock = createFakeClock();
  const bucket = new TokenBucket(100, 5, clock.now);
  clock.advance(60_000);
  assert.equal(bucket.available, 5);
});

test('does not refill when the clock goes backwards', () => {
  let now = 1000;
  const bucket = new TokenBucket(1, 1, () => now);
  assert.equal(bucket.take(), true);
  now = 0;
  assert.equal(bucket.take(), false);
  now = 1000;
  assert.equal(bucket.take(), true);
});

test('a rate of 0 never refills', () => {
  const clock = createFakeClock();
  const bucket = new TokenBucket(0, 2, clock.now);
  bucket.take(2);
  clock.advance(1e9);
  assert.equal(bucket.take(), false);
});

const invalid: [string, number, number][] = [
  ['negative rate', -1, 1],
  ['NaN rate', Number.NaN, 1],
  ['capacity below 1', 1, 0.5],
];
for (const [name, rate, capacity] of invalid) {
  test(`throws RangeError for ${name}`, () => {
    assert.throws(() => new TokenBucket(rate, capacity, Date.now), RangeError);
  });
}
