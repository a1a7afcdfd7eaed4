import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'switchboard/sdp';
import { CHROMIUM_156_OFFER } from '../presets/chromium-156-offer.ts';
import { codecsOfSection } from './codecs-of-section.ts';

const chromium = parse(CHROMIUM_156_OFFER);

test('Chromium 156 audio: eight codecs in m= line order, payload type also preferred', () => {
  const audio = codecsOfSection(chromium.media[0]!);
  assert.deepEqual(
    audio.map(
      (c) => `${c.payloadType} ${c.name}/${c.clockRate}${c.channels ? `/${c.channels}` : ''}`,
    ),
    [
      '111 opus/48000/2',
      '63 red/48000/2',
      '9 G722/8000',
      '0 PCMU/8000',
      '8 PCMA/8000',
      '13 CN/8000',
      '110 telephone-event/48000',
      '126 telephone-event/8000',
    ],
  );
  assert.ok(audio.every((c) => c.preferredPayloadType === c.payloadType));
  assert.deepEqual(audio[0]?.parameters, { minptime: '10', useinbandfec: '1' });
  assert.deepEqual(audio[0]?.feedback, ['transport-cc']);
  assert.deepEqual(audio[1]?.parameters, { '111/111': '' });
});

test('Chromium 156 video: 23 codecs, rtx with apt, rtcp-fb per codec', () => {
  const video = codecsOfSection(chromium.media[1]!);
  assert.equal(video.length, 23);
  assert.deepEqual(video[1], {
    payloadType: 97,
    name: 'rtx',
    clockRate: 90000,
    parameters: { apt: '96' },
    feedback: [],
    preferredPayloadType: 97,
  });
  assert.deepEqual(video[0]?.feedback, [
    'goog-remb',
    'transport-cc',
    'ccm fir',
    'nack',
    'nack pli',
  ]);
});

test('a format without rtpmap outside the static table is left out; a static one is named', () => {
  const sdp = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 96 0 97',
    'c=IN IP4 0.0.0.0',
    'a=rtpmap:97 opus/48000/2',
    '',
  ].join('\r\n');
  const codecs = codecsOfSection(parse(sdp).media[0]!);
  assert.deepEqual(
    codecs.map((c) => `${c.payloadType} ${c.name}`),
    ['0 PCMU', '97 opus'],
  );
});
