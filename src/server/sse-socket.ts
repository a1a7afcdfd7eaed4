/**
 * A connection of the HTTP fallback, shaped like a `ws` WebSocket ({@link SignalingSocket}) so
 * that {@link Connection} runs the same pipeline on it: frames go out as events of a
 * `text/event-stream` response, frames come in from POSTs (sse-transport.ts hands them over),
 * a close from either side is a final `close` event, and a stream the client dropped is a
 * socket closed with 1006.
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { encodeSseEvent, SSE_KEEP_ALIVE, type SseClose, type SseOpen } from './sse-framing.ts';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** The close code of a connection that ended without one (RFC 6455 7.4.1). */
const ABNORMAL_CLOSE = 1006;

/** One SSE stream and the POSTs that feed it. */
export class SseSocket extends EventEmitter {
  #readyState = CONNECTING;
  #lastWriteAt: number;
  /** POST requests being read for this connection. */
  postsInFlight = 0;

  constructor(
    readonly res: ServerResponse,
    readonly open: SseOpen,
    /** The `Origin` of the stream's request: POSTs from another origin are refused. */
    readonly origin: string | undefined,
    private readonly now: () => number,
  ) {
    super();
    this.#lastWriteAt = now();
    res.on('error', (error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
    res.on('close', () => {
      // Ended by either side's close: already closed. Otherwise the client went away.
      this.#closed(ABNORMAL_CLOSE, '');
    });
    this.#write(encodeSseEvent(JSON.stringify(open), 'open'));
    this.#readyState = OPEN;
  }

  get id(): string {
    return this.open.id;
  }

  get readyState(): number {
    return this.#readyState;
  }

  /** Sends one protocol frame as an event. */
  send(frame: string): void {
    if (this.#readyState !== OPEN) return;
    this.#write(encodeSseEvent(frame));
  }

  /** No pong can come back over SSE: the client's own pings (POSTs) prove it alive. */
  ping(): void {
    if (this.#readyState === OPEN) this.#write(SSE_KEEP_ALIVE);
  }

  /** Writes a comment when nothing was written for `idleMs`, so proxies keep the stream. */
  keepAlive(idleMs: number): void {
    if (this.#readyState === OPEN && this.now() - this.#lastWriteAt >= idleMs) {
      this.#write(SSE_KEEP_ALIVE);
    }
  }

  /** Closes from the server: a final `close` event, then the response ends. */
  close(code: number, reason: string): void {
    this.#end(code, reason);
  }

  /** The client closed (`POST <path>/<id>/close`): echoed as the final event, as ws does. */
  closeByClient(code: number, reason: string): void {
    this.#end(code, reason);
  }

  /** Destroys the stream without a final event. */
  terminate(): void {
    this.res.destroy();
    this.#closed(ABNORMAL_CLOSE, '');
  }

  /** Hands frames received in a POST to the connection, in order. */
  receive(frames: readonly Buffer[]): void {
    for (const frame of frames) {
      if (this.#readyState !== OPEN) return;
      this.emit('message', frame, false);
    }
  }

  #end(code: number, reason: string): void {
    if (this.#readyState >= CLOSING) return;
    this.#readyState = CLOSING;
    const close: SseClose = { code, reason };
    this.#write(encodeSseEvent(JSON.stringify(close), 'close'));
    this.res.end();
    this.#closed(code, reason);
  }

  #closed(code: number, reason: string): void {
    if (this.#readyState === CLOSED) return;
    this.#readyState = CLOSED;
    // As with ws, `close` comes after the call that caused it has returned.
    process.nextTick(() => this.emit('close', code, reason));
  }

  #write(chunk: string): void {
    const { res } = this;
    if (res.destroyed || res.writableEnded) return;
    this.#lastWriteAt = this.now();
    res.write(chunk);
  }
}
