import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeRule, LINE_RULES } from 'switchboard/sdp';
import { type FlagName, SdpWriter } from './sdp-writer.ts';

/** One line each: how it is written, and the text it must produce. */
const CASES: { text: string; write: (w: SdpWriter) => SdpWriter }[] = [
  { text: 'v=0', write: (w) => w.line('v', { version: 0 }) },
  {
    text: 'o=- 7437795834132512687 2 IN IP4 127.0.0.1',
    write: (w) =>
      w.line('o', {
        username: '-',
        sessionId: '7437795834132512687',
        sessionVersion: '2',
        netType: 'IN',
        addrType: 'IP4',
        address: '127.0.0.1',
      }),
  },
  { text: 's=-', write: (w) => w.line('s', { text: '-' }) },
  { text: 't=0 0', write: (w) => w.line('t', { start: '0', stop: '0' }) },
  {
    text: 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
    write: (w) =>
      w.line('m', {
        media: 'audio',
        port: 9,
        protocol: 'UDP/TLS/RTP/SAVPF',
        formats: ['111', '63'],
      }),
  },
  {
    text: 'c=IN IP4 0.0.0.0',
    write: (w) => w.line('c', { netType: 'IN', addrType: 'IP4', address: '0.0.0.0' }),
  },
  {
    text: 'a=rtpmap:111 opus/48000/2',
    write: (w) =>
      w.attribute('rtpmap', {
        payloadType: 111,
        encodingName: 'opus',
        clockRate: 48000,
        channels: 2,
      }),
  },
  {
    text: 'a=rtcp-fb:96 nack pli',
    write: (w) => w.attribute('rtcp-fb', { payloadType: 96, type: 'nack', parameter: 'pli' }),
  },
  {
    text: 'a=fmtp:97 apt=96',
    write: (w) =>
      w.attribute('fmtp', { payloadType: 97, config: 'apt=96', parameters: [{ name: 'apt' }] }),
  },
  {
    text: 'a=group:BUNDLE 0 1',
    write: (w) => w.attribute('group', { semantics: 'BUNDLE', mids: ['0', '1'] }),
  },
  {
    text: 'a=msid-semantic: WMS',
    write: (w) =>
      w.attribute('msid-semantic', {
        leadingSpace: true,
        semantic: 'WMS',
        streamIds: [],
        trailingSpace: false,
      }),
  },
  {
    text: 'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
    write: (w) =>
      w.attribute('extmap', { id: 4, encrypt: false, uri: 'urn:ietf:params:rtp-hdrext:sdes:mid' }),
  },
  { text: 'a=rtcp-mux', write: (w) => w.flag('rtcp-mux') },
  { text: 'a=sendrecv', write: (w) => w.flag('sendrecv') },
  { text: 'a=extmap-allow-mixed', write: (w) => w.flag('extmap-allow-mixed') },
];

for (const c of CASES) {
  test(`writes ${c.text} from its typed value, as the grammar reads it back`, () => {
    const text = c.write(new SdpWriter()).toString();
    assert.equal(text, `${c.text}\r\n`);
    const [type, rest] = [c.text[0] as string, c.text.slice(2)];
    if (type === 'a') {
      const colon = rest.indexOf(':');
      const name = colon < 0 ? rest : rest.slice(0, colon);
      const rule = attributeRule(name);
      assert.ok(rule !== undefined, name);
      if (colon >= 0)
        assert.equal(rule.format(rule.parse(rest.slice(colon + 1))), rest.slice(colon + 1));
    } else {
      const rule = LINE_RULES[type as keyof typeof LINE_RULES] as {
        parse(v: string): unknown;
        format(v: never): string;
      };
      assert.equal(rule.format(rule.parse(rest) as never), rest);
    }
  });
}

test('joins lines with CRLF and ends with one; empty writes nothing', () => {
  const w = new SdpWriter().line('v', { version: 0 }).flag('rtcp-mux');
  assert.equal(w.toString(), 'v=0\r\na=rtcp-mux\r\n');
  assert.equal(w.length, 2);
  assert.equal(new SdpWriter().toString(), '');
});

test('refuses a value attribute written as a flag, and the reverse', () => {
  assert.throws(() => new SdpWriter().flag('mid' as FlagName), RangeError);
  assert.throws(
    () => new SdpWriter().attribute('rtcp-mux' as 'mid', { mid: '0' } as never),
    RangeError,
  );
});
