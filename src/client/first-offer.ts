/**
 * Who makes the first offer of a peer connection. Perfect negotiation lets both sides offer
 * whenever they like and resolves a collision by having the polite side roll its offer back;
 * that is right for renegotiation, but costly for the very first offer. In Chromium a peer
 * connection keeps the ICE role of its first local offer even after rolling that offer back
 * (even an offer without media sections), so when it then answers, both ends are
 * controlling, and resolving the role conflict (RFC 8445, section 7.3.1.1) takes
 * retransmitted connectivity checks: typically 50-70 ms more to an open data channel than
 * without the collision, and now and then seconds (bench/setup.ts measures it). A room
 * whose members all set up their side at once (the README's negotiated channel, tracks added
 * in `setupPeer`) would collide on every pair.
 *
 * So under the `'impolite'` rule the polite side holds its own offers until it has answered
 * the impolite side's first offer, then offers only if that answer left something of its own
 * unnegotiated. The impolite side offers as usual. The polite side cannot tell an impolite
 * side with nothing to send from a slow one, so it waits at most a few signaling round trips
 * ({@link firstOfferWaitMs}), then offers anyway (perfect negotiation still resolves a late
 * collision). That wait is what a pair costs where only the polite side sends anything.
 */
import type { Clock, ClockTimer } from './clock.ts';

/** `'impolite'`: the impolite side offers first (rooms); `'either'`: whoever needs to. */
export type FirstOfferRule = 'impolite' | 'either';

/**
 * How long a polite side waits for the impolite side's first offer before offering itself.
 * Both sides learn of each other at about the same time, so the offer comes about one
 * round trip to the server (the impolite side's leg, then the relay) plus the time to create
 * it after this side's session started. The wait is {@link firstOfferWaitMs} of a measured
 * round trip, `defaultMs` without one: long enough for that, short enough to cost little
 * where the impolite side has nothing to offer.
 */
export const FIRST_OFFER_WAIT = Object.freeze({
  /** Per millisecond of round trip. */
  perRoundTrip: 2,
  /** For creating the offer and any jitter. */
  marginMs: 15,
  minMs: 20,
  maxMs: 250,
  /** Without a measured round trip. */
  defaultMs: 100,
});

/** The polite side's wait for a signaling round trip of `roundTripMs` (or none known). */
export function firstOfferWaitMs(roundTripMs: number | undefined): number {
  const { perRoundTrip, marginMs, minMs, maxMs, defaultMs } = FIRST_OFFER_WAIT;
  if (roundTripMs === undefined || !Number.isFinite(roundTripMs)) return defaultMs;
  return Math.min(maxMs, Math.max(minMs, perRoundTrip * Math.max(0, roundTripMs) + marginMs));
}

/**
 * The polite side's wait for the first remote offer under the `'impolite'` rule. Negotiations
 * asked for meanwhile are held; {@link answered} or the end of the wait ends it.
 */
export class FirstOfferWait {
  readonly #clock: Clock;
  readonly #onTimeout: (held: boolean) => void;
  #waiting = true;
  #held = false;
  #timer: ClockTimer | undefined;

  /** Starts waiting; `onTimeout(held)` runs if no offer was answered within `waitMs`. */
  constructor(clock: Clock, waitMs: number, onTimeout: (held: boolean) => void) {
    this.#clock = clock;
    this.#onTimeout = onTimeout;
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      this.#onTimeout(this.#end());
    }, waitMs);
    // A Node timer would keep the process alive for nothing once everything else is done.
    (this.#timer as { unref?: () => void } | undefined)?.unref?.();
  }

  /** True while waiting: the negotiation asked for is held (and remembered). */
  hold(): boolean {
    if (this.#waiting) this.#held = true;
    return this.#waiting;
  }

  /** The first remote offer was answered: stops waiting; returns whether something was held. */
  answered(): boolean {
    return this.#end();
  }

  /** Stops waiting without anything further (the session closed). */
  stop(): void {
    this.#end();
  }

  #end(): boolean {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    const held = this.#waiting && this.#held;
    this.#waiting = false;
    return held;
  }
}

/** `m=application` in an SDP: the offer set up the SCTP transport every data channel shares. */
const APPLICATION_SECTION = /^m=application /m;

/**
 * Whether a held negotiation is still needed after answering `offer`: some transceiver of
 * this side got no m= section from it (`mid` still null), or the offer had no data section
 * (this side may have opened a data channel). A stack without `getTransceivers()` is assumed
 * to need one. A needless offer costs a round trip; a missed one, the connection. (Stacks
 * following the W3C spec fire negotiationneeded again on returning to stable when still
 * needed; not every stack does, so this does not rely on it.)
 */
export function needsOwnOffer(connection: RTCPeerConnection, offer: string): boolean {
  if (typeof connection.getTransceivers !== 'function') return true;
  const unassigned = connection
    .getTransceivers()
    .some((transceiver) => transceiver.mid === null && !isStopped(transceiver));
  return unassigned || !APPLICATION_SECTION.test(offer);
}

function isStopped(transceiver: RTCRtpTransceiver): boolean {
  // `stopped` is gone from the spec; `currentDirection` 'stopped' replaced it.
  const legacy = (transceiver as { stopped?: boolean }).stopped;
  return legacy === true || transceiver.currentDirection === 'stopped';
}
