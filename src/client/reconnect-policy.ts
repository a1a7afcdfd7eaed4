/**
 * When to try again after a connection drops. A policy is one method that returns the delay
 * before the next attempt, or `null` to stop, after livekit's `ReconnectPolicy`. The default
 * is exponential backoff with jitter that never gives up: a laptop that slept for an hour
 * should still reconnect when it wakes.
 */
import type { ClientError } from './errors.ts';

/** What a policy is told before each reconnect attempt. */
export interface ReconnectContext {
  /** The attempt about to be made: 1 for the first retry after a drop. */
  readonly attempt: number;
  /** Milliseconds since the connection dropped. */
  readonly elapsedMs: number;
  /** Why the previous connection or attempt ended. */
  readonly lastError: ClientError | undefined;
}

/** Decides how long to wait before each reconnect attempt. */
export interface ReconnectPolicy {
  /** Milliseconds to wait before attempt `context.attempt`, or `null` to stop reconnecting. */
  nextRetryDelayMs(context: ReconnectContext): number | null;
}

/** Options of {@link createBackoffPolicy}. */
export interface BackoffPolicyOptions {
  /** The base delay of the first attempt. */
  initialDelayMs: number;
  /** The base delay never grows past this. */
  maxDelayMs: number;
  /** Each attempt's base delay is the previous one times this. */
  multiplier: number;
  /**
   * The fraction of the base delay that is random, in [0, 1]: the delay is drawn uniformly
   * from `[base * (1 - jitter), base]`, so clients dropped together do not return together.
   */
  jitter: number;
  /** Stop (return `null`) after this many attempts. */
  maxAttempts: number;
  /** Stop once this long has passed since the drop. */
  maxElapsedMs: number;
  /** A source of numbers in [0, 1); tests pass a fixed one. */
  random: () => number;
}

/** The defaults of {@link createBackoffPolicy}: 250 ms doubling to 10 s, 50 % jitter, forever. */
export const DEFAULT_BACKOFF_OPTIONS: Readonly<BackoffPolicyOptions> = Object.freeze({
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
  maxElapsedMs: Number.POSITIVE_INFINITY,
  random: Math.random,
});

function assertNonNegative(name: keyof BackoffPolicyOptions, value: number, min = 0): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min) {
    throw new RangeError(`backoff option \`${name}\` must be a number >= ${min}, got ${value}`);
  }
}

/** Exponential backoff with jitter; see {@link BackoffPolicyOptions}. */
export function createBackoffPolicy(options: Partial<BackoffPolicyOptions> = {}): ReconnectPolicy {
  const o: BackoffPolicyOptions = { ...DEFAULT_BACKOFF_OPTIONS, ...options };
  assertNonNegative('initialDelayMs', o.initialDelayMs);
  assertNonNegative('maxDelayMs', o.maxDelayMs);
  assertNonNegative('multiplier', o.multiplier, 1);
  assertNonNegative('maxAttempts', o.maxAttempts);
  assertNonNegative('maxElapsedMs', o.maxElapsedMs);
  if (!(o.jitter >= 0 && o.jitter <= 1)) {
    throw new RangeError(`backoff option \`jitter\` must be in [0, 1], got ${o.jitter}`);
  }
  if (typeof o.random !== 'function') {
    throw new TypeError('backoff option `random` must be a function');
  }
  return {
    nextRetryDelayMs({ attempt, elapsedMs }) {
      if (attempt > o.maxAttempts || elapsedMs >= o.maxElapsedMs) return null;
      const base = Math.min(o.maxDelayMs, o.initialDelayMs * o.multiplier ** (attempt - 1));
      return Math.round(base * (1 - o.jitter * o.random()));
    },
  };
}

/** The policy a client uses when given none. */
export const defaultReconnectPolicy: ReconnectPolicy = createBackoffPolicy();
