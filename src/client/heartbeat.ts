/**
 * Liveness of an open connection. The server wants traffic at least every `heartbeat` ms
 * (welcome) and pings at the WebSocket level otherwise, which browsers answer without
 * telling the page; so the client keeps its own watch: it pings when it has been quiet for
 * half a heartbeat or heard nothing for a whole one, and gives the connection up when
 * nothing arrived for two.
 */
import type { Clock, ClockTimer } from './clock.ts';

/** What a {@link Heartbeat} does when it has to. */
export interface HeartbeatHooks {
  /** Send a ping (a protocol `ping`, answered by `pong`). */
  ping(): void;
  /** The connection is dead: nothing arrived for `silentMs`. */
  dead(silentMs: number): void;
}

/** Watches one connection; `sent()` and `received()` report its traffic. */
export class Heartbeat {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #hooks: HeartbeatHooks;
  #timer: ClockTimer | undefined;
  #lastSentAt: number;
  #lastReceivedAt: number;

  constructor(clock: Clock, intervalMs: number, hooks: HeartbeatHooks) {
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#hooks = hooks;
    this.#lastSentAt = clock.now();
    this.#lastReceivedAt = this.#lastSentAt;
    this.#schedule();
  }

  sent(): void {
    this.#lastSentAt = this.#clock.now();
  }

  received(): void {
    this.#lastReceivedAt = this.#clock.now();
  }

  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    // Checking four times per interval keeps each deadline within a quarter of it.
    this.#timer = this.#clock.setTimeout(() => this.#check(), Math.max(50, this.#intervalMs / 4));
  }

  #check(): void {
    this.#timer = undefined;
    const now = this.#clock.now();
    const silentMs = now - this.#lastReceivedAt;
    if (silentMs >= 2 * this.#intervalMs) {
      this.#hooks.dead(silentMs);
      return;
    }
    if (now - this.#lastSentAt >= this.#intervalMs / 2 || silentMs >= this.#intervalMs) {
      this.#hooks.ping();
    }
    this.#schedule();
  }
}
