import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'switchboard/sdp';
import type { Capabilities, CodecCapability } from './capabilities.ts';
import {
  capabilitiesFromDescription,
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_SCTP_PORT,
} from './capabilities-from-description.ts';
import { chromiumCapabilities } from './presets/chromium.ts';

const CORPUS = new URL('../../../shared/sdp-corpus/', import.meta.url);
const corpus = (name: string) => readFileSync(new URL(name, CORPUS), 'utf8');
const CHROME_102 = corpus('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp');
const FIREFOX_101 = corpus('webex__ts-sdp/ffox_101_a_v_dc_offer.sdp');

/** Codecs in notation `pt name/clock[/channels]`, the payload type being the preferred one. */
const codecs = (list: CodecCapability[]) =>
  list.map(
    (c) =>
      `${c.preferredPayloadType} ${c.name}/${c.clockRate}${c.channels === undefined ? '' : `/${c.channels}`}`,
  );
const extensions = (caps: Capabilities, kind: 'audio' | 'video') =>
  caps.headerExtensions[kind].map((e) => `${e.preferredId} ${e.uri}`);

const MID = 'urn:ietf:params:rtp-hdrext:sdes:mid';
const AUDIO_LEVEL = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
const ABS_SEND_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time';
const TWCC = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';

describe('from a Chrome 102 offer', () => {
  const caps = capabilitiesFromDescription(CHROME_102);

  test('audio codecs in m= line order with their payload types, channels and fmtp', () => {
    assert.deepEqual(codecs(caps.codecs.audio), [
      '111 opus/48000/2',
      '63 red/48000/2',
      '103 ISAC/16000',
      '104 ISAC/32000',
      '9 G722/8000',
      '0 PCMU/8000',
      '8 PCMA/8000',
      '106 CN/32000',
      '105 CN/16000',
      '13 CN/8000',
      '110 telephone-event/48000',
      '112 telephone-event/32000',
      '113 telephone-event/16000',
      '126 telephone-event/8000',
    ]);
    const opus = caps.codecs.audio[0];
    assert.deepEqual(opus?.parameters, { minptime: '10', useinbandfec: '1' });
    assert.deepEqual(opus?.feedback, ['transport-cc']);
    assert.deepEqual(caps.codecs.audio[1]?.parameters, { '111/111': '' });
  });

  test('video codecs: every H.264 variant and each rtx with its own apt', () => {
    const video = caps.codecs.video;
    assert.equal(video.length, 25);
    assert.deepEqual(
      video.filter((c) => c.name === 'H264').map((c) => c.parameters['profile-level-id']),
      ['42001f', '42001f', '42e01f', '42e01f', '4d001f', '4d001f', '64001f'],
    );
    assert.deepEqual(
      video.filter((c) => c.name === 'rtx').map((c) => c.parameters.apt),
      ['96', '98', '100', '127', '125', '108', '124', '123', '35', '41', '114', '116'],
    );
    assert.deepEqual(video[0]?.feedback, [
      'goog-remb',
      'transport-cc',
      'ccm fir',
      'nack',
      'nack pli',
    ]);
  });

  test('header extensions per kind, with the offered ids', () => {
    assert.deepEqual(extensions(caps, 'audio'), [
      `14 ${AUDIO_LEVEL}`,
      `2 ${ABS_SEND_TIME}`,
      `4 ${TWCC}`,
      `9 ${MID}`,
    ]);
    const video = extensions(caps, 'video');
    assert.equal(video.length, 11);
    assert.ok(video.includes(`9 ${MID}`));
    assert.ok(!video.some((e) => e.endsWith(AUDIO_LEVEL)), 'audio level is audio only');
  });

  test('data channel, extmap-allow-mixed, rtcp-rsize, ICE options', () => {
    assert.deepEqual(caps.dataChannel, { sctpPort: 5000, maxMessageSize: 262144 });
    assert.equal(caps.extmapAllowMixed, true);
    assert.equal(caps.rtcpRsize, true);
    assert.deepEqual(caps.iceOptions, ['trickle']);
  });
});

describe('from a Firefox 101 offer', () => {
  const caps = capabilitiesFromDescription(FIREFOX_101);

  test('audio codecs keep an explicit channel count of 1 as written', () => {
    assert.deepEqual(codecs(caps.codecs.audio), [
      '109 opus/48000/2',
      '9 G722/8000/1',
      '0 PCMU/8000',
      '8 PCMA/8000',
      '101 telephone-event/8000/1',
    ]);
    assert.deepEqual(caps.codecs.audio[0]?.parameters, {
      maxplaybackrate: '48000',
      stereo: '1',
      useinbandfec: '1',
    });
  });

  test('video codecs with fmtp as written (H.264 without packetization-mode stays so)', () => {
    assert.deepEqual(codecs(caps.codecs.video), [
      '120 VP8/90000',
      '124 rtx/90000',
      '121 VP9/90000',
      '125 rtx/90000',
      '126 H264/90000',
      '127 rtx/90000',
      '97 H264/90000',
      '98 rtx/90000',
    ]);
    const h264 = caps.codecs.video.filter((c) => c.name === 'H264').map((c) => c.parameters);
    assert.deepEqual(h264, [
      { 'profile-level-id': '42e01f', 'level-asymmetry-allowed': '1', 'packetization-mode': '1' },
      { 'profile-level-id': '42e01f', 'level-asymmetry-allowed': '1' },
    ]);
    assert.deepEqual(caps.codecs.video[0]?.feedback, [
      'nack',
      'nack pli',
      'ccm fir',
      'goog-remb',
      'transport-cc',
    ]);
  });

  test('header extensions per kind; an extmap direction (6/recvonly) is not part of it', () => {
    assert.deepEqual(extensions(caps, 'audio'), [
      `1 ${AUDIO_LEVEL}`,
      '2 urn:ietf:params:rtp-hdrext:csrc-audio-level',
      `3 ${MID}`,
    ]);
    assert.deepEqual(extensions(caps, 'video'), [
      `3 ${MID}`,
      `4 ${ABS_SEND_TIME}`,
      '5 urn:ietf:params:rtp-hdrext:toffset',
      '6 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay',
      `7 ${TWCC}`,
    ]);
  });

  test('max-message-size 1073741823, no extmap-allow-mixed, session-level ICE options', () => {
    assert.deepEqual(caps.dataChannel, { sctpPort: 5000, maxMessageSize: 1073741823 });
    assert.equal(caps.extmapAllowMixed, false);
    assert.equal(caps.rtcpRsize, true);
    assert.deepEqual(caps.iceOptions, ['trickle']);
  });
});

/** A small description: session lines, then each section's lines. */
function sdp(session: string[], ...sections: string[][]): string {
  const head = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...session];
  return [...head, ...sections.flat(), ''].join('\r\n');
}
const AUDIO = [
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
];
const DATA = [
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=mid:1',
  'a=sctp-port:5000',
];

describe('defaults and data channel limits', () => {
  // name, description, what the capabilities hold
  // biome-ignore format: one case a line, read as a table
  const CASES: [string, string, Partial<Capabilities>][] = [
    ['no application section -> no data channel support', sdp([], AUDIO), { dataChannel: undefined }],
    ['sctp-port without max-message-size -> 65536 (RFC 8841 6)', sdp([], AUDIO, DATA), { dataChannel: { sctpPort: 5000, maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE } }],
    ['max-message-size:0 -> 0 (no limit)', sdp([], [...DATA, 'a=max-message-size:0']), { dataChannel: { sctpPort: 5000, maxMessageSize: 0 } }],
    ['DTLS/SCTP 5001 + a=sctpmap:5001 -> sctpPort 5001', sdp([], ['m=application 9 DTLS/SCTP 5001', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=sctpmap:5001 webrtc-datachannel 1024']), { dataChannel: { sctpPort: 5001, maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE } }],
    ['application without sctp-port -> port 5000', sdp([], DATA.slice(0, 3)), { dataChannel: { sctpPort: DEFAULT_SCTP_PORT, maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE } }],
    ['no ice-options -> trickle', sdp([], AUDIO), { iceOptions: ['trickle'] }],
    ['a=ice-options:trickle renomination -> both', sdp(['a=ice-options:trickle renomination'], AUDIO), { iceOptions: ['trickle', 'renomination'] }],
    ['media-level ice-options -> taken', sdp([], [...AUDIO, 'a=ice-options:renomination']), { iceOptions: ['renomination'] }],
    ['media-level extmap-allow-mixed -> true', sdp([], [...AUDIO, 'a=extmap-allow-mixed']), { extmapAllowMixed: true }],
    ['rtcp-rsize in an audio section -> true', sdp([], [...AUDIO, 'a=rtcp-rsize']), { rtcpRsize: true }],
    ['no rtcp-rsize -> false', sdp([], AUDIO), { rtcpRsize: false }],
    ['a=setup:passive -> dtlsRole active, defaultDirection recvonly, no transceivers', sdp([], [...AUDIO, 'a=setup:passive', 'a=sendonly']), { dtlsRole: 'active', defaultDirection: 'recvonly', transceivers: undefined }],
  ];
  for (const [name, text, expected] of CASES) {
    test(name, () => {
      const caps = capabilitiesFromDescription(text);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(caps[key as keyof Capabilities], value, key);
      }
    });
  }

  test('no RTP sections -> no codecs and no header extensions', () => {
    const caps = capabilitiesFromDescription(sdp([], DATA));
    assert.deepEqual(caps.codecs, { audio: [], video: [] });
    assert.deepEqual(caps.headerExtensions, { audio: [], video: [] });
  });
});

describe('repeated sections', () => {
  const video = (mid: string, pt: number, fmtp: string, extId: number) => [
    `m=video 9 UDP/TLS/RTP/SAVPF ${pt}`,
    'c=IN IP4 0.0.0.0',
    `a=mid:${mid}`,
    `a=extmap:${extId} ${MID}`,
    `a=rtpmap:${pt} H264/90000`,
    `a=fmtp:${pt} ${fmtp}`,
  ];

  test('the same codec in two sections is listed once, under its first payload type', () => {
    const caps = capabilitiesFromDescription(
      sdp(
        [],
        video('0', 102, 'profile-level-id=42e01f', 4),
        video('1', 108, 'profile-level-id=42e01f', 9),
      ),
    );
    assert.deepEqual(codecs(caps.codecs.video), ['102 H264/90000']);
    assert.deepEqual(extensions(caps, 'video'), [`4 ${MID}`]);
  });

  test('the same name with other fmtp is another codec', () => {
    const caps = capabilitiesFromDescription(
      sdp(
        [],
        video('0', 102, 'profile-level-id=42e01f', 4),
        video('1', 108, 'profile-level-id=640c1f', 4),
      ),
    );
    assert.deepEqual(
      caps.codecs.video.map((c) => `${c.preferredPayloadType} ${c.parameters['profile-level-id']}`),
      ['102 42e01f', '108 640c1f'],
    );
  });
});

describe('inputs', () => {
  test('a parsed description gives the same capabilities as its text', () => {
    assert.deepEqual(
      capabilitiesFromDescription(parse(FIREFOX_101)),
      capabilitiesFromDescription(FIREFOX_101),
    );
  });

  test('text is read leniently: a Firefox 35 offer that strict mode rejects still yields codecs', () => {
    const caps = capabilitiesFromDescription(corpus('mozilla__webrtc-sdp/12.sdp'));
    assert.deepEqual(codecs(caps.codecs.video), ['120 VP8/90000', '126 H264/90000']);
    assert.deepEqual(caps.dataChannel, {
      sctpPort: 5000,
      maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE,
    });
  });

  test('chromiumCapabilities() returns a fresh copy each call', () => {
    const a = chromiumCapabilities();
    a.codecs.video.length = 0;
    delete a.dataChannel;
    const b = chromiumCapabilities();
    assert.ok(b.codecs.video.length > 0);
    assert.ok(b.dataChannel);
  });
});
