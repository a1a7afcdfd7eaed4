import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SdpSection, SessionDescription } from '../model.ts';
import { parse } from '../parse.ts';
import { serialize } from '../serialize.ts';
import { setBandwidth } from './bandwidth.ts';
import { corpusFile, type EditResult, expectEdit } from './harness.test.ts';

const CHROME = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp'); // LF, no b=
const WEBEX = corpusFile('webex__ts-sdp/answer_with_extra_candidates.sdp'); // LF, no final LF, b=TIAS
const JSSIP = corpusFile('ibc__libsdptransform/jssip.sdp'); // CRLF
const PION = corpusFile('pion__webrtc/rtp-forwarder.sdp'); // media without c=, no final LF

/** i= and k= at both levels: b= goes between them. */
const WITH_I_AND_K = [
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.1',
  's=-',
  'i=session info',
  't=0 0',
  'm=audio 49170 RTP/AVP 0',
  'i=audio info',
  'k=prompt',
  'a=sendrecv',
  '',
].join('\r\n');

/** Two b=AS lines in one section. */
const TWO_AS = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'm=audio 9 RTP/AVP 0']
  .concat(['c=IN IP4 192.0.2.1', 'b=AS:1', 'b=TIAS:1000', 'b=AS:2', 'a=sendrecv', ''])
  .join('\n');

const SOLE_M_LINE = 'v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 0 RTP/AVP 0';

interface Case {
  name: string;
  input: string;
  section: number;
  type: string;
  value: number | undefined;
  removed?: string[];
  added?: string[];
  eol?: (desc: SessionDescription) => string;
  /** The line the new or replaced b= line must follow. */
  after?: string;
}

const cases: Case[] = [
  {
    name: 'm=video without b= -> b=AS:2000 after c=',
    input: CHROME,
    section: 1,
    type: 'AS',
    value: 2000,
    added: ['b=AS:2000\n'],
    after: 'c=IN IP4 0.0.0.0',
  },
  {
    name: 'session without b= -> b=CT:5000 after s=, before t=',
    input: CHROME,
    section: 0,
    type: 'CT',
    value: 5000,
    added: ['b=CT:5000\n'],
    after: 's=-',
  },
  {
    name: 'm=video b=TIAS:1000000000 -> b=TIAS:2000000 in place (no final newline)',
    input: WEBEX,
    section: 1,
    type: 'TIAS',
    value: 2000000,
    removed: ['b=TIAS:1000000000\n'],
    added: ['b=TIAS:2000000\n'],
    after: 'c=IN IP4 10.224.203.38',
  },
  {
    name: 'session b=TIAS:1021256000 -> b=TIAS:64000 in place',
    input: WEBEX,
    section: 0,
    type: 'TIAS',
    value: 64000,
    removed: ['b=TIAS:1021256000\n'],
    added: ['b=TIAS:64000\n'],
  },
  {
    name: 'm=audio b=TIAS:1000000 -> undefined removes it',
    input: WEBEX,
    section: 2,
    type: 'TIAS',
    value: undefined,
    removed: ['b=TIAS:1000000\n'],
  },
  {
    name: 'm=audio with b=TIAS -> b=AS:64 after it',
    input: WEBEX,
    section: 2,
    type: 'AS',
    value: 64,
    added: ['b=AS:64\n'],
    after: 'b=TIAS:1000000',
  },
  {
    name: 'm=audio (CRLF) -> b=TIAS:64000 after c=',
    input: JSSIP,
    section: 1,
    type: 'TIAS',
    value: 64000,
    added: ['b=TIAS:64000\r\n'],
    after: 'c=IN IP4 193.84.77.194',
  },
  {
    name: 'last m=video without c= -> b=AS:500 right after m=',
    input: PION,
    section: 2,
    type: 'AS',
    value: 500,
    added: ['b=AS:500\n'],
    after: 'm=video 4002 RTP/AVP 96',
  },
  {
    name: 'sole unterminated m= line, eol desc.eol -> b=AS:64 after it with the LF moved',
    input: SOLE_M_LINE,
    section: 1,
    type: 'AS',
    value: 64,
    eol: (d) => d.eol,
    removed: ['m=audio 0 RTP/AVP 0'],
    added: ['m=audio 0 RTP/AVP 0\n', 'b=AS:64'],
  },
  {
    name: 'm= i= k= -> b=AS:64 between i= and k=',
    input: WITH_I_AND_K,
    section: 1,
    type: 'AS',
    value: 64,
    added: ['b=AS:64\r\n'],
    after: 'i=audio info',
  },
  {
    name: 'session i= t= -> b=AS:64 between i= and t=',
    input: WITH_I_AND_K,
    section: 0,
    type: 'AS',
    value: 64,
    added: ['b=AS:64\r\n'],
    after: 'i=session info',
  },
  {
    name: 'b=AS:1 b=TIAS:1000 b=AS:2 -> b=AS:3 replaces the first, drops the second',
    input: TWO_AS,
    section: 1,
    type: 'AS',
    value: 3,
    removed: ['b=AS:1\n', 'b=AS:2\n'],
    added: ['b=AS:3\n'],
    after: 'c=IN IP4 192.0.2.1',
  },
  {
    name: 'b=AS:1 b=TIAS:1000 b=AS:2 -> AS undefined removes both, TIAS stays',
    input: TWO_AS,
    section: 1,
    type: 'AS',
    value: undefined,
    removed: ['b=AS:1\n', 'b=AS:2\n'],
  },
  {
    name: 'b=TIAS:1000000000 -> the same value changes nothing',
    input: WEBEX,
    section: 1,
    type: 'TIAS',
    value: 1000000000,
  },
  {
    name: 'no b=AS -> undefined changes nothing',
    input: CHROME,
    section: 1,
    type: 'AS',
    value: undefined,
  },
];

function check(c: Case, { desc, reparsed }: EditResult): void {
  const typed = (s: SdpSection) => s.bandwidths.filter((b) => b.type === c.type);
  const section = desc.sections()[c.section]!;
  const expected = c.value === undefined ? [] : [{ type: c.type, bandwidth: c.value }];
  assert.deepEqual(typed(section), expected);
  assert.deepEqual(typed(reparsed.sections()[c.section]!), expected);
  if (c.after !== undefined) {
    const i = section.lines.findIndex((l) => l.type === 'b' && l.text.startsWith(`b=${c.type}:`));
    assert.equal(section.lines[i - 1]?.text, c.after);
  }
}

describe('setBandwidth', () => {
  for (const c of cases) {
    test(c.name, () => {
      const result = expectEdit(
        c.input,
        (d) => {
          const section = d.sections()[c.section]!;
          assert.equal(setBandwidth(section, c.type, c.value, c.eol?.(d)), section);
        },
        { removed: c.removed ?? [], added: c.added ?? [] },
      );
      check(c, result);
    });
  }

  const errors: { name: string; type: string; value: number }[] = [
    { name: "type 'A S'", type: 'A S', value: 1 },
    { name: "type ''", type: '', value: 1 },
    { name: 'value -1', type: 'AS', value: -1 },
    { name: 'value 1.5', type: 'AS', value: 1.5 },
    { name: 'value NaN', type: 'AS', value: Number.NaN },
  ];
  for (const e of errors) {
    test(`${e.name}: RangeError, nothing changes`, () => {
      const desc = parse(WEBEX);
      assert.throws(() => setBandwidth(desc.media[0]!, e.type, e.value), RangeError);
      assert.equal(serialize(desc), WEBEX);
    });
  }
});
