/**
 * The HTTP fallback seen as a WebSocket ({@link WebSocketLike}), for where a WebSocket cannot
 * open (a proxy that refuses upgrades, a runtime without one): the server's frames arrive on
 * a `text/event-stream` read with `fetch`, and this side's frames leave in POSTs, one POST at
 * a time so they stay in order, each carrying every frame queued meanwhile (one a line).
 *
 * `fetch` rather than EventSource: it runs in browsers and in Node 20 alike, it gets the
 * status of a refused stream, and it never reconnects on its own (the signaling client
 * decides that, and resumes the session). See docs/server.md, "HTTP fallback".
 */
import { createSseParser, type SseEvent } from './sse-parser.ts';
import type { WebSocketLike } from './transport.ts';

/** The `fetch` the transport calls; `globalThis.fetch` by default. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of an {@link HttpSocket}. */
export interface HttpSocketOptions {
  /** Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** How long `close()` waits for the server to confirm before dropping the stream (ms). */
  closeTimeoutMs?: number;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** RFC 6455 7.4.1: the connection ended without a close frame. */
const ABNORMAL_CLOSE = 1006;
/** Used until the `open` event says what the server accepts. */
const DEFAULT_MAX_BODY_BYTES = 65_536;
const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

type Listeners = {
  open: Array<() => void>;
  message: Array<(event: { data: unknown }) => void>;
  close: Array<(event: { code: number; reason: string; wasClean?: boolean }) => void>;
  error: Array<(event: unknown) => void>;
};

/** Bytes of `text` in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    // A surrogate is half of a 4-byte sequence; other code units take 2 or 3 bytes.
    if (c >= 0xd800 && c <= 0xdfff) bytes += 1;
    else bytes += c >= 0x800 ? 2 : 1;
  }
  return bytes;
}

/** A URL under the stream's: its path plus `/<segments>`, its query kept. */
function urlUnder(streamUrl: string, ...segments: string[]): string {
  const query = streamUrl.indexOf('?');
  const base = query === -1 ? streamUrl : streamUrl.slice(0, query);
  const search = query === -1 ? '' : streamUrl.slice(query);
  const path = segments.map(encodeURIComponent).join('/');
  return `${base.replace(/\/$/, '')}/${path}${search}`;
}

/** One connection over the HTTP fallback, shaped like a browser WebSocket. */
export class HttpSocket implements WebSocketLike {
  readonly url: string;
  #readyState = CONNECTING;
  readonly #fetch: FetchFunction;
  readonly #closeTimeoutMs: number;
  readonly #listeners: Listeners = { open: [], message: [], close: [], error: [] };
  /** Aborts the stream and any POST in flight. */
  readonly #abort = new AbortController();
  #postUrl = '';
  #closeUrl = '';
  #maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  /** Frames waiting for the next POST. */
  #queue: string[] = [];
  #posting = false;
  #flushScheduled = false;
  #closeRequest: { code: number; reason: string } | undefined;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;

  /** Opens the stream at `url` (`http:` or `https:`). Throws TypeError when there is no fetch. */
  constructor(url: string, options: HttpSocketOptions = {}) {
    const fetchFunction = options.fetch ?? (globalThis as { fetch?: FetchFunction }).fetch;
    if (typeof fetchFunction !== 'function') {
      throw new TypeError('the HTTP fallback needs fetch (globalThis.fetch or the fetch option)');
    }
    this.url = url;
    // Called as a plain function: a browser's fetch called as a method of another object
    // throws "Illegal invocation".
    this.#fetch = (input, init) => fetchFunction(input, init);
    this.#closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    void this.#read();
  }

  get readyState(): number {
    return this.#readyState;
  }

  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { code: number; reason: string; wasClean?: boolean }) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
  addEventListener(type: keyof Listeners, listener: (event: never) => void): void {
    (this.#listeners[type] as Array<(event: never) => void>).push(listener);
  }

  /** Queues a frame for the next POST. Like a WebSocket, throws while connecting. */
  send(data: string): void {
    if (this.#readyState === CONNECTING) {
      throw new Error('InvalidStateError: the HTTP fallback stream is not open yet');
    }
    if (this.#readyState !== OPEN) return;
    this.#queue.push(data);
    this.#scheduleFlush();
  }

  /**
   * Closes: the frames queued so far go out first, then `code` and `reason`, which the server
   * echoes as the stream's last event. Without an answer within `closeTimeoutMs` the stream
   * is dropped (1006).
   */
  close(code = 1000, reason = ''): void {
    if (this.#readyState === CONNECTING) {
      this.#finish(ABNORMAL_CLOSE, '', false);
      return;
    }
    if (this.#readyState !== OPEN) return;
    this.#readyState = CLOSING;
    this.#closeRequest = { code, reason };
    this.#closeTimer = setTimeout(
      () => this.#finish(ABNORMAL_CLOSE, '', false),
      this.#closeTimeoutMs,
    );
    // In Node, a close that waits must not keep the process alive.
    (this.#closeTimer as { unref?: () => void }).unref?.();
    this.#scheduleFlush();
  }

  // ---- stream ----------------------------------------------------------------------------

  async #read(): Promise<void> {
    const { signal } = this.#abort;
    let problem = 'the stream ended without a close event';
    try {
      const response = await this.#fetch(this.url, {
        headers: { accept: 'text/event-stream' },
        cache: 'no-store',
        signal,
      });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || response.body === null || !type.startsWith('text/event-stream')) {
        problem = `the stream answered ${response.status} ${type}`;
        await response.body?.cancel().catch(() => {});
        return;
      }
      const parser = createSseParser((event) => this.#onEvent(event));
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      while (this.#readyState !== CLOSED) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
      if (this.#readyState === CLOSED) await reader.cancel().catch(() => {});
    } catch (error) {
      problem = `the stream failed: ${(error as Error)?.message ?? error}`;
    } finally {
      if (this.#readyState !== CLOSED) this.#fail(problem);
    }
  }

  #onEvent(event: SseEvent): void {
    if (this.#readyState === CLOSED) return;
    switch (event.type) {
      case 'message':
        if (this.#readyState === OPEN || this.#readyState === CLOSING) {
          this.#dispatch('message', { data: event.data });
        }
        return;
      case 'open': {
        if (this.#readyState !== CONNECTING) return;
        const open = parseObject(event.data);
        if (typeof open?.id !== 'string' || open.id === '') {
          this.#fail('the open event names no stream id');
          return;
        }
        if (typeof open.maxBodyBytes === 'number' && open.maxBodyBytes > 0) {
          this.#maxBodyBytes = open.maxBodyBytes;
        }
        this.#postUrl = urlUnder(this.url, open.id);
        this.#closeUrl = urlUnder(this.url, open.id, 'close');
        this.#readyState = OPEN;
        this.#dispatch('open', undefined);
        return;
      }
      case 'close': {
        const close = parseObject(event.data);
        const code = typeof close?.code === 'number' ? close.code : ABNORMAL_CLOSE;
        const reason = typeof close?.reason === 'string' ? close.reason : '';
        this.#finish(code, reason, true);
        return;
      }
      default:
      // Events of later versions are ignored.
    }
  }

  // ---- POSTs -----------------------------------------------------------------------------

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#posting) return;
    this.#flushScheduled = true;
    // Frames sent in the same task share a POST.
    queueMicrotask(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#posting || this.#readyState === CLOSED) return;
    this.#posting = true;
    try {
      while (this.#queue.length > 0 && this.#readyState !== CLOSED) {
        if (!(await this.#post(this.#postUrl, this.#takeBatch(), false))) return;
      }
      const close = this.#closeRequest;
      if (close !== undefined && this.#readyState === CLOSING) {
        this.#closeRequest = undefined;
        const body = JSON.stringify(close);
        // The server ends the stream with the echo of this close; done either way.
        await this.#post(this.#closeUrl, body, true);
        this.#finish(close.code, close.reason, true);
      }
    } finally {
      this.#posting = false;
    }
  }

  /** The queued frames that fit in one body (always at least one). */
  #takeBatch(): string {
    let bytes = 0;
    let count = 0;
    for (const frame of this.#queue) {
      const size = utf8Length(frame) + 1;
      if (count > 0 && bytes + size > this.#maxBodyBytes) break;
      bytes += size;
      count += 1;
    }
    return this.#queue.splice(0, count).join('\n');
  }

  /** POSTs `body`; on a refusal or a network failure the connection is lost (1006). */
  async #post(url: string, body: string, keepalive: boolean): Promise<boolean> {
    let problem: string;
    try {
      const response = await this.#fetch(url, {
        method: 'POST',
        // text/plain keeps a cross-origin POST a simple request: no preflight per POST.
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body,
        cache: 'no-store',
        keepalive,
        signal: this.#abort.signal,
      });
      if (response.ok) {
        await response.body?.cancel().catch(() => {});
        return true;
      }
      const answer = parseObject(await response.text().catch(() => ''));
      const code = typeof answer?.code === 'string' ? ` ${answer.code}` : '';
      problem = `POST answered ${response.status}${code}`;
    } catch (error) {
      problem = `POST failed: ${(error as Error)?.message ?? error}`;
    }
    if (this.#readyState !== CLOSED) this.#fail(problem);
    return false;
  }

  // ---- closing ---------------------------------------------------------------------------

  #fail(problem: string): void {
    this.#finish(ABNORMAL_CLOSE, '', false, problem);
  }

  #finish(code: number, reason: string, wasClean: boolean, error?: string): void {
    if (this.#readyState === CLOSED) return;
    this.#readyState = CLOSED;
    this.#queue = [];
    if (this.#closeTimer !== undefined) clearTimeout(this.#closeTimer);
    this.#abort.abort();
    // As a WebSocket's, the events come after the call that caused them has returned.
    queueMicrotask(() => {
      if (error !== undefined) this.#dispatch('error', { type: 'error', message: error });
      this.#dispatch('close', { code, reason, wasClean });
    });
  }

  #dispatch<K extends keyof Listeners>(type: K, event: Parameters<Listeners[K][number]>[0]): void {
    for (const listener of [...this.#listeners[type]]) {
      try {
        (listener as (event: unknown) => void)(event);
      } catch (error) {
        // As in a browser: a throwing listener is reported, and the others still run.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
