/**
 * Properties of the HTTP fallback's framing, checked with fast-check: whatever the server
 * encodes (sse-framing.ts), cut into chunks anywhere, the client's reader (sse-parser.ts)
 * reads back as the same events, line ends aside; and a POST body of frames joined by line
 * breaks splits back into those frames.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSseParser, type SseEvent } from '../../src/client/sse-parser.ts';
import { encodeSseEvent, SSE_KEEP_ALIVE, splitFrames } from '../../src/server/sse-framing.ts';

/** What a reader gets back for `data`: every line end read as LF. */
const readBack = (data: string) => data.replace(/\r\n|\r/g, '\n');

/** Splits `text` at the given positions (taken modulo its length). */
function chunks(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % text.length)))].sort(
    (a, b) => a - b,
  );
  const out: string[] = [];
  let from = 0;
  for (const point of points) {
    out.push(text.slice(from, point));
    from = point;
  }
  out.push(text.slice(from));
  return out;
}

const eventArbitrary = fc.record({
  // Event names are ours: no line breaks.
  type: fc.option(fc.constantFrom('open', 'close', 'later'), { nil: undefined }),
  data: fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.json(),
    fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', ':', 'é', '👋')).map((p) => p.join('')),
  ),
});

test('encoded events read back as themselves, in order, however the stream is cut', () => {
  fc.assert(
    fc.property(
      fc.array(eventArbitrary, { maxLength: 8 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      fc.boolean(),
      (events, cuts, keepAlives) => {
        const text = events
          .map((e) => encodeSseEvent(e.data, e.type) + (keepAlives ? SSE_KEEP_ALIVE : ''))
          .join('');
        const read: SseEvent[] = [];
        const parser = createSseParser((event) => read.push(event));
        for (const chunk of chunks(text, cuts)) parser.push(chunk);
        assert.deepEqual(
          read,
          events.map((e) => ({ type: e.type ?? 'message', data: readBack(e.data) })),
        );
      },
    ),
    { numRuns: 500 },
  );
});

test('frames joined with LF or CRLF split back into the same frames', () => {
  const frame = fc
    .json()
    .map((j) => j.replace(/[\r\n]/g, ''))
    .filter((j) => j !== '');
  fc.assert(
    fc.property(fc.array(frame, { maxLength: 10 }), fc.boolean(), (frames, crlf) => {
      const body = Buffer.from(frames.join(crlf ? '\r\n' : '\n'));
      assert.deepEqual(
        splitFrames(body).map((b) => b.toString('utf8')),
        frames,
      );
    }),
  );
});
