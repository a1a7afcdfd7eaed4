import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeSseEvent, splitFrames } from './sse-framing.ts';

/** [case, data, event name, encoded]. */
const EVENTS: [string, string, string | undefined, string][] = [
  ['a frame', '{"type":"pong"}', undefined, 'data: {"type":"pong"}\n\n'],
  ['a named event', '{"id":"x"}', 'open', 'event: open\ndata: {"id":"x"}\n\n'],
  ['an empty frame', '', undefined, 'data: \n\n'],
  ['LF inside', '{"a":\n1}', undefined, 'data: {"a":\ndata: 1}\n\n'],
  ['CRLF inside', '{"a":\r\n1}', undefined, 'data: {"a":\ndata: 1}\n\n'],
  ['a lone CR inside', '{"a":\r1}', 'close', 'event: close\ndata: {"a":\ndata: 1}\n\n'],
  ['a trailing LF', '{}\n', undefined, 'data: {}\ndata: \n\n'],
  ['a leading space', ' {}', undefined, 'data:  {}\n\n'],
];
for (const [what, data, event, encoded] of EVENTS) {
  test(`encodeSseEvent: ${what}`, () => {
    assert.equal(encodeSseEvent(data, event), encoded);
  });
}

/** [case, body, frames]. */
const BODIES: [string, string, string[]][] = [
  ['one frame', '{"type":"ping"}', ['{"type":"ping"}']],
  ['LF between frames', '{"a":1}\n{"b":2}', ['{"a":1}', '{"b":2}']],
  ['CRLF between frames', '{"a":1}\r\n{"b":2}\r\n', ['{"a":1}', '{"b":2}']],
  ['a trailing LF', '{"a":1}\n', ['{"a":1}']],
  ['blank lines are skipped', '\n\n{"a":1}\n\r\n\n{"b":2}', ['{"a":1}', '{"b":2}']],
  ['an empty body', '', []],
  ['a CR not before LF stays in the frame', '{"a":\r1}', ['{"a":\r1}']],
  ['non-ASCII', '{"n":"Zoë"}\n{"n":"👋"}', ['{"n":"Zoë"}', '{"n":"👋"}']],
];
for (const [what, body, frames] of BODIES) {
  test(`splitFrames: ${what}`, () => {
    assert.deepEqual(
      splitFrames(Buffer.from(body)).map((b) => b.toString('utf8')),
      frames,
    );
  });
}
