/**
 * The receiving half of the server tests' peers (test-client.ts over WebSocket,
 * transport-peer.ts over either transport): a log of everything received, the numbered
 * messages accepted in order (duplicates and gaps kept apart, so tests can assert there are
 * none), acknowledgements once per tick, the signals sent and not yet acknowledged, and
 * waits that re-check on every message and close.
 */
import assert from 'node:assert/strict';
import type {
  ClientMessage,
  ClientMessages,
  ServerMessage,
  ServerMessages,
} from 'switchboard/protocol';

/** A server message that carries a `seq`. */
export type Numbered = Extract<ServerMessage, { seq: number }>;

export abstract class ReceivingPeer {
  /** Everything received, on every connection, in order. */
  readonly log: ServerMessage[] = [];
  /** Numbered messages accepted in order (seq = previous + 1). */
  readonly stream: Numbered[] = [];
  /** Numbered messages received again (seq already accepted). */
  readonly duplicates: Numbered[] = [];
  /** Numbered messages that skipped ahead. */
  readonly gaps: Numbered[] = [];
  /** Close codes of the connections, in order. */
  readonly closes: number[] = [];
  session: string | undefined;
  resumeToken: string | undefined;
  peer: string | undefined;
  /** The last numbered seq accepted. */
  lastSeq = 0;
  /** Signals sent and not yet acknowledged, by seq. */
  readonly outbox = new Map<number, ClientMessages['signal']>();
  protected nextSeq = 1;
  private readonly listeners = new Set<() => void>();
  private ackScheduled = false;

  constructor(
    /** Acknowledge numbered messages as they arrive. */
    private readonly autoAck: boolean,
    /** How long a wait lasts unless told otherwise. */
    protected readonly defaultTimeoutMs: number,
  ) {}

  /** Acknowledges everything accepted so far, if connected. */
  abstract ack(): void;

  /** Sends a message on the current connection. */
  abstract send(message: ClientMessage): void;

  /**
   * Resumes the session on the connection `connect` opens: hello with the resume token and
   * the last seq accepted, then the signals not yet acknowledged, in order.
   */
  protected async resumeOn(connect: () => Promise<unknown>): Promise<ServerMessages['welcome']> {
    assert.ok(this.session && this.resumeToken, 'no session to resume');
    await connect();
    const from = this.log.length;
    this.send({
      type: 'hello',
      v: 1,
      resume: { session: this.session, token: this.resumeToken, ack: this.lastSeq },
    });
    const answer = await this.waitFor((m) => m.type === 'welcome' || m.type === 'error', { from });
    assert.equal(answer.type, 'welcome', `resume failed: ${JSON.stringify(answer)}`);
    const welcome = answer as ServerMessages['welcome'];
    assert.equal(welcome.resumed, true);
    this.dropAcked(welcome.ack);
    for (const signal of [...this.outbox.values()].sort((a, b) => a.seq - b.seq)) this.send(signal);
    return welcome;
  }

  /** The first message at index `from` or later matching `predicate`, waiting for it. */
  async waitFor<T extends ServerMessage = ServerMessage>(
    predicate: ((m: ServerMessage) => m is T) | ((m: ServerMessage) => boolean),
    { from = 0, timeout = this.defaultTimeoutMs }: { from?: number; timeout?: number } = {},
  ): Promise<T> {
    let found: ServerMessage | undefined;
    await this.until(
      () => {
        found = this.log.slice(from).find(predicate);
        return found !== undefined;
      },
      timeout,
      `a message matching ${predicate.toString()}`,
    );
    return found as T;
  }

  /** Waits until `count` accepted numbered messages match `predicate`; returns them. */
  async streamOf<T extends Numbered>(
    predicate: (m: Numbered) => m is T,
    count: number,
    timeout = this.defaultTimeoutMs,
  ): Promise<T[]> {
    await this.until(
      () => this.stream.filter(predicate).length >= count,
      timeout,
      `${count} messages`,
    );
    return this.stream.filter(predicate);
  }

  /** Waits until `condition` holds, re-checking on every message and close. */
  async until(condition: () => boolean, timeout: number, what: string): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        const last = JSON.stringify(this.log.slice(-5)).slice(0, 800);
        reject(new Error(`${this.peer ?? 'peer'}: timed out waiting for ${what}; got ${last}`));
      }, timeout);
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  /** Errors received, as `[code, ref]`. */
  errors(): [string, unknown][] {
    return this.log
      .filter((m): m is ServerMessages['error'] => m.type === 'error')
      .map((m) => [m.code, m.ref]);
  }

  /** Records a message from the server. */
  protected receive(message: ServerMessage): void {
    this.log.push(message);
    if (message.type === 'ack') this.dropAcked(message.seq);
    if ('seq' in message && message.type !== 'ack') {
      const numbered = message as Numbered;
      if (numbered.seq === this.lastSeq + 1) {
        this.lastSeq = numbered.seq;
        this.stream.push(numbered);
        if (this.autoAck) this.scheduleAck();
      } else if (numbered.seq <= this.lastSeq) {
        this.duplicates.push(numbered);
      } else {
        this.gaps.push(numbered);
      }
    }
    this.notify();
  }

  /** Records that a connection closed with `code`. */
  protected closedWith(code: number): void {
    this.closes.push(code);
    this.notify();
  }

  /** Forgets the signals up to `seq`: the server has them. */
  protected dropAcked(seq: number): void {
    for (const key of this.outbox.keys()) if (key <= seq) this.outbox.delete(key);
  }

  /** Re-checks every pending wait. */
  protected notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    setImmediate(() => {
      this.ackScheduled = false;
      this.ack();
    });
  }
}
