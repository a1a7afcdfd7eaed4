import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'switchboard/sdp';
import { iceUfrags, summarizeDescription } from '../../web/shared/sdp/summary.ts';
import { seedAnswer } from '../support/seeds.ts';

/** A description with ICE and DTLS at session level, and an rtx, a red and a rejected section. */
const SESSION_LEVEL = [
  'v=0',
  'o=- 1 2 IN IP4 0.0.0.0',
  's=-',
  't=0 0',
  'a=ice-lite',
  'a=ice-ufrag:Sess',
  'a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaaaa',
  `a=fingerprint:sha-256 ${Array.from({ length: 32 }, () => 'AB').join(':')}`,
  'a=setup:passive',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98',
  'c=IN IP4 0.0.0.0',
  'a=mid:v',
  'a=ice-ufrag:Own1',
  'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host',
  'a=end-of-candidates',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:98 red/90000',
  'a=fmtp:98 96/96',
  'm=audio 0 UDP/TLS/RTP/SAVPF 0',
  'c=IN IP4 0.0.0.0',
  'a=mid:a',
  '',
].join('\r\n');

describe('summarizeDescription', () => {
  test('reads the seed answer: kinds, mids, directions, codecs, transport, data channel', () => {
    const s = summarizeDescription(parse(seedAnswer()));
    assert.deepEqual(s.session.groups, ['BUNDLE 0 1 2']);
    assert.equal(s.session.extmapAllowMixed, true);
    assert.deepEqual(
      s.media.map((m) => [m.kind, m.mid, m.direction ?? '-']),
      [
        ['audio', '0', 'recvonly'],
        ['video', '1', 'recvonly'],
        ['application', '2', '-'],
      ],
    );
    assert.deepEqual(
      s.media.map((m) => m.codecs.map((c) => `${c.payloadType} ${c.encoding}`)),
      [['111 opus/48000/2'], ['106 H264/90000'], []],
    );
    const [audio, video, data] = s.media;
    assert.deepEqual(audio?.ufrag, { value: 'D9lK', fromSession: false });
    assert.deepEqual(audio?.setup, { value: 'active', fromSession: false });
    assert.match(audio?.fingerprints?.value[0] ?? '', /^sha-256 9E:65:/);
    assert.deepEqual(audio?.rtcp, ['rtcp-mux']);
    assert.equal(video?.extensions.length, 11);
    assert.deepEqual(video?.codecs[0]?.feedback, [
      'goog-remb',
      'transport-cc',
      'ccm fir',
      'nack',
      'nack pli',
    ]);
    assert.deepEqual(data?.formats, ['webrtc-datachannel']);
    assert.equal(data?.sctpPort, 5000);
    assert.equal(data?.maxMessageSize, 262144);
  });

  test('marks values inherited from the session level, and reads codec roles', () => {
    const s = summarizeDescription(parse(SESSION_LEVEL));
    assert.equal(s.session.iceLite, true);
    const [video, audio] = s.media;
    assert.deepEqual(video?.ufrag, { value: 'Own1', fromSession: false });
    assert.deepEqual(video?.pwd, { value: true, fromSession: true });
    assert.deepEqual(video?.setup, { value: 'passive', fromSession: true });
    assert.deepEqual(
      video?.codecs.map((c) => [c.payloadType, c.role]),
      [
        [96, ''],
        [97, 'rtx of 96 VP8'],
        [98, 'red of 96 VP8'],
      ],
    );
    assert.deepEqual(video?.candidates, [
      { type: 'host', transport: 'udp', address: '10.0.0.1', port: 5000, priority: 2122260223 },
    ]);
    assert.equal(video?.endOfCandidates, true);
    assert.equal(audio?.rejected, true);
    assert.equal(audio?.codecs[0]?.encoding, 'PCMU/8000', 'static payload type 0');
  });
});

describe('iceUfrags', () => {
  const cases: { name: string; sdp: string; expected: string[] }[] = [
    { name: 'a bundled answer has one', sdp: seedAnswer(), expected: ['D9lK'] },
    {
      name: 'session and section ufrags, in order',
      sdp: SESSION_LEVEL,
      expected: ['Sess', 'Own1'],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(iceUfrags(parse(c.sdp)), c.expected));
});
