/**
 * A clock for tests: time moves only when the test says so, and timers fire in due order.
 * It satisfies the `Clock` that `switchboard/client` (and anything else timing-dependent)
 * takes as an option.
 */

/** An opaque timer handle of a {@link FakeClock}. */
export type FakeTimer = { readonly id: number };

interface Scheduled {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** A manually driven clock. */
export interface FakeClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): FakeTimer;
  clearTimeout(timer: unknown): void;
  /** The number of timers that have not fired. */
  readonly pending: number;
  /** The due times of the pending timers, soonest first (relative to now). */
  pendingDelays(): number[];
  /**
   * Moves time forward by `ms` at once, firing every timer that falls due (including ones
   * the callbacks schedule) synchronously, in time order.
   */
  advance(ms: number): void;
  /**
   * Like {@link advance}, but lets queued promise callbacks and other microtasks run before
   * the first timer, between timers and before returning, so async code reacts as it
   * would in real time.
   */
  advanceAsync(ms: number): Promise<void>;
  /** Fires the next timer (moving time to it) and lets microtasks run; false if none. */
  next(): Promise<boolean>;
}

/** Lets every queued microtask (and the tasks they chain) run. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof globalThis.setImmediate === 'function') globalThis.setImmediate(resolve);
    else globalThis.setTimeout(resolve, 0);
  });
}

/** Creates a {@link FakeClock} whose time starts at `start` ms. */
export function createFakeClock(start = 0): FakeClock {
  let now = start;
  let counter = 0;
  const timers = new Map<number, Scheduled>();

  const soonest = (): Scheduled | undefined => {
    let first: Scheduled | undefined;
    for (const timer of timers.values()) {
      if (!first || timer.at < first.at || (timer.at === first.at && timer.id < first.id)) {
        first = timer;
      }
    }
    return first;
  };

  const fire = (timer: Scheduled): void => {
    timers.delete(timer.id);
    now = Math.max(now, timer.at);
    timer.callback();
  };

  return {
    now: () => now,
    setTimeout(callback, ms) {
      if (typeof callback !== 'function') throw new TypeError('callback must be a function');
      counter += 1;
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
      timers.set(counter, { id: counter, at: now + delay, callback });
      return { id: counter };
    },
    clearTimeout(timer) {
      if (timer && typeof timer === 'object' && 'id' in timer) {
        timers.delete((timer as FakeTimer).id);
      }
    },
    get pending() {
      return timers.size;
    },
    pendingDelays() {
      return [...timers.values()].map((timer) => timer.at - now).sort((a, b) => a - b);
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance(ms) needs ms >= 0, got ${ms}`);
      const until = now + ms;
      for (;;) {
        const timer = soonest();
        if (!timer || timer.at > until) break;
        fire(timer);
      }
      now = until;
    },
    async advanceAsync(ms) {
      if (!(ms >= 0)) throw new RangeError(`advanceAsync(ms) needs ms >= 0, got ${ms}`);
      const until = now + ms;
      await flushMicrotasks();
      for (;;) {
        const timer = soonest();
        if (!timer || timer.at > until) break;
        fire(timer);
        await flushMicrotasks();
      }
      now = until;
    },
    async next() {
      await flushMicrotasks();
      const timer = soonest();
      if (!timer) return false;
      fire(timer);
      await flushMicrotasks();
      return true;
    },
  };
}
