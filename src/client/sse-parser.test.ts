import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSseParser, type SseEvent } from './sse-parser.ts';

function parse(chunks: readonly string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

const message = (data: string): SseEvent => ({ type: 'message', data });

/** [case, stream, events]: WHATWG HTML 9.2.6, "Interpreting an event stream". */
const CASES: [string, string, SseEvent[]][] = [
  ['one data line', 'data: {"type":"ping"}\n\n', [message('{"type":"ping"}')]],
  ['a named event', 'event: open\ndata: {"id":"x"}\n\n', [{ type: 'open', data: '{"id":"x"}' }]],
  ['data lines joined with LF', 'data: a\ndata: b\n\n', [message('a\nb')]],
  ['no space after the colon', 'data:x\n\n', [message('x')]],
  ['only one leading space is removed', 'data:  x\n\n', [message(' x')]],
  ['CRLF line ends', 'data: a\r\ndata: b\r\n\r\n', [message('a\nb')]],
  ['CR line ends', 'data: a\rdata: b\r\r', [message('a\nb')]],
  ['comments are skipped', ':\n\n: keep-alive\ndata: x\n\n', [message('x')]],
  ['a blank line without data dispatches nothing', 'event: open\n\ndata: x\n\n', [message('x')]],
  [
    'the event name does not carry over',
    'event: a\ndata: 1\n\ndata: 2\n\n',
    [{ type: 'a', data: '1' }, message('2')],
  ],
  ['id and retry are ignored', 'id: 7\nretry: 10\ndata: x\n\n', [message('x')]],
  ['unknown fields are ignored', 'foo: bar\ndata: x\n\n', [message('x')]],
  ['a field without a colon is a field with an empty value', 'data\n\n', [message('')]],
  ['a leading BOM is dropped', '\uFEFFdata: x\n\n', [message('x')]],
  ['an event not yet ended by a blank line waits', 'data: x\n', []],
  ['two events', 'data: 1\n\ndata: 2\n\n', [message('1'), message('2')]],
  ['non-ASCII data', 'data: {"name":"Zoë 👋"}\n\n', [message('{"name":"Zoë 👋"}')]],
];

for (const [what, stream, expected] of CASES) {
  test(`${what}: whole`, () => {
    assert.deepEqual(parse([stream]), expected);
  });

  test(`${what}: cut at every position`, () => {
    for (let cut = 1; cut < stream.length; cut++) {
      assert.deepEqual(parse([stream.slice(0, cut), stream.slice(cut)]), expected, `cut ${cut}`);
    }
  });

  test(`${what}: one character at a time`, () => {
    assert.deepEqual(parse([...stream]), expected);
  });
}

test('a CR ending one chunk and an LF opening the next are one line end', () => {
  assert.deepEqual(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']), [message('a\nb')]);
});

test('a BOM after the start of the stream is data', () => {
  assert.deepEqual(parse(['data: x\n\n', '\uFEFFdata: y\n\n']), [message('x')]);
});
