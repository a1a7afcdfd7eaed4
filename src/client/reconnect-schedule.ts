/**
 * The reconnect attempts after a drop: asks the policy for each delay, counts attempts and
 * time since the drop, and runs the next attempt when its timer fires.
 */
import type { Clock, ClockTimer } from './clock.ts';
import { ClientError } from './errors.ts';
import type { ReconnectPolicy } from './reconnect-policy.ts';

/** What scheduling decided: the delay of attempt `attempt`, or that reconnecting stopped. */
export type ScheduleResult =
  | { readonly attempt: number; readonly delayMs: number }
  | { readonly stopped: ClientError };

export class ReconnectSchedule {
  readonly #clock: Clock;
  readonly #policy: ReconnectPolicy;
  #attempt = 0;
  #droppedAt: number | undefined;
  #timer: ClockTimer | undefined;

  constructor(clock: Clock, policy: ReconnectPolicy) {
    this.#clock = clock;
    this.#policy = policy;
  }

  /**
   * Plans the next attempt after `error`: `run` fires after the policy's delay, or after
   * `forcedDelayMs` when the server named one (goaway) or retrying at once is right (the
   * session is gone). A policy that returns null, throws, or returns no finite delay stops.
   */
  schedule(error: ClientError, forcedDelayMs: number | undefined, run: () => void): ScheduleResult {
    this.cancel();
    const now = this.#clock.now();
    this.#droppedAt ??= now;
    this.#attempt += 1;
    const attempt = this.#attempt;
    let delayMs: number | null;
    try {
      delayMs =
        forcedDelayMs ??
        this.#policy.nextRetryDelayMs({
          attempt,
          elapsedMs: now - this.#droppedAt,
          lastError: error,
        });
    } catch (cause) {
      return {
        stopped: new ClientError('CLIENT_ERR_RECONNECT_STOPPED', 'the reconnect policy threw', {
          cause,
        }),
      };
    }
    if (
      delayMs === null ||
      typeof delayMs !== 'number' ||
      !(delayMs >= 0) ||
      !Number.isFinite(delayMs)
    ) {
      return {
        stopped: new ClientError(
          'CLIENT_ERR_RECONNECT_STOPPED',
          `the reconnect policy stopped after ${attempt - 1} attempt(s)`,
          { cause: error, closeCode: error.closeCode },
        ),
      };
    }
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      run();
    }, delayMs);
    return { attempt, delayMs };
  }

  /** A connection succeeded: the next drop starts counting from attempt 1. */
  succeeded(): void {
    this.#attempt = 0;
    this.#droppedAt = undefined;
  }

  /** Cancels a planned attempt. */
  cancel(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
