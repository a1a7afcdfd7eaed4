/**
 * The clock the server reads time from and schedules its timers on. Injected so that tests
 * drive heartbeats, token buckets and resume windows without waiting (`src/testing/fake-clock.ts`).
 */

/** A handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/** Time and timers. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds. The timer never keeps the process alive. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock: `Date.now` and unref'd Node timers. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as NodeJS.Timeout);
  },
});

/** Whether `value` has the three methods of a {@link Clock}. */
export function isClock(value: unknown): value is Clock {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.now === 'function' &&
    typeof v.setTimeout === 'function' &&
    typeof v.clearTimeout === 'function'
  );
}

/**
 * Calls `fn` every `ms` milliseconds on `clock` until the returned function is called.
 * Each run is scheduled after the previous one returns, so a fake clock advanced by a large
 * step runs it once per elapsed period.
 */
export function every(clock: Clock, ms: number, fn: () => void): () => void {
  let handle: TimerHandle;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    handle = clock.setTimeout(run, ms);
    fn();
  };
  handle = clock.setTimeout(run, ms);
  return () => {
    stopped = true;
    clock.clearTimeout(handle);
  };
}
