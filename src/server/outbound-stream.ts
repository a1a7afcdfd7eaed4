/**
 * The numbered messages leaving one connection, in seq order and each once: what the
 * adapter delivers is queued; a seq already sent is skipped (it reached this connection
 * twice, e.g. by replay and by publish); a seq that skips ahead is preceded by the missing
 * ones, fetched from the session's buffer (two senders' appends may publish out of order).
 * Entries in order leave at once, inside `push`/`release`; only filling a gap waits.
 *
 * The stream can be held: while a handler of the same connection runs, deliveries wait, so
 * a reply (`joined`, `welcome`) always leaves before the numbered messages that follow it.
 */
import type { BufferedMessage } from './adapter.ts';

/** What the stream needs from its connection. */
export interface OutboundSink {
  /** Sends one numbered message on the socket. */
  send(entry: BufferedMessage): void;
  /** The session's buffered messages after `afterSeq`, to fill a gap. */
  pending(afterSeq: number): Promise<BufferedMessage[]>;
  /** Reports an unexpected failure or an unfillable gap. */
  warn(details: Record<string, unknown>, message: string): void;
}

/** The ordered outbound stream of one connection. */
export class OutboundStream {
  private readonly queue: BufferedMessage[] = [];
  private holds = 0;
  private draining = false;
  private started = false;
  /** The last seq sent on this connection. */
  lastSent = 0;

  constructor(private readonly sink: OutboundSink) {}

  /**
   * Starts sending after `afterSeq` (what the client already has), `replay` first. Until
   * then deliveries only queue.
   */
  start(afterSeq: number, replay: readonly BufferedMessage[]): void {
    this.lastSent = afterSeq;
    this.queue.unshift(...replay);
    this.started = true;
    this.drain();
  }

  /** Queues a delivered message and sends what can be sent. */
  push(entry: BufferedMessage): void {
    this.queue.push(entry);
    this.drain();
  }

  /** Holds deliveries until the matching `release`. */
  hold(): void {
    this.holds += 1;
  }

  /** Ends one `hold`; sends what queued meanwhile once no hold is left. */
  release(): void {
    this.holds -= 1;
    this.drain();
  }

  private drain(): void {
    while (!this.draining && this.holds === 0 && this.started && this.queue.length > 0) {
      this.draining = true;
      try {
        // In seq order (the rule), entries leave here and now; a gap needs the buffer.
        if (!this.sendInOrder()) {
          this.fillAndSend();
          return;
        }
      } catch (error) {
        this.sink.warn({ err: error }, 'delivery failed');
      }
      this.draining = false;
    }
  }

  /** Sends queued entries while each follows the last sent; false when one skips ahead. */
  private sendInOrder(): boolean {
    const queue = this.queue;
    while (queue.length > 0 && this.holds === 0) {
      const entry = queue[0] as BufferedMessage;
      if (entry.seq > this.lastSent + 1) return false;
      queue.shift();
      if (entry.seq <= this.lastSent) continue;
      this.lastSent = entry.seq;
      this.sink.send(entry);
    }
    return true;
  }

  /** Sends the queue asynchronously, filling gaps from the buffer (`draining` is set). */
  private fillAndSend(): void {
    this.run()
      .catch((error) => this.sink.warn({ err: error }, 'delivery failed'))
      .finally(() => {
        this.draining = false;
        this.drain();
      });
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0 && this.holds === 0) {
      const entry = this.queue.shift() as BufferedMessage;
      if (entry.seq <= this.lastSent) continue;
      if (entry.seq > this.lastSent + 1) {
        const missing = (await this.sink.pending(this.lastSent)).filter((m) => m.seq < entry.seq);
        if (missing[0]?.seq === this.lastSent + 1) {
          this.queue.unshift(...missing, entry);
          continue;
        }
        // Not in the buffer (cannot happen while the session lives): send what there is.
        this.sink.warn({ expected: this.lastSent + 1, got: entry.seq }, 'outbound gap not filled');
      }
      this.lastSent = entry.seq;
      this.sink.send(entry);
    }
  }
}
