/**
 * Small pure pieces of the call page as tables: the chat's wire format
 * (chat-message.ts), the tile grid (grid-layout.ts), media constraints (media.ts) and the
 * initials of a name (peer-tile.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memberInfo } from '../../web/pages/call/call-peer.ts';
import {
  chatText,
  decodeChat,
  encodeChat,
  MAX_CHAT_LENGTH,
} from '../../web/pages/call/chat-message.ts';
import { type GridLayout, gridLayout } from '../../web/pages/call/grid-layout.ts';
import { mediaConstraints } from '../../web/pages/call/media.ts';
import { initials } from '../../web/pages/call/peer-tile.ts';

describe('chat messages', () => {
  const typed: [typed: string, text: string | undefined][] = [
    ['hello', 'hello'],
    ['  spaced  ', 'spaced'],
    ['', undefined],
    ['   \n ', undefined],
    ['x'.repeat(MAX_CHAT_LENGTH + 5), 'x'.repeat(MAX_CHAT_LENGTH)],
  ];
  for (const [input, text] of typed) {
    test(`chatText(${JSON.stringify(input.slice(0, 12))}) -> ${text === undefined ? 'none' : text.length}`, () => {
      assert.equal(chatText(input), text);
    });
  }

  const received: [name: string, data: unknown, text: string | undefined][] = [
    ['what encodeChat makes', encodeChat('hi <b>there</b>'), 'hi <b>there</b>'],
    ['extra fields', JSON.stringify({ type: 'chat', text: 'ok', extra: 1 }), 'ok'],
    ['text with spaces around', JSON.stringify({ type: 'chat', text: '  ok ' }), 'ok'],
    ['another type', JSON.stringify({ type: 'typing' }), undefined],
    ['a non-string text', JSON.stringify({ type: 'chat', text: 42 }), undefined],
    ['an empty text', JSON.stringify({ type: 'chat', text: ' ' }), undefined],
    ['not JSON', 'hello', undefined],
    ['JSON null', 'null', undefined],
    ['a JSON array', '["chat"]', undefined],
    ['binary data', new ArrayBuffer(4), undefined],
    [
      'a huge frame',
      JSON.stringify({ type: 'chat', text: 'x'.repeat(MAX_CHAT_LENGTH * 7) }),
      undefined,
    ],
  ];
  for (const [name, data, text] of received) {
    test(`decodeChat: ${name} -> ${text === undefined ? 'ignored' : JSON.stringify(text)}`, () => {
      assert.equal(decodeChat(data)?.text, text);
    });
  }
});

describe('gridLayout', () => {
  const cases: [name: string, args: [number, number, number, number], layout: GridLayout][] = [
    [
      'one tile fills a wide area by height',
      [1, 1000, 450, 12],
      { columns: 1, rows: 1, tileWidth: 800, tileHeight: 450 },
    ],
    [
      'one tile fills a tall area by width',
      [1, 400, 800, 12],
      { columns: 1, rows: 1, tileWidth: 400, tileHeight: 225 },
    ],
    [
      'two side by side on a wide stage',
      [2, 852, 538, 12],
      { columns: 2, rows: 1, tileWidth: 420, tileHeight: 236 },
    ],
    [
      'two stacked on a phone',
      [2, 366, 480, 8],
      { columns: 1, rows: 2, tileWidth: 366, tileHeight: 205 },
    ],
    [
      'three in two rows',
      [3, 852, 538, 12],
      { columns: 2, rows: 2, tileWidth: 420, tileHeight: 236 },
    ],
    [
      'four in a square',
      [4, 1000, 600, 10],
      { columns: 2, rows: 2, tileWidth: 495, tileHeight: 278 },
    ],
    [
      'six in three columns',
      [6, 1200, 500, 12],
      { columns: 3, rows: 2, tileWidth: 392, tileHeight: 220 },
    ],
    [
      'zero tiles count as one',
      [0, 800, 450, 0],
      { columns: 1, rows: 1, tileWidth: 800, tileHeight: 450 },
    ],
    [
      'no room at all: zero-size tiles',
      [2, 0, 0, 12],
      { columns: 2, rows: 1, tileWidth: 0, tileHeight: 0 },
    ],
  ];
  for (const [name, [count, width, height, gap], layout] of cases) {
    test(`${name}: ${count} in ${width}x${height}`, () => {
      assert.deepEqual(gridLayout(count, width, height, gap), layout);
    });
  }

  test('the tiles always fit the area', () => {
    for (let count = 1; count <= 6; count++) {
      for (const [width, height] of [
        [1280, 720],
        [366, 500],
        [900, 300],
        [500, 900],
      ] as const) {
        const { columns, rows, tileWidth, tileHeight } = gridLayout(count, width, height, 12);
        assert.ok(columns * rows >= count);
        assert.ok(
          columns * tileWidth + (columns - 1) * 12 <= width + 0.5,
          `${count} in ${width}x${height}`,
        );
        assert.ok(
          rows * tileHeight + (rows - 1) * 12 <= height + 0.5,
          `${count} in ${width}x${height}`,
        );
      }
    }
  });
});

describe('mediaConstraints', () => {
  test('none asks for nothing', () => assert.equal(mediaConstraints('none'), undefined));
  test('fake asks for small video and audio', () => {
    const constraints = mediaConstraints('fake');
    assert.equal(constraints?.audio, true);
    const video = constraints?.video as MediaTrackConstraints | undefined;
    assert.deepEqual(video?.width, { ideal: 320 });
  });
  test('camera asks for HD video and processed audio', () => {
    const constraints = mediaConstraints('camera');
    const video = constraints?.video as MediaTrackConstraints | undefined;
    const audio = constraints?.audio as MediaTrackConstraints | undefined;
    assert.deepEqual(video?.height, { ideal: 720 });
    assert.equal(audio?.echoCancellation, true);
  });
});

describe('memberInfo', () => {
  const member = (presence: Record<string, unknown>) => ({
    peer: 'a1b2c3d4-0000',
    presence,
    version: 1,
    polite: true,
  });
  const cases: [name: string, presence: Record<string, unknown>, expected: object][] = [
    [
      'a full presence',
      { name: 'Ada', audio: true, video: false },
      { name: 'Ada', audio: true, video: false },
    ],
    [
      'no presence: a guest name, media assumed on',
      {},
      { name: 'Guest a1b2', audio: true, video: true },
    ],
    [
      'a name to tidy',
      { name: '  Grace   Hopper ' },
      { name: 'Grace Hopper', audio: true, video: true },
    ],
    ['a blank name', { name: '   ' }, { name: 'Guest a1b2', audio: true, video: true }],
    [
      'a name that is not a string',
      { name: 42, audio: 'no' },
      { name: 'Guest a1b2', audio: true, video: true },
    ],
    ['muted', { name: 'Bob', audio: false }, { name: 'Bob', audio: false, video: true }],
  ];
  for (const [name, presence, expected] of cases) {
    test(name, () => {
      assert.deepEqual(memberInfo(member(presence)), { peer: 'a1b2c3d4-0000', ...expected });
    });
  }
});

describe('initials', () => {
  const cases: [name: string, letters: string][] = [
    ['Ada Lovelace', 'AL'],
    ['Grace Brewster Murray Hopper', 'GH'],
    ['linus', 'LI'],
    ['  bob  ', 'BO'],
    ['Émile Zola', 'ÉZ'],
    ['😀 Smile', '😀S'],
    ['X', 'X'],
    ['', ''],
  ];
  for (const [name, letters] of cases) {
    test(`${JSON.stringify(name)} -> ${JSON.stringify(letters)}`, () =>
      assert.equal(initials(name), letters));
  }
});
