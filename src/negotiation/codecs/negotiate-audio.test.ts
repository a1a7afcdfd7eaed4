import assert from 'node:assert/strict';
import { test } from 'node:test';
import { negotiateCodecs } from './negotiate.ts';
import { CHROMIUM_AUDIO, notation, offer } from './negotiate-harness.test.ts';

const OPUS = '111 opus/48000/2 minptime=10;useinbandfec=1';

// Chromium 156 answering an audio offer: offered codecs -> answered codecs
const CASES: [string, string[], string[]][] = [
  [
    'opus/48000/2 with red 111/111: both kept',
    [OPUS, '63 red/48000/2 111/111'],
    [OPUS, '63 red/48000/2 111/111'],
  ],
  [
    'red 100 wrapping opus at 109: kept with the offered list',
    ['109 opus/48000/2', '100 red/48000/2 109/109'],
    ['109 opus/48000/2 minptime=10;useinbandfec=1', '100 red/48000/2 109/109'],
  ],
  [
    'red 111/111 when opus/48000 (mono) is not answered: dropped',
    ['111 opus/48000', '63 red/48000/2 111/111', '0'],
    ['0 PCMU/8000'],
  ],
  [
    'red 0/0 wrapping PCMU: dropped (the local red wraps opus)',
    ['111 opus/48000/2', '0', '63 red/48000/2 0/0'],
    [OPUS, '0 PCMU/8000'],
  ],
  [
    'red 111 (one level): kept, RED being declarative',
    ['111 opus/48000/2', '63 red/48000/2 111'],
    [OPUS, '63 red/48000/2 111'],
  ],
  [
    'red 63 without fmtp: kept with the local list (libwebrtc)',
    ['111 opus/48000/2', '63 red/48000/2'],
    [OPUS, '63 red/48000/2 111/111'],
  ],
  ['red 100 without fmtp: dropped', ['111 opus/48000/2', '100 red/48000/2'], [OPUS]],
  [
    'opus/48000/2 stereo=1;sprop-stereo=1: answered with the local fmtp',
    ['111 opus/48000/2 minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1'],
    [OPUS],
  ],
  [
    'opus at 109 with usedtx=1: the offered payload type, the local fmtp',
    ['109 opus/48000/2 usedtx=1'],
    ['109 opus/48000/2 minptime=10;useinbandfec=1'],
  ],
  ['static 0 and 8 without rtpmap: PCMU and PCMA', ['0', '8'], ['0 PCMU/8000', '8 PCMA/8000']],
  ['PCMU/8000/1: answered as PCMU/8000', ['0 PCMU/8000/1'], ['0 PCMU/8000']],
  [
    'PCMU at dynamic 100: dropped (a static codec keeps its number)',
    ['100 PCMU/8000', '8'],
    ['8 PCMA/8000'],
  ],
  [
    'telephone-event/8000 0-15 at 101: answered without fmtp (Chromium has none)',
    ['111 opus/48000/2', '101 telephone-event/8000 0-15'],
    [OPUS, '101 telephone-event/8000'],
  ],
  [
    'G722, CN/8000, CN/16000, iLBC: CN/16000 and iLBC dropped',
    ['9', '13', '105 CN/16000', '102 ILBC/8000'],
    ['9 G722/8000', '13 CN/8000'],
  ],
  [
    'PCMA, opus, telephone-event/48000: answered in offer order',
    ['8', '96 opus/48000/2', '97 telephone-event/48000'],
    ['8 PCMA/8000', '96 opus/48000/2 minptime=10;useinbandfec=1', '97 telephone-event/48000'],
  ],
];

for (const [name, offered, expected] of CASES) {
  test(`audio ${name}`, () => {
    const answer = negotiateCodecs('audio', offer('audio', offered), CHROMIUM_AUDIO);
    assert.deepEqual(answer.map(notation), expected);
  });
}

test('audio answered by Chromium to its own offer: every codec, as offered', () => {
  const answer = negotiateCodecs('audio', CHROMIUM_AUDIO, CHROMIUM_AUDIO);
  assert.deepEqual(answer.map(notation), CHROMIUM_AUDIO.map(notation));
});
