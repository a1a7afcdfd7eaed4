/**
 * An incremental reader of `text/event-stream` (WHATWG HTML, "Server-sent events",
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * text goes in as it arrives, in chunks cut anywhere, and whole events come out. It reads
 * what an EventSource reads (a leading BOM, CR, LF and CRLF line ends, comments, `data`
 * lines joined with LF, a missing event name meaning `message`) without needing one, so
 * the HTTP fallback runs on `fetch` alone, in browsers and Node.
 */

/** One dispatched event. */
export interface SseEvent {
  /** The `event` field; `message` when absent. */
  readonly type: string;
  /** The `data` lines joined with LF. */
  readonly data: string;
}

/** A stream reader: `push` text as it arrives; events go to the callback. */
export interface SseParser {
  push(text: string): void;
}

/** Creates a parser that calls `onEvent` for every complete event, in order. */
export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = '';
  let started = false;
  /** The previous chunk ended with CR: an LF opening this one belongs to that line end. */
  let skipLf = false;
  let type = '';
  let data: string[] = [];

  function line(text: string): void {
    if (text === '') {
      // A blank line dispatches, if any data arrived (WHATWG: an empty data buffer does not).
      if (data.length > 0) onEvent({ type: type === '' ? 'message' : type, data: data.join('\n') });
      type = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    // `id` and `retry` steer an EventSource's own reconnection, which this reader leaves out.
  }

  return {
    push(text) {
      if (text === '') return;
      if (!started) {
        started = true;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      if (skipLf && text.startsWith('\n')) text = text.slice(1);
      skipLf = false;
      buffer += text;
      let start = 0;
      // The next CR, looked up again only once passed: streams from a server rarely hold one.
      let cr = buffer.indexOf('\r');
      for (;;) {
        const lf = buffer.indexOf('\n', start);
        if (cr !== -1 && cr < start) cr = buffer.indexOf('\r', start);
        if (lf === -1 && cr === -1) break;
        const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
        line(buffer.slice(start, end));
        if (buffer[end] === '\r') {
          if (end + 1 === buffer.length) {
            skipLf = true;
            start = end + 1;
            break;
          }
          start = buffer[end + 1] === '\n' ? end + 2 : end + 1;
        } else {
          start = end + 1;
        }
      }
      buffer = buffer.slice(start);
    },
  };
}
