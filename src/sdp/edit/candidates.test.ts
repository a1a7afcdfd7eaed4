import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSdpParseError } from '../errors.ts';
import type { Candidate } from '../grammar/ice.ts';
import type { MediaSection, SessionDescription } from '../model.ts';
import { parse } from '../parse.ts';
import { serialize } from '../serialize.ts';
import { addCandidate, addEndOfCandidates, removeCandidates } from './candidates.ts';
import { corpusFile, type EditResult, ended, expectEdit } from './harness.test.ts';

const CHROME = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp'); // LF, no candidates
const JSSIP = corpusFile('ibc__libsdptransform/jssip.sdp'); // CRLF, 6 candidates
const JSEP = corpusFile('ibc__libsdptransform/jsep.sdp'); // CRLF, a=end-of-candidates
const WEBEX = corpusFile('webex__ts-sdp/answer_with_extra_candidates.sdp'); // LF, no final LF
const PION = corpusFile('pion__webrtc/rtp-forwarder.sdp'); // no candidates, no final LF

const HOST = 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host generation 0';
const HOST_TYPED: Candidate = {
  foundation: '1',
  component: 1,
  transport: 'udp',
  priority: 2122260223,
  address: '192.0.2.1',
  port: 54400,
  type: 'host',
  generation: 0,
  extensions: [['generation', '0']],
};
const RELAY =
  'a=candidate:3 1 udp 41885439 203.0.113.7 3478 typ relay raddr 198.51.100.2 rport 61000';

interface Case {
  name: string;
  input: string;
  media: number;
  edit: (media: MediaSection, desc: SessionDescription) => unknown;
  removed?: string[];
  added?: string[];
  /** The text of the line the new line must follow. */
  after?: string;
  check?: (r: EditResult) => void;
}

const cases: Case[] = [
  {
    name: 'm=audio (CRLF) + candidate:... -> after the last a=candidate',
    input: JSSIP,
    media: 0,
    edit: (m) => addCandidate(m, HOST),
    added: [`a=${HOST}\r\n`],
    after: 'a=candidate:198437945 2 tcp 1509957375 192.168.34.75 0 typ host generation 0',
  },
  {
    name: 'm=audio without candidates + typed candidate -> at the end of the section',
    input: CHROME,
    media: 1,
    edit: (m) => addCandidate(m, HOST_TYPED),
    added: [`a=${HOST}\n`],
    after: 'a=ssrc:3049737420 label:1b85c8bd-1fb6-4358-a8a7-ea291c6c0f8b',
    check: ({ desc }) => assert.deepEqual(desc.media[1]!.attributes('candidate'), [HOST_TYPED]),
  },
  {
    name: 'm=audio with a=end-of-candidates + a=candidate:... -> before a=end-of-candidates',
    input: JSEP,
    media: 0,
    edit: (m) => addCandidate(m, RELAY),
    added: [`${RELAY}\r\n`],
    after: 'a=candidate:3348148302 2 udp 2113937151 192.0.2.1 56501 typ host',
  },
  {
    name: 'last m=video, unterminated last line + candidate -> appended, the LF moved',
    input: PION,
    media: 1,
    edit: (m) => addCandidate(m, HOST),
    removed: ['a=rtpmap:96 VP8/90000'],
    added: ['a=rtpmap:96 VP8/90000\n', `a=${HOST}`],
  },
  {
    name: 'm=audio (no final newline) + candidate -> before a=rtcp, nothing else moves',
    input: WEBEX,
    media: 1,
    edit: (m) => addCandidate(m, RELAY),
    added: [`${RELAY}\n`],
    after:
      'a=candidate:4 1 xTLS 1795162111 10.224.203.38 443 typ host tcptype passive fingerprint sha-1;C3:C7:01:E9:C0:5D:74:BA:E8:3A:A4:D4:95:F2:75:3A:84:B0:F3:4B',
  },
  {
    name: 'm=audio (no final newline) + end-of-candidates -> after the last candidate',
    input: WEBEX,
    media: 1,
    edit: (m) => addEndOfCandidates(m),
    added: ['a=end-of-candidates\n'],
    after:
      'a=candidate:4 1 xTLS 1795162111 10.224.203.38 443 typ host tcptype passive fingerprint sha-1;C3:C7:01:E9:C0:5D:74:BA:E8:3A:A4:D4:95:F2:75:3A:84:B0:F3:4B',
  },
  {
    name: 'm=video without candidates + end-of-candidates -> at the end of the section',
    input: CHROME,
    media: 0,
    edit: (m) => addEndOfCandidates(m),
    added: ['a=end-of-candidates\n'],
    after: 'a=ssrc:1580161111 label:90332283-0895-446e-ade3-19e313c46e4f',
  },
  {
    name: 'last m=video + end-of-candidates twice -> one line, the LF moved',
    input: PION,
    media: 1,
    edit: (m, d) => addEndOfCandidates(addEndOfCandidates(m, d.eol), d.eol),
    removed: ['a=rtpmap:96 VP8/90000'],
    added: ['a=rtpmap:96 VP8/90000\n', 'a=end-of-candidates'],
  },
  {
    name: 'm=audio with a=end-of-candidates + end-of-candidates -> nothing changes',
    input: JSEP,
    media: 0,
    edit: (m) => addEndOfCandidates(m),
  },
  {
    name: 'm=audio (CRLF) remove tcp candidates -> both tcp lines go',
    input: JSSIP,
    media: 0,
    edit: (m) => removeCandidates(m, (c) => c.transport === 'tcp'),
    removed: ended(
      '\r\n',
      'a=candidate:198437945 1 tcp 1509957375 192.168.34.75 0 typ host generation 0',
      'a=candidate:198437945 2 tcp 1509957375 192.168.34.75 0 typ host generation 0',
    ),
    check: ({ desc }) => assert.equal(desc.media[0]!.attributes('candidate').length, 4),
  },
  {
    name: 'm=video (no final newline) keep only UDP -> TCP and xTLS lines go',
    input: WEBEX,
    media: 0,
    edit: (m) => removeCandidates(m, (c) => c.transport !== 'UDP'),
    removed: ended(
      '\n',
      'a=candidate:2 1 TCP 1962934271 10.224.203.38 5004 typ host tcptype passive',
      'a=candidate:3 1 TCP 1962934015 10.224.203.38 33434 typ host tcptype passive',
      'a=candidate:4 1 xTLS 1795162111 10.224.203.38 443 typ host tcptype passive fingerprint sha-1;C3:C7:01:E9:C0:5D:74:BA:E8:3A:A4:D4:95:F2:75:3A:84:B0:F3:4B',
    ),
  },
  {
    name: 'm=audio remove component 2 (predicate sees the line too)',
    input: JSSIP,
    media: 0,
    edit: (m) => removeCandidates(m, (c, line) => c.component === 2 && line.text.includes(' 2 ')),
    removed: ended(
      '\r\n',
      'a=candidate:1162875081 2 udp 2113937151 192.168.34.75 60017 typ host generation 0',
      'a=candidate:3289912957 2 udp 1845501695 193.84.77.194 60017 typ srflx raddr 192.168.34.75 rport 60017 generation 0',
      'a=candidate:198437945 2 tcp 1509957375 192.168.34.75 0 typ host generation 0',
    ),
  },
];

describe('addCandidate, removeCandidates, addEndOfCandidates', () => {
  for (const c of cases) {
    test(c.name, () => {
      const result = expectEdit(
        c.input,
        (d) => assert.equal(c.edit(d.media[c.media]!, d), d.media[c.media], 'returns it'),
        { removed: c.removed ?? [], added: c.added ?? [] },
      );
      if (c.after !== undefined) {
        const lines = result.desc.media[c.media]!.lines;
        const i = lines.findIndex((l) => l.line === 0);
        assert.equal(lines[i - 1]?.text, c.after);
      }
      c.check?.(result);
    });
  }

  const bad: { name: string; text: string; column: number }[] = [
    { name: "'foo': no candidate: prefix", text: 'foo', column: 1 },
    { name: "'a=foo:1': no candidate: prefix after a=", text: 'a=foo:1', column: 3 },
    {
      name: "priority 'x': column points at it",
      text: 'candidate:1 1 udp x 192.0.2.1 1 typ host',
      column: 19,
    },
    {
      name: "'a=candidate:' with a trailing CRLF: one line only",
      text: `a=${HOST}\r\n`,
      column: 2 + HOST.length + 1,
    },
    { name: "'candidate:' alone (W3C end-of-candidates)", text: 'candidate:', column: 11 },
  ];
  for (const b of bad) {
    test(`${b.name}: SdpParseError SDP_ERR_BAD_VALUE, nothing changes`, () => {
      const desc = parse(JSSIP);
      assert.throws(
        () => addCandidate(desc.media[0]!, b.text),
        (e: unknown) =>
          isSdpParseError(e) && e.code === 'SDP_ERR_BAD_VALUE' && e.column === b.column,
      );
      assert.equal(serialize(desc), JSSIP);
    });
  }

  test('a typed candidate the grammar rejects (port 70000) is a RangeError', () => {
    const desc = parse(JSSIP);
    assert.throws(() => addCandidate(desc.media[0]!, { ...HOST_TYPED, port: 70000 }), RangeError);
    assert.equal(serialize(desc), JSSIP);
  });

  test('removeCandidates needs a predicate', () => {
    const desc = parse(JSSIP);
    const notAFunction = undefined as unknown as () => boolean;
    assert.throws(() => removeCandidates(desc.media[0]!, notAFunction), TypeError);
  });
});
