/**
 * The call page's URL handling (web/pages/call/params.ts) as tables: query parameters,
 * room and display name normalisation, the shareable link, the signaling URL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CallParams,
  callLink,
  MAX_NAME_LENGTH,
  MAX_ROOM_LENGTH,
  normalizeDisplayName,
  normalizeRoomName,
  parseCallParams,
  randomRoomName,
  searchWithRoom,
  signalingUrl,
} from '../../web/pages/call/params.ts';

const DEFAULTS: CallParams = {
  room: undefined,
  name: undefined,
  autojoin: false,
  media: 'camera',
  iceTransportPolicy: 'all',
  token: undefined,
};

describe('parseCallParams', () => {
  const cases: [search: string, hash: string, expected: Partial<CallParams>][] = [
    ['', '', {}],
    ['?room=standup', '', { room: 'standup' }],
    ['?room=design%20review', '', { room: 'design-review' }],
    ['?room=%20%20', '', {}],
    ['?room=a/b?c', '', { room: 'abc' }],
    ['?name=%20Ada%20%20Lovelace%20', '', { name: 'Ada Lovelace' }],
    ['?autojoin=1', '', { autojoin: true }],
    ['?autojoin=true', '', { autojoin: true }],
    ['?autojoin=YES', '', { autojoin: true }],
    ['?autojoin=0', '', {}],
    ['?autojoin', '', {}],
    ['?media=fake', '', { media: 'fake' }],
    ['?media=none', '', { media: 'none' }],
    ['?media=camera', '', { media: 'camera' }],
    ['?media=screen', '', {}],
    ['?ice=relay', '', { iceTransportPolicy: 'relay' }],
    ['?ice=all', '', {}],
    ['?ice=RELAY', '', {}],
    ['', '#token=abc.def.ghi', { token: 'abc.def.ghi' }],
    ['', '#token=', {}],
    ['?token=in-the-query', '', {}],
    [
      '?room=r1&name=Bob&autojoin=1&media=none&ice=relay',
      '#token=t',
      {
        room: 'r1',
        name: 'Bob',
        autojoin: true,
        media: 'none',
        iceTransportPolicy: 'relay',
        token: 't',
      },
    ],
  ];
  for (const [search, hash, expected] of cases) {
    test(`${search || '(no query)'}${hash} -> ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseCallParams(search, hash), { ...DEFAULTS, ...expected });
    });
  }
});

describe('normalizeRoomName', () => {
  const cases: [text: string, room: string | undefined][] = [
    ['standup', 'standup'],
    ['  Design Review  ', 'Design-Review'],
    ['a  b\tc', 'a-b-c'],
    ['team.v2_final-3', 'team.v2_final-3'],
    ['café', 'café'],
    ['会議室', '会議室'],
    ['<script>', 'script'],
    ['!!!', undefined],
    ['', undefined],
    ['x'.repeat(100), 'x'.repeat(MAX_ROOM_LENGTH)],
  ];
  for (const [text, room] of cases) {
    test(`${JSON.stringify(text.slice(0, 20))} -> ${room === undefined ? 'none' : JSON.stringify(room.slice(0, 20))}`, () => {
      assert.equal(normalizeRoomName(text), room);
    });
  }
});

describe('normalizeDisplayName', () => {
  const cases: [text: string, name: string | undefined][] = [
    ['Ada', 'Ada'],
    ['  Grace   Hopper ', 'Grace Hopper'],
    ['', undefined],
    ['   ', undefined],
    ['n'.repeat(60), 'n'.repeat(MAX_NAME_LENGTH)],
    [`${'a'.repeat(MAX_NAME_LENGTH - 1)} b`, 'a'.repeat(MAX_NAME_LENGTH - 1)],
  ];
  for (const [text, name] of cases) {
    test(`${JSON.stringify(text.slice(0, 20))} -> ${name === undefined ? 'none' : JSON.stringify(name.slice(0, 20))}`, () => {
      assert.equal(normalizeDisplayName(text), name);
    });
  }
});

describe('links', () => {
  const links: [origin: string, room: string, link: string][] = [
    ['http://127.0.0.1:8080', 'standup', 'http://127.0.0.1:8080/?room=standup'],
    ['https://calls.example', 'café', 'https://calls.example/?room=caf%C3%A9'],
  ];
  for (const [origin, room, link] of links) {
    test(`callLink(${origin}, ${room}) -> ${link}`, () =>
      assert.equal(callLink(origin, room), link));
  }

  const searches: [search: string, room: string, result: string][] = [
    ['', 'r1', '?room=r1'],
    ['?room=old&media=fake', 'r1', '?room=r1&media=fake'],
    ['?autojoin=1&name=Bob', 'r 2', '?name=Bob&room=r+2'],
  ];
  for (const [search, room, result] of searches) {
    test(`searchWithRoom(${search || '""'}, ${room}) -> ${result}`, () => {
      assert.equal(searchWithRoom(search, room), result);
    });
  }

  const urls: [protocol: string, host: string, url: string][] = [
    ['http:', '127.0.0.1:8080', 'ws://127.0.0.1:8080/v1/ws'],
    ['https:', 'calls.example', 'wss://calls.example/v1/ws'],
    ['http:', '[::1]:9000', 'ws://[::1]:9000/v1/ws'],
  ];
  for (const [protocol, host, url] of urls) {
    test(`signalingUrl(${protocol}//${host}) -> ${url}`, () => {
      assert.equal(signalingUrl({ protocol, host }), url);
    });
  }

  test('randomRoomName makes URL-safe names that normalise to themselves', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const names = new Set(Array.from({ length: 50 }, () => randomRoomName(random)));
    assert.ok(names.size > 45);
    for (const name of names) {
      assert.match(name, /^room-[a-z2-9]{6}$/);
      assert.equal(normalizeRoomName(name), name);
    }
  });
});
