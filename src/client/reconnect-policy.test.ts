import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBackoffPolicy, DEFAULT_BACKOFF_OPTIONS } from './reconnect-policy.ts';

const context = (attempt: number, elapsedMs = 0) => ({ attempt, elapsedMs, lastError: undefined });

// attempt -> delay with random() fixed; the base doubles from initialDelayMs up to maxDelayMs.
const TABLE: ReadonlyArray<[string, number, number, number]> = [
  // name, random(), attempt, expected delay
  ['attempt 1, no jitter drawn', 0, 1, 250],
  ['attempt 2, no jitter drawn', 0, 2, 500],
  ['attempt 3, no jitter drawn', 0, 3, 1000],
  ['attempt 6, no jitter drawn', 0, 6, 8000],
  ['attempt 7 is capped at maxDelayMs', 0, 7, 10_000],
  ['attempt 50 is capped at maxDelayMs', 0, 50, 10_000],
  ['attempt 1, full jitter drawn', 0.999_999, 1, 125],
  ['attempt 3, half jitter drawn', 0.5, 3, 750],
  ['attempt 9, half jitter drawn, capped', 0.5, 9, 7500],
];

for (const [name, random, attempt, expected] of TABLE) {
  test(`default backoff: ${name} -> ${expected} ms`, () => {
    const policy = createBackoffPolicy({ random: () => random });
    assert.equal(policy.nextRetryDelayMs(context(attempt)), expected);
  });
}

test('the default policy never gives up', () => {
  const policy = createBackoffPolicy();
  assert.equal(DEFAULT_BACKOFF_OPTIONS.maxAttempts, Number.POSITIVE_INFINITY);
  assert.notEqual(policy.nextRetryDelayMs(context(10_000, 86_400_000)), null);
});

test('returns null after maxAttempts', () => {
  const policy = createBackoffPolicy({ maxAttempts: 3, random: () => 0 });
  assert.equal(policy.nextRetryDelayMs(context(3)), 1000);
  assert.equal(policy.nextRetryDelayMs(context(4)), null);
});

test('returns null once maxElapsedMs has passed since the drop', () => {
  const policy = createBackoffPolicy({ maxElapsedMs: 30_000, random: () => 0 });
  assert.equal(policy.nextRetryDelayMs(context(2, 29_999)), 500);
  assert.equal(policy.nextRetryDelayMs(context(2, 30_000)), null);
});

test('every delay lies in [base * (1 - jitter), base]', () => {
  const policy = createBackoffPolicy({ jitter: 0.3 });
  for (let attempt = 1; attempt <= 12; attempt += 1) {
    const base = Math.min(10_000, 250 * 2 ** (attempt - 1));
    const delay = policy.nextRetryDelayMs(context(attempt));
    assert.ok(
      delay !== null && delay >= Math.floor(base * 0.7) && delay <= base,
      `${attempt}: ${delay}`,
    );
  }
});

const INVALID: ReadonlyArray<[string, Parameters<typeof createBackoffPolicy>[0], RegExp]> = [
  ['a negative initialDelayMs', { initialDelayMs: -1 }, /initialDelayMs/],
  ['a multiplier below 1', { multiplier: 0.5 }, /multiplier/],
  ['a jitter above 1', { jitter: 1.5 }, /jitter/],
  ['a NaN maxDelayMs', { maxDelayMs: Number.NaN }, /maxDelayMs/],
];
for (const [name, options, pattern] of INVALID) {
  test(`throws RangeError naming the option for ${name}`, () => {
    assert.throws(
      () => createBackoffPolicy(options),
      (e: Error) => e instanceof RangeError && pattern.test(e.message),
    );
  });
}
