import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { highlightLine, sdpLines } from '../../web/shared/sdp/highlight.ts';
import { changedLines } from '../../web/shared/sdp/line-changes.ts';
import { seedAnswer } from '../support/seeds.ts';

const kinds = (line: string) => highlightLine(line).map((t) => `${t.kind}:${t.text}`);

describe('highlightLine', () => {
  const cases: { name: string; line: string; expected: string[] }[] = [
    {
      name: 'a value attribute: name, colon, numbers and words',
      line: 'a=rtpmap:111 opus/48000/2',
      expected: [
        'type:a',
        'punct:=',
        'attribute:rtpmap',
        'punct::',
        'number:111',
        'punct: ',
        'value:opus',
        'punct:/',
        'number:48000',
        'punct:/',
        'number:2',
      ],
    },
    {
      name: 'a direction flag is a keyword',
      line: 'a=recvonly',
      expected: ['type:a', 'punct:=', 'keyword:recvonly'],
    },
    {
      name: 'a property flag is an attribute',
      line: 'a=rtcp-mux',
      expected: ['type:a', 'punct:=', 'attribute:rtcp-mux'],
    },
    {
      name: 'an m= line: media kind keyword, port, protocol pieces',
      line: 'm=video 9 UDP/TLS/RTP/SAVPF 106',
      expected: [
        'type:m',
        'punct:=',
        'keyword:video',
        'punct: ',
        'number:9',
        'punct: ',
        'value:UDP',
        'punct:/',
        'value:TLS',
        'punct:/',
        'value:RTP',
        'punct:/',
        'value:SAVPF',
        'punct: ',
        'number:106',
      ],
    },
    {
      name: 'a candidate: its type after typ is a keyword',
      line: 'a=candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host',
      expected: [
        'type:a',
        'punct:=',
        'attribute:candidate',
        'punct::',
        'number:1',
        'punct: ',
        'number:1',
        'punct: ',
        'value:udp',
        'punct: ',
        'number:2122260223',
        'punct: ',
        'value:127.0.0.1',
        'punct: ',
        'number:5000',
        'punct: ',
        'keyword:typ',
        'punct: ',
        'keyword:host',
      ],
    },
    { name: 'a line without <type>= is plain', line: '; comment', expected: ['plain:; comment'] },
    { name: 'an empty line has no tokens', line: '', expected: [] },
    { name: 'a= with nothing after it', line: 'a=', expected: ['type:a', 'punct:='] },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(kinds(c.line), c.expected));
  }

  test('the tokens of every line of a real answer join back to the line', () => {
    for (const line of sdpLines(seedAnswer())) {
      assert.equal(
        highlightLine(line)
          .map((t) => t.text)
          .join(''),
        line,
      );
    }
  });
});

describe('sdpLines', () => {
  const cases: { name: string; text: string; expected: string[] }[] = [
    { name: 'CRLF lines, final terminator', text: 'v=0\r\ns=-\r\n', expected: ['v=0', 's=-'] },
    { name: 'LF lines, no final terminator', text: 'v=0\ns=-', expected: ['v=0', 's=-'] },
    { name: 'a blank line inside stays', text: 'v=0\n\ns=-\n', expected: ['v=0', '', 's=-'] },
    { name: 'empty text', text: '', expected: [] },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(sdpLines(c.text), c.expected));
});

describe('changedLines', () => {
  const cases: { name: string; before: string; after: string; expected: number[] }[] = [
    { name: 'same text: nothing changed', before: 'a\nb\n', after: 'a\nb\n', expected: [] },
    { name: 'a replaced line', before: 'a\nb\nc\n', after: 'a\nx\nc\n', expected: [2] },
    { name: 'moved lines do not count', before: 'a\nb\n', after: 'b\na\n', expected: [] },
    { name: 'a repeated line counts once per copy', before: 'a\n', after: 'a\na\n', expected: [2] },
    { name: 'everything is new against nothing', before: '', after: 'a\nb\n', expected: [1, 2] },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual([...changedLines(c.before, c.after)], c.expected));
  }
});
