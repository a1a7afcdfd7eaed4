/**
 * The wire format of the HTTP fallback. Server to client: a `text/event-stream` (WHATWG HTML,
 * "Server-sent events", https://html.spec.whatwg.org/multipage/server-sent-events.html) where
 * each protocol frame is one event without a name (an EventSource's `message`), the first
 * event is `open` and the last `close`, and comments keep idle proxies from cutting the stream.
 * Client to server: POST bodies of one or more frames, one a line.
 */

/** The `open` event's data: the stream's id (it names the POST URL) and the body limit. */
export interface SseOpen {
  /** URL-safe, from a CSPRNG; whoever knows it may post as this connection. */
  readonly id: string;
  /** The largest POST body accepted (413 beyond). */
  readonly maxBodyBytes: number;
}

/** The `close` event's data: the close code and reason, as a WebSocket close would carry. */
export interface SseClose {
  readonly code: number;
  readonly reason: string;
}

/** A comment line: ignored by every reader, it only keeps the stream busy. */
export const SSE_KEEP_ALIVE = ':\n\n';

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * One event: an optional `event:` line, then a `data:` line per line of `data` (a reader
 * joins them with `\n`), then a blank line. Protocol frames are JSON, where a line break can
 * only be whitespace between tokens, so a `\r\n` read back as `\n` changes nothing.
 */
export function encodeSseEvent(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`;
  if (!data.includes('\n') && !data.includes('\r')) return `${head}data: ${data}\n\n`;
  let out = head;
  for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The frames of a POST body: one a line (`\n` or `\r\n`), in order; blank lines are skipped.
 * The buffers share the body's memory.
 */
export function splitFrames(body: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf(LF, start);
    if (end === -1) end = body.length;
    const stop = end > start && body[end - 1] === CR ? end - 1 : end;
    if (stop > start) frames.push(body.subarray(start, stop));
    start = end + 1;
  }
  return frames;
}
