import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodecCapability } from '../capabilities.ts';
import { negotiateCodecs } from './negotiate.ts';
import { CHROMIUM_AUDIO, CHROMIUM_VIDEO, notation, offer } from './negotiate-harness.test.ts';

// offered rtcp-fb for VP8 96 -> answered rtcp-fb (local order and spelling)
const FEEDBACK: [string, string[], string[]][] = [
  [
    'nack, NACK PLI, goog-remb, ccm fir, x-unknown: the common ones in local order',
    ['nack', 'NACK PLI', 'goog-remb', 'ccm fir', 'x-unknown'],
    ['goog-remb', 'ccm fir', 'nack', 'nack pli'],
  ],
  ['none: none', [], []],
  [
    'every local one via *: all',
    ['*:goog-remb', '*:transport-cc', '*:ccm fir', '*:nack', '*:nack pli'],
    ['goog-remb', 'transport-cc', 'ccm fir', 'nack', 'nack pli'],
  ],
  ['ccm tmmbr, nack sli: none (not the same parameters)', ['ccm tmmbr', 'nack sli'], []],
];

for (const [name, offered, expected] of FEEDBACK) {
  test(`rtcp-fb ${name}`, () => {
    const lines = offered.map((fb) =>
      fb.startsWith('*:') ? `a=rtcp-fb:* ${fb.slice(2)}` : `a=rtcp-fb:96 ${fb}`,
    );
    const [vp8] = negotiateCodecs(
      'video',
      offer('video', ['96 VP8/90000', ...lines]),
      CHROMIUM_VIDEO,
    );
    assert.deepEqual(vp8?.feedback, expected);
  });
}

test('rtcp-fb of opus without transport-cc: none', () => {
  const [opus] = negotiateCodecs('audio', offer('audio', ['111 opus/48000/2']), CHROMIUM_AUDIO);
  assert.deepEqual(opus?.feedback, []);
});

test('keepOfferOrder false: the answer follows the local order', () => {
  const offered = offer('video', [
    '98 VP9/90000',
    '99 rtx/90000 apt=98',
    '96 VP8/90000',
    '97 rtx/90000 apt=96',
  ]);
  const answer = negotiateCodecs('video', offered, CHROMIUM_VIDEO, { keepOfferOrder: false });
  assert.deepEqual(answer.map(notation), [
    '96 VP8/90000',
    '97 rtx/90000 apt=96',
    '98 VP9/90000 profile-id=0',
    '99 rtx/90000 apt=98',
  ]);
});

/** Codec preferences (W3C RTCRtpCodec) carry no payload types, and rtx no apt. */
const PREFERENCES: CodecCapability[] = [
  { name: 'VP8', clockRate: 90000, parameters: {}, feedback: ['nack'] },
  {
    name: 'H264',
    clockRate: 90000,
    parameters: { 'profile-level-id': '42e01f', 'packetization-mode': '1' },
    feedback: [],
  },
  { name: 'rtx', clockRate: 90000, parameters: {}, feedback: [] },
];

test('an rtx without apt answers the rtx of every answered codec', () => {
  const offered = offer('video', [
    '100 H264/90000 packetization-mode=1;profile-level-id=42e01f',
    '101 rtx/90000 apt=100;rtx-time=200',
    '96 VP8/90000',
    '97 rtx/90000 apt=96',
    '98 VP9/90000',
    '99 rtx/90000 apt=98',
  ]);
  const inOfferOrder = negotiateCodecs('video', offered, PREFERENCES).map(notation);
  assert.deepEqual(inOfferOrder, [
    '100 H264/90000 packetization-mode=1;profile-level-id=42e01f',
    '101 rtx/90000 apt=100;rtx-time=200',
    '96 VP8/90000',
    '97 rtx/90000 apt=96',
  ]);
  const inLocalOrder = negotiateCodecs('video', offered, PREFERENCES, { keepOfferOrder: false });
  assert.deepEqual(inLocalOrder.map(notation), [
    '96 VP8/90000',
    '97 rtx/90000 apt=96',
    '100 H264/90000 packetization-mode=1;profile-level-id=42e01f',
    '101 rtx/90000 apt=100;rtx-time=200',
  ]);
});

test('a red without payload type or list answers the offered red of an answered opus', () => {
  const local: CodecCapability[] = [
    { name: 'opus', clockRate: 48000, channels: 2, parameters: {}, feedback: [] },
    { name: 'red', clockRate: 48000, channels: 2, parameters: {}, feedback: [] },
  ];
  const answered = (lines: string[]) =>
    negotiateCodecs('audio', offer('audio', lines), local).map(notation);
  assert.deepEqual(answered(['111 opus/48000/2', '63 red/48000/2 111/111']), [
    '111 opus/48000/2',
    '63 red/48000/2 111/111',
  ]);
  assert.deepEqual(answered(['63 red/48000/2 111/111']), []);
});

test('the answer writes fmtp as libwebrtc does: a bare piece first, then by name', () => {
  const local: CodecCapability[] = [
    {
      name: 'H264',
      clockRate: 90000,
      parameters: { 'profile-level-id': '42e01f', 'packetization-mode': '1', 'x-google-min': '1' },
      feedback: [],
    },
  ];
  const [h264] = negotiateCodecs(
    'video',
    offer('video', ['100 H264/90000 packetization-mode=1']),
    local,
  );
  assert.deepEqual(Object.keys(h264?.parameters ?? {}), [
    'packetization-mode',
    'profile-level-id',
    'x-google-min',
  ]);
});

test('negotiateCodecs leaves its inputs as they were', () => {
  const offered = offer('video', [
    '102 H264/90000 packetization-mode=1;profile-level-id=42c01f',
    '103 rtx/90000 apt=102',
  ]);
  const before = structuredClone([offered, CHROMIUM_VIDEO]);
  const answer = negotiateCodecs('video', offered, CHROMIUM_VIDEO);
  assert.deepEqual([offered, CHROMIUM_VIDEO], before);
  const [h264] = answer;
  assert.ok(h264);
  h264.feedback.push('changed');
  h264.parameters.changed = '1';
  assert.deepEqual([offered, CHROMIUM_VIDEO], before);
});

test('an empty offer or an empty local list answers nothing', () => {
  assert.deepEqual(negotiateCodecs('audio', [], CHROMIUM_AUDIO), []);
  assert.deepEqual(negotiateCodecs('audio', CHROMIUM_AUDIO, []), []);
});
