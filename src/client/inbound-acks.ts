/**
 * The server seqs a client has received, and the cumulative acks it owes for them. Acks are
 * batched: one goes out `delayMs` after the first unacknowledged message, or at once when
 * `every` messages are unacknowledged. A resume tells the server the same number
 * (`hello.resume.ack`), which then replays from the next seq.
 */
import type { Clock, ClockTimer } from './clock.ts';

/** How a received seq relates to what came before. */
export type SeqOrder = 'next' | 'duplicate' | 'gap';

export class InboundAcks {
  readonly #clock: Clock;
  readonly #delayMs: number;
  readonly #every: number;
  readonly #send: (seq: number) => boolean;
  #lastReceived = 0;
  #lastAcked = 0;
  #timer: ClockTimer | undefined;

  /** `send(seq)` sends an ack and returns false when it could not (not connected). */
  constructor(clock: Clock, delayMs: number, every: number, send: (seq: number) => boolean) {
    this.#clock = clock;
    this.#delayMs = delayMs;
    this.#every = every;
    this.#send = send;
  }

  /** The highest seq received. */
  get lastReceived(): number {
    return this.#lastReceived;
  }

  /**
   * Records `seq`. A duplicate (a replay of something already delivered) is to be dropped;
   * a gap means messages were lost, which the protocol rules out, so it is reported, and the
   * seq still counts.
   */
  accept(seq: number): SeqOrder {
    if (seq <= this.#lastReceived) return 'duplicate';
    const order: SeqOrder = seq === this.#lastReceived + 1 ? 'next' : 'gap';
    this.#lastReceived = seq;
    if (this.#lastReceived - this.#lastAcked >= this.#every) this.flush();
    else this.#timer ??= this.#clock.setTimeout(() => this.flush(), this.#delayMs);
    return order;
  }

  /** Sends the ack owed, if any. */
  flush(): void {
    this.stop();
    if (this.#lastReceived > this.#lastAcked && this.#send(this.#lastReceived)) {
      this.#lastAcked = this.#lastReceived;
    }
  }

  /** The hello of a resume acknowledged everything received. */
  resumed(): void {
    this.stop();
    this.#lastAcked = this.#lastReceived;
  }

  /** A new session numbers from 1 again. */
  reset(): void {
    this.stop();
    this.#lastReceived = 0;
    this.#lastAcked = 0;
  }

  /** Cancels a pending batched ack (the connection is gone). */
  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
