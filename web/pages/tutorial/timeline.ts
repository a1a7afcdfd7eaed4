/**
 * The signaling-state timeline of the tutorial as data: per peer, each state with the time
 * it was entered and the negotiation round it belongs to (0 = before the first offer).
 */
import type { PeerName } from './exchange.ts';

/** One state a peer entered. */
export interface TimelineEntry {
  readonly state: string;
  /** Milliseconds since the call started. */
  readonly at: number;
  readonly round: number;
}

/** The states of pc1 and pc2, in the order they happened. */
export class Timeline {
  readonly #entries: Record<PeerName, TimelineEntry[]> = { pc1: [], pc2: [] };
  #round = 0;

  /** Starts the next negotiation round: entries from now on belong to it. */
  nextRound(): number {
    this.#round += 1;
    return this.#round;
  }

  /** Records that `peer` entered `state` at `at`; a repeat of the current state is ignored. */
  add(peer: PeerName, state: string, at: number): TimelineEntry | undefined {
    const list = this.#entries[peer];
    if (list.at(-1)?.state === state) return undefined;
    const entry = { state, at, round: this.#round };
    list.push(entry);
    return entry;
  }

  /** The entries of `peer`. */
  of(peer: PeerName): readonly TimelineEntry[] {
    return this.#entries[peer];
  }

  /** Forgets everything (a new call). */
  clear(): void {
    this.#entries.pc1 = [];
    this.#entries.pc2 = [];
    this.#round = 0;
  }
}

/** A time since the call started: `+0.8 ms`, `+42 ms`, `+1.25 s`. */
export function formatElapsed(ms: number): string {
  if (ms < 10) return `+${ms.toFixed(1)} ms`;
  if (ms < 1000) return `+${Math.round(ms)} ms`;
  return `+${(ms / 1000).toFixed(2)} s`;
}
