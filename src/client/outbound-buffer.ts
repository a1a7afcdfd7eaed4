/**
 * The signals a client sent (or will send) that the server has not acknowledged yet, after
 * livekit's `dataPacketBuffer`: numbered in send order, popped up to each cumulative ack, and
 * replayed from the server's `welcome.ack` on resume. It doubles as the queue of what is sent
 * while the connection is down, so "queued" and "unacknowledged" are one list.
 */

/** One entry: the client seq and whatever the owner stores with it. */
export interface Sequenced {
  readonly seq: number;
}

/** A FIFO of {@link Sequenced} entries with strictly increasing seqs. */
export class OutboundBuffer<T extends Sequenced> {
  #items: T[] = [];

  /** The number of entries held. */
  get size(): number {
    return this.#items.length;
  }

  /** Appends `item`; its seq must be greater than every seq held. */
  push(item: T): void {
    const last = this.#items.at(-1);
    if (last && item.seq <= last.seq) {
      throw new RangeError(`seq ${item.seq} does not follow ${last.seq}`);
    }
    this.#items.push(item);
  }

  /** Removes and returns every entry with `seq <= ack` (a cumulative acknowledgement). */
  popTo(ack: number): T[] {
    let count = 0;
    while (count < this.#items.length && (this.#items[count] as T).seq <= ack) count += 1;
    return this.#items.splice(0, count);
  }

  /** The entries held, oldest first. */
  items(): readonly T[] {
    return this.#items;
  }

  /** Removes and returns every entry. */
  clear(): T[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }
}
