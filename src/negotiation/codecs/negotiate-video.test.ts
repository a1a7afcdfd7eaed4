import assert from 'node:assert/strict';
import { test } from 'node:test';
import { negotiateCodecs } from './negotiate.ts';
import { CHROMIUM_VIDEO, notation, offer } from './negotiate-harness.test.ts';

const ASYM = 'level-asymmetry-allowed=1';

// Chromium 156 answering a video offer: offered codecs -> answered codecs
const CASES: [string, string[], string[]][] = [
  [
    'H264 640c1f, 42e01f mode 1, 42c01f mode 0, 4d0032, mode 2: high and mode 2 drop',
    [
      `100 H264/90000 ${ASYM};packetization-mode=1;profile-level-id=640c1f`,
      '101 rtx/90000 apt=100',
      `102 H264/90000 ${ASYM};packetization-mode=1;profile-level-id=42e01f`,
      '103 rtx/90000 apt=102',
      `104 H264/90000 ${ASYM};packetization-mode=0;profile-level-id=42c01f`,
      '105 rtx/90000 apt=104',
      '106 H264/90000 packetization-mode=1;profile-level-id=4d0032',
      '107 H264/90000 packetization-mode=2;profile-level-id=42e01f',
    ],
    [
      `102 H264/90000 ${ASYM};packetization-mode=1;profile-level-id=42e01f`,
      '103 rtx/90000 apt=102',
      `104 H264/90000 ${ASYM};packetization-mode=0;profile-level-id=42e01f`,
      '105 rtx/90000 apt=104',
      `106 H264/90000 ${ASYM};packetization-mode=1;profile-level-id=4d001f`,
    ],
  ],
  [
    'H264 42000d without asymmetry: the offered level 1.3',
    ['126 H264/90000 packetization-mode=1;profile-level-id=42000d'],
    [`126 H264/90000 ${ASYM};packetization-mode=1;profile-level-id=42000d`],
  ],
  [
    'H264 420015 with asymmetry: the local level 3.1',
    [`127 H264/90000 ${ASYM};packetization-mode=0;profile-level-id=420015`],
    [`127 H264/90000 ${ASYM};packetization-mode=0;profile-level-id=42001f`],
  ],
  [
    'H264 without profile-level-id: constrained-baseline, answered 42e01f',
    ['97 H264/90000 packetization-mode=1'],
    [`97 H264/90000 ${ASYM};packetization-mode=1;profile-level-id=42e01f`],
  ],
  [
    'Firefox-like offer: every codec in offer order, local fmtp',
    [
      '120 VP8/90000 max-fs=12288;max-fr=60',
      '124 rtx/90000 apt=120',
      '121 VP9/90000 max-fs=12288;max-fr=60',
      '125 rtx/90000 apt=121',
      `126 H264/90000 profile-level-id=42e01f;${ASYM};packetization-mode=1`,
      '127 rtx/90000 apt=126',
      `97 H264/90000 profile-level-id=42e01f;${ASYM}`,
      '98 rtx/90000 apt=97',
      '123 ulpfec/90000',
      '122 red/90000',
      '119 rtx/90000 apt=122',
    ],
    [
      '120 VP8/90000',
      '124 rtx/90000 apt=120',
      '121 VP9/90000 profile-id=0',
      '125 rtx/90000 apt=121',
      `126 H264/90000 ${ASYM};packetization-mode=1;profile-level-id=42e01f`,
      '127 rtx/90000 apt=126',
      `97 H264/90000 ${ASYM};packetization-mode=0;profile-level-id=42e01f`,
      '98 rtx/90000 apt=97',
      '123 ulpfec/90000',
      '122 red/90000',
      '119 rtx/90000 apt=122',
    ],
  ],
  [
    'VP9 profile 2 only: answered from the local profile 2',
    ['98 VP9/90000 profile-id=2', '99 rtx/90000 apt=98'],
    ['98 VP9/90000 profile-id=2', '99 rtx/90000 apt=98'],
  ],
  [
    'VP9 profile 1: dropped with its rtx',
    ['98 VP9/90000 profile-id=1', '99 rtx/90000 apt=98', '96 VP8/90000'],
    ['96 VP8/90000'],
  ],
  [
    'AV1 profile 0 without fmtp: kept with local fmtp; AV1 profile 1: dropped',
    ['35 AV1/90000', '36 rtx/90000 apt=35', '41 AV1/90000 profile=1', '42 rtx/90000 apt=41'],
    ['35 AV1/90000 level-idx=5;profile=0;tier=0', '36 rtx/90000 apt=35'],
  ],
  [
    'rtx with rtx-time: rtx-time taken over',
    ['96 VP8/90000', '97 rtx/90000 apt=96;rtx-time=3000'],
    ['96 VP8/90000', '97 rtx/90000 apt=96;rtx-time=3000'],
  ],
  [
    'rtx for an absent codec, rtx without apt: dropped',
    ['96 VP8/90000', '97 rtx/90000 apt=100', '98 rtx/90000', '99 rtx/90000 apt=96'],
    ['96 VP8/90000', '99 rtx/90000 apt=96'],
  ],
  [
    'two rtx for one codec: the first',
    ['96 VP8/90000', '97 rtx/90000 apt=96', '98 rtx/90000 apt=96'],
    ['96 VP8/90000', '97 rtx/90000 apt=96'],
  ],
  [
    'VP8 offered twice: the first, with its own rtx',
    ['96 VP8/90000', '97 rtx/90000 apt=96', '98 VP8/90000', '99 rtx/90000 apt=98'],
    ['96 VP8/90000', '97 rtx/90000 apt=96'],
  ],
  [
    'VP9 2, VP9, VP8, AV1: answered in offer order',
    ['100 VP9/90000 profile-id=2', '98 VP9/90000', '96 VP8/90000', '45 AV1/90000'],
    [
      '100 VP9/90000 profile-id=2',
      '98 VP9/90000 profile-id=0',
      '96 VP8/90000',
      '45 AV1/90000 level-idx=5;profile=0;tier=0',
    ],
  ],
  [
    'H266, flexfec-03, rtx for H266: unknown to Chromium, dropped',
    [
      '96 VP8/90000',
      '97 H266/90000',
      '98 flexfec-03/90000 repair-window=10000000',
      '99 rtx/90000 apt=97',
    ],
    ['96 VP8/90000'],
  ],
  [
    'vp8 and RTX spelled otherwise: the offer spelling',
    ['96 vp8/90000', '97 RTX/90000 apt=96'],
    ['96 vp8/90000', '97 RTX/90000 apt=96'],
  ],
  [
    'H264 at 39 and AV1 at 45 (lower dynamic range) offered at 110 and 111: by name',
    [`110 H264/90000 ${ASYM};packetization-mode=0;profile-level-id=4d001f`, '111 AV1/90000'],
    [
      `110 H264/90000 ${ASYM};packetization-mode=0;profile-level-id=4d001f`,
      '111 AV1/90000 level-idx=5;profile=0;tier=0',
    ],
  ],
];

for (const [name, offered, expected] of CASES) {
  test(`video ${name}`, () => {
    const answer = negotiateCodecs('video', offer('video', offered), CHROMIUM_VIDEO);
    assert.deepEqual(answer.map(notation), expected);
  });
}

test('video answered by Chromium to its own offer: every codec, as offered', () => {
  const answer = negotiateCodecs('video', CHROMIUM_VIDEO, CHROMIUM_VIDEO);
  assert.deepEqual(
    answer.map(notation),
    CHROMIUM_VIDEO.map((c) => notation(c)),
  );
});
