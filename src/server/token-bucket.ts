/**
 * A token bucket (the classic traffic-shaping meter): `capacity` tokens, refilled at `rate`
 * tokens per second, each message takes one. It allows bursts of `capacity` and a sustained
 * `rate`. Time comes from an injected `now()` so tests can drive it.
 */

/** A rate limiter for one connection. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /**
   * @param rate tokens added per second (0 = never refills)
   * @param capacity the most tokens the bucket holds; it starts full
   * @param now the clock, in milliseconds
   */
  constructor(
    readonly rate: number,
    readonly capacity: number,
    private readonly now: () => number,
  ) {
    if (!(Number.isFinite(rate) && rate >= 0)) {
      throw new RangeError(`rate must be a non-negative number, got ${rate}`);
    }
    if (!(Number.isFinite(capacity) && capacity >= 1)) {
      throw new RangeError(`capacity must be a number >= 1, got ${capacity}`);
    }
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes `count` tokens if the bucket holds them; false (and takes none) otherwise. */
  take(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Tokens available now. */
  get available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const at = this.now();
    const elapsed = at - this.updatedAt;
    // A clock that goes backwards (wall-clock adjustment) refills nothing and does not punish.
    if (elapsed > 0)
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.rate) / 1000);
    this.updatedAt = at;
  }
}
