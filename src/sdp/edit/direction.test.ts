import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Direction } from '../grammar/rtp.ts';
import type { SessionDescription } from '../model.ts';
import { parse } from '../parse.ts';
import { setDirection } from './direction.ts';
import { corpusFile, type EditResult, expectEdit } from './harness.test.ts';

const CHROME = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp'); // LF
const EXTRA = corpusFile('webex__ts-sdp/offer_with_extra_codecs.sdp'); // LF, no final newline
const JSSIP = corpusFile('ibc__libsdptransform/jssip.sdp'); // CRLF
const PION = corpusFile('pion__webrtc/rtp-forwarder.sdp'); // no a=mid, no direction, no final LF

/** Two direction lines in one section: lenient peers send this. */
const TWO_DIRECTIONS = [
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.1',
  's=-',
  't=0 0',
  'm=audio 9 RTP/AVP 0',
  'a=mid:a',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=inactive',
  '',
].join('\r\n');

/** A last section that is only its m= line, without final newline: it holds no terminator. */
const SOLE_M_LINE = 'v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 0 RTP/AVP 0';

interface Case {
  name: string;
  input: string;
  section: number;
  direction: Direction;
  removed?: string[];
  added?: string[];
  eol?: (desc: SessionDescription) => string;
  check?: (r: EditResult) => void;
}

const cases: Case[] = [
  {
    name: 'm=video a=sendrecv -> a=recvonly (LF)',
    input: CHROME,
    section: 1,
    direction: 'recvonly',
    removed: ['a=sendrecv\n'],
    added: ['a=recvonly\n'],
    check: ({ desc }) => assert.equal(desc.media[1]!.direction, 'sendrecv', 'audio untouched'),
  },
  {
    name: 'm=audio a=sendrecv -> a=inactive (CRLF)',
    input: JSSIP,
    section: 1,
    direction: 'inactive',
    removed: ['a=sendrecv\r\n'],
    added: ['a=inactive\r\n'],
  },
  {
    name: 'm=audio a=sendrecv -> a=sendonly (LF, no final newline)',
    input: EXTRA,
    section: 2,
    direction: 'sendonly',
    removed: ['a=sendrecv\n'],
    added: ['a=sendonly\n'],
  },
  {
    name: 'm=application without direction -> a=sendrecv after a=mid:2',
    input: CHROME,
    section: 3,
    direction: 'sendrecv',
    added: ['a=sendrecv\n'],
    check: ({ desc }) => {
      const lines = desc.media[2]!.lines;
      const mid = lines.findIndex((l) => l.text === 'a=mid:2');
      assert.equal(lines[mid + 1]!.text, 'a=sendrecv');
    },
  },
  {
    name: 'last m=video without a=mid -> a=recvonly appended; the old last line gets the LF',
    input: PION,
    section: 2,
    direction: 'recvonly',
    removed: ['a=rtpmap:96 VP8/90000'],
    added: ['a=rtpmap:96 VP8/90000\n', 'a=recvonly'],
  },
  {
    name: 'm=audio without a=mid (not last) -> a=sendonly at the end of its section',
    input: PION,
    section: 1,
    direction: 'sendonly',
    added: ['a=sendonly\n'],
    check: ({ desc }) => assert.equal(desc.media[0]!.lines.at(-1)!.text, 'a=sendonly'),
  },
  {
    name: 'session without direction -> a=inactive at the end of the session part',
    input: CHROME,
    section: 0,
    direction: 'inactive',
    added: ['a=inactive\n'],
    check: ({ desc }) => {
      assert.equal(desc.session.direction, 'inactive');
      assert.equal(desc.session.lines.at(-1)!.text, 'a=inactive');
    },
  },
  {
    name: 'sole unterminated m= line, eol desc.eol -> a=inactive after it with the LF moved',
    input: SOLE_M_LINE,
    section: 1,
    direction: 'inactive',
    eol: (d) => d.eol,
    removed: ['m=audio 0 RTP/AVP 0'],
    added: ['m=audio 0 RTP/AVP 0\n', 'a=inactive'],
  },
  {
    name: 'm=video a=sendrecv -> a=sendrecv changes nothing',
    input: CHROME,
    section: 1,
    direction: 'sendrecv',
  },
  {
    name: 'a=sendrecv ... a=inactive -> a=recvonly replaces the first, drops the second',
    input: TWO_DIRECTIONS,
    section: 1,
    direction: 'recvonly',
    removed: ['a=sendrecv\r\n', 'a=inactive\r\n'],
    added: ['a=recvonly\r\n'],
    check: ({ desc }) => assert.equal(desc.media[0]!.lines[2]!.text, 'a=recvonly'),
  },
];

describe('setDirection', () => {
  for (const c of cases) {
    test(c.name, () => {
      const result = expectEdit(
        c.input,
        (d) => {
          const section = d.sections()[c.section]!;
          assert.equal(setDirection(section, c.direction, c.eol?.(d)), section, 'returns it');
        },
        { removed: c.removed ?? [], added: c.added ?? [] },
      );
      assert.equal(result.reparsed.sections()[c.section]!.direction, c.direction);
      c.check?.(result);
    });
  }

  test('an unchanged direction line stays the same object', () => {
    const desc = parse(CHROME);
    const before = desc.media[0]!.lines.find((l) => l.name === 'sendrecv');
    setDirection(desc.media[0]!, 'sendrecv');
    assert.equal(
      desc.media[0]!.lines.find((l) => l.name === 'sendrecv'),
      before,
    );
  });

  test("'sendrcv' is a RangeError and changes nothing", () => {
    const desc = parse(CHROME);
    assert.throws(() => setDirection(desc.media[0]!, 'sendrcv' as Direction), RangeError);
    assert.equal(desc.media[0]!.direction, 'sendrecv');
  });
});
