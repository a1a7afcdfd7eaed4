import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ATTRIBUTE_RULES } from '../grammar/index.ts';
import { LINE_RULES } from '../grammar/lines.ts';
import type { SdpLine } from '../line.ts';
import { parse } from '../parse.ts';
import { corpusFile, ended, expectEdit } from './harness.test.ts';
import {
  createAttributeLine,
  createLine,
  insertionIndex,
  insertLine,
  insertLines,
  removeLines,
  replaceLine,
} from './lines.ts';

const CHROME = 'webex__ts-sdp/chrome_102_a_v_dc_offer.sdp';
const PION = 'pion__webrtc/rtp-forwarder.sdp'; // LF, no final newline, no a=mid
const WEBEX = 'webex__ts-sdp/answer_with_extra_candidates.sdp'; // LF, no final newline, i= b=

const pick = (l: SdpLine) => ({ text: l.text, eol: l.eol, line: l.line, status: l.status });

describe('createAttributeLine', () => {
  for (const rule of ATTRIBUTE_RULES) {
    test(`${rule.example}: format(parse(value)) writes the grammar's example back`, () => {
      const value = rule.flag ? true : rule.parse(rule.example.slice(rule.name.length + 3));
      const line = createAttributeLine(rule.name as 'mid', value as { mid: string }, '\n');
      assert.deepEqual(pick(line), { text: rule.example, eol: '\n', line: 0, status: 'ok' });
      assert.deepEqual(line.value, value);
      assert.equal(line.name, rule.name);
    });
  }

  const cases: { name: string; line: () => SdpLine; text: string; value: unknown }[] = [
    {
      name: "mid {mid: '0'} -> a=mid:0",
      line: () => createAttributeLine('mid', { mid: '0' }),
      text: 'a=mid:0',
      value: { mid: '0' },
    },
    {
      name: 'rtpmap typed -> a=rtpmap:111 opus/48000/2',
      line: () =>
        createAttributeLine('rtpmap', {
          payloadType: 111,
          encodingName: 'opus',
          clockRate: 48000,
          channels: 2,
        }),
      text: 'a=rtpmap:111 opus/48000/2',
      value: { payloadType: 111, encodingName: 'opus', clockRate: 48000, channels: 2 },
    },
    {
      name: 'rtcp-mux true -> a=rtcp-mux (a property attribute)',
      line: () => createAttributeLine('rtcp-mux', true),
      text: 'a=rtcp-mux',
      value: true,
    },
    {
      name: "fmtp as text '111 minptime=10;useinbandfec=1' -> kept as written, typed value read",
      line: () => createAttributeLine('fmtp', '111 minptime=10;useinbandfec=1'),
      text: 'a=fmtp:111 minptime=10;useinbandfec=1',
      value: {
        payloadType: 111,
        config: 'minptime=10;useinbandfec=1',
        parameters: [
          { name: 'minptime', value: '10' },
          { name: 'useinbandfec', value: '1' },
        ],
      },
    },
    {
      name: 'fmtp typed with stale parameters -> value is what the text reads as',
      line: () =>
        createAttributeLine('fmtp', { payloadType: 97, config: 'apt=96', parameters: [] }),
      text: 'a=fmtp:97 apt=96',
      value: { payloadType: 97, config: 'apt=96', parameters: [{ name: 'apt', value: '96' }] },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const line = c.line();
      assert.deepEqual(pick(line), { text: c.text, eol: '\r\n', line: 0, status: 'ok' });
      assert.deepEqual(line.value, c.value);
    });
  }

  test("x-google-flag 'conference' -> a=x-google-flag:conference, status unknown", () => {
    const line = createAttributeLine('x-google-flag', 'conference', '\n');
    assert.deepEqual(pick(line), {
      text: 'a=x-google-flag:conference',
      eol: '\n',
      line: 0,
      status: 'unknown',
    });
    assert.equal(line.name, 'x-google-flag');
    assert.equal(createAttributeLine('x-unknown-flag', undefined).text, 'a=x-unknown-flag');
  });

  const errors: { name: string; create: () => SdpLine; error: ErrorConstructor }[] = [
    {
      name: "rtpmap encodingName 'op us': RangeError (the grammar rejects it)",
      create: () =>
        createAttributeLine('rtpmap', { payloadType: 111, encodingName: 'op us', clockRate: 1 }),
      error: RangeError,
    },
    {
      name: "mid 'a\\r\\nb': RangeError (would split the line)",
      create: () => createAttributeLine('mid', { mid: 'a\r\nb' }),
      error: RangeError,
    },
    {
      name: "ssrc as text 'x cname:y': RangeError",
      create: () => createAttributeLine('ssrc', 'x cname:y'),
      error: RangeError,
    },
    {
      name: "rtcp-mux 'yes': TypeError (a property takes true)",
      create: () => createAttributeLine('rtcp-mux', 'yes'),
      error: TypeError,
    },
    {
      name: 'mid without value: TypeError',
      create: () => createAttributeLine('mid', undefined as unknown as string),
      error: TypeError,
    },
    {
      name: "name 'a b': RangeError",
      create: () => createAttributeLine('a b', 'x'),
      error: RangeError,
    },
    {
      name: "eol '': RangeError (only the edit helpers leave a last line open)",
      create: () => createAttributeLine('rtcp-mux', true, ''),
      error: RangeError,
    },
  ];
  for (const c of errors) test(c.name, () => assert.throws(c.create, c.error));
});

describe('createLine', () => {
  for (const [type, rule] of Object.entries(LINE_RULES)) {
    test(`${rule.example}: format(parse(value)) writes the grammar's example back`, () => {
      const value = (rule as { parse(v: string): unknown }).parse(rule.example.slice(2));
      const line = createLine(type as 'b', value as { type: string; bandwidth: number }, '\n');
      assert.deepEqual(pick(line), { text: rule.example, eol: '\n', line: 0, status: 'ok' });
      assert.deepEqual(line.value, value);
      assert.equal(line.name, undefined);
    });
  }

  test("b {type: 'AS', bandwidth: 300} -> b=AS:300; b as text 'TIAS:64000'", () => {
    assert.equal(createLine('b', { type: 'AS', bandwidth: 300 }).text, 'b=AS:300');
    assert.deepEqual(createLine('b', 'TIAS:64000').value, { type: 'TIAS', bandwidth: 64000 });
  });

  test("m with formats [] -> RangeError; b type 'A S' -> RangeError; type 'x' -> RangeError", () => {
    const media = { media: 'audio', port: 9, protocol: 'RTP/AVP', formats: [] };
    assert.throws(() => createLine('m', media), RangeError);
    assert.throws(() => createLine('b', { type: 'A S', bandwidth: 1 }), RangeError);
    assert.throws(() => createLine('x' as 'b', 'AS:1'), RangeError);
  });
});

describe('insertionIndex: RFC 8866 section 5 order', () => {
  const cases: { name: string; file: string; section: number; type: string; before: string }[] = [
    { name: 'session b= goes before t=', file: CHROME, section: 0, type: 'b', before: 't=0 0' },
    {
      name: 'session b= goes after an existing b=, before t=',
      file: WEBEX,
      section: 0,
      type: 'b',
      before: 't=0 0',
    },
    {
      name: 'session c= goes after s=',
      file: CHROME,
      section: 0,
      type: 'c',
      before: 't=0 0',
    },
    {
      name: 'media b= goes after c=, before the first a=',
      file: CHROME,
      section: 1,
      type: 'b',
      before: 'a=rtcp:9 IN IP4 0.0.0.0',
    },
    {
      name: 'media c= goes right after m= when there is none',
      file: PION,
      section: 1,
      type: 'c',
      before: 'a=rtpmap:111 OPUS/48000/2',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const desc = parse(corpusFile(c.file));
      const section = desc.sections()[c.section]!;
      assert.equal(section.lines[insertionIndex(section, c.type)]?.text, c.before);
    });
  }

  test('a= goes at the end; an unknown type is a RangeError', () => {
    const desc = parse(corpusFile(CHROME));
    assert.equal(insertionIndex(desc.media[0]!, 'a'), desc.media[0]!.lines.length);
    assert.throws(() => insertionIndex(desc.media[0]!, 'v'), RangeError);
  });
});

describe('insertLines, replaceLine, removeLines: a last line without newline stays so', () => {
  test('append after the unterminated last line: it gets the terminator, the new one none', () => {
    expectEdit(
      corpusFile(PION),
      (d) => insertLines(d.media[1]!, 2, [createAttributeLine('rtcp-mux', true, d.eol)]),
      { removed: ['a=rtpmap:96 VP8/90000'], added: ['a=rtpmap:96 VP8/90000\n', 'a=rtcp-mux'] },
    );
  });

  test('insert in the middle of a section: only the new line', () => {
    expectEdit(
      corpusFile(PION),
      (d) => insertLine(d.media[1]!, createLine('c', 'IN IP4 127.0.0.1', d.eol)),
      { added: ['c=IN IP4 127.0.0.1\n'] },
    );
  });

  test('replace the unterminated last line: the replacement stays unterminated', () => {
    expectEdit(
      corpusFile(PION),
      (d) => replaceLine(d.media[1]!, 1, createAttributeLine('rtpmap', '96 VP9/90000', d.eol)),
      { removed: ['a=rtpmap:96 VP8/90000'], added: ['a=rtpmap:96 VP9/90000'] },
    );
  });

  test('replace by identity in a CRLF description keeps CRLF', () => {
    const { desc } = expectEdit(
      corpusFile('ibc__libsdptransform/jssip.sdp'),
      (d) => {
        const max = d.media[0]!.lines.find((l) => l.name === 'maxptime')!;
        replaceLine(d.media[0]!, max, createAttributeLine('maxptime', { value: 120 }, '\n'));
      },
      { removed: ['a=maxptime:60\r\n'], added: ['a=maxptime:120\r\n'] },
    );
    assert.equal(desc.media[0]!.attribute('maxptime')?.value, 120);
  });

  test('remove the unterminated last line: its predecessor loses its terminator', () => {
    expectEdit(corpusFile(WEBEX), (d) => removeLines(d.media[1]!, (l) => l.name === 'rtcp'), {
      removed: ended('\n', ...cand4).concat('a=rtcp:5005 IN IP4 10.224.203.38'),
      added: cand4,
    });
  });

  test('remove lines elsewhere: only those lines', () => {
    expectEdit(
      corpusFile(CHROME),
      (d) => removeLines(d.media[0]!, (l) => l.name === 'extmap' && l.text.includes('toffset')),
      { removed: ['a=extmap:1 urn:ietf:params:rtp-hdrext:toffset\n'] },
    );
  });

  test('bad indexes and foreign lines are RangeErrors', () => {
    const desc = parse(corpusFile(PION));
    const line = createAttributeLine('rtcp-mux', true);
    assert.throws(() => insertLines(desc.media[0]!, 9, [line]), RangeError);
    assert.throws(() => replaceLine(desc.media[0]!, line, line), RangeError);
  });
});

const cand4 = [
  'a=candidate:4 1 xTLS 1795162111 10.224.203.38 443 typ host tcptype passive fingerprint sha-1;C3:C7:01:E9:C0:5D:74:BA:E8:3A:A4:D4:95:F2:75:3A:84:B0:F3:4B',
];
