/**
 * The time source of the client: every delay (reconnect backoff, request timeouts,
 * heartbeats, ack batching) goes through one, so tests drive time with a fake clock
 * (`switchboard/testing` style `createFakeClock`) instead of waiting.
 */

/** An opaque handle returned by {@link Clock.setTimeout}. */
export type ClockTimer = unknown;

/** A time source with one-shot timers, in milliseconds. */
export interface Clock {
  /** Milliseconds on a monotonic-enough scale; only differences are used. */
  now(): number;
  /** Calls `callback` once, after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): ClockTimer;
  /** Cancels a timer that has not fired; a no-op for one that has. */
  clearTimeout(timer: ClockTimer): void;
}

/** The real clock: `Date.now` and the global timers (browsers and Node alike). */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback: () => void, ms: number): ClockTimer => globalThis.setTimeout(callback, ms),
  clearTimeout: (timer: ClockTimer) => {
    globalThis.clearTimeout(timer as ReturnType<typeof globalThis.setTimeout>);
  },
});
