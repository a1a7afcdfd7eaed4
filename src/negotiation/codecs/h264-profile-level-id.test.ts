import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatH264ProfileLevelId,
  H264_LEVELS,
  H264_PROFILES,
  type H264Level,
  type H264Profile,
  h264ProfileLevelIdForAnswer,
  h264ProfileLevelIdOf,
  parseH264ProfileLevelId,
} from './h264-profile-level-id.ts';

// profile-level-id -> profile level, or undefined when libwebrtc does not understand it
const PARSE: [string, `${H264Profile} ${H264Level}` | undefined][] = [
  ['42e01f', 'constrained-baseline 3.1'],
  ['42c01f', 'constrained-baseline 3.1'],
  ['42401f', 'constrained-baseline 3.1'],
  ['42E01F', 'constrained-baseline 3.1'],
  ['4de01f', 'constrained-baseline 3.1'],
  ['58c01f', 'constrained-baseline 3.1'],
  ['42001f', 'baseline 3.1'],
  ['42801f', 'baseline 3.1'],
  ['58801f', 'baseline 3.1'],
  ['4d001f', 'main 3.1'],
  ['4d401f', 'main 3.1'],
  ['640c1f', 'constrained-high 3.1'],
  ['64001f', 'high 3.1'],
  ['f4001f', 'predictive-high-444 3.1'],
  ['42e00a', 'constrained-baseline 1'],
  ['42f00b', 'constrained-baseline 1b'],
  ['42100b', 'baseline 1b'],
  ['4d100b', 'main 1b'],
  ['42e00b', 'constrained-baseline 1.1'],
  ['42e034', 'constrained-baseline 5.2'],
  ['640c2a', 'constrained-high 4.2'],
  ['58001f', undefined], // extended profile proper: not in libwebrtc's table
  ['64081f', undefined], // high with an unknown constraint flag
  ['6e001f', undefined], // high 10
  ['42e000', undefined], // level_idc 0
  ['42e009', undefined], // level 1b of the high profiles
  ['42e035', undefined], // level 5.3 is unknown
  ['42e03c', undefined], // level 6
  ['000000', undefined],
  ['42e01', undefined],
  ['42e01f0', undefined],
  ['42e0zz', undefined],
  ['0x42e0', undefined],
  ['-bffe1', undefined], // strtol would read predictive-high-444 3.1
  [' 42e01', undefined],
  ['', undefined],
];

for (const [text, expected] of PARSE) {
  test(`profile-level-id ${text || '(empty)'} -> ${expected ?? 'not understood'}`, () => {
    const id = parseH264ProfileLevelId(text);
    assert.equal(id && `${id.profile} ${id.level}`, expected);
  });
}

// profile level -> canonical profile-level-id
const FORMAT: [H264Profile, H264Level, string | undefined][] = [
  ['constrained-baseline', '3.1', '42e01f'],
  ['baseline', '3.1', '42001f'],
  ['main', '3.1', '4d001f'],
  ['constrained-high', '3.1', '640c1f'],
  ['high', '3.1', '64001f'],
  ['predictive-high-444', '3.1', 'f4001f'],
  ['constrained-baseline', '1', '42e00a'],
  ['constrained-baseline', '1.1', '42e00b'],
  ['high', '5.2', '640034'],
  ['constrained-baseline', '1b', '42f00b'],
  ['baseline', '1b', '42100b'],
  ['main', '1b', '4d100b'],
  ['high', '1b', undefined],
  ['constrained-high', '1b', undefined],
  ['predictive-high-444', '1b', undefined],
];

for (const [profile, level, expected] of FORMAT) {
  test(`${profile} ${level} -> profile-level-id ${expected ?? 'none'}`, () => {
    assert.equal(formatH264ProfileLevelId({ profile, level }), expected);
  });
}

test('every writable profile and level reads back as itself', () => {
  for (const profile of H264_PROFILES) {
    for (const [level] of H264_LEVELS) {
      const text = formatH264ProfileLevelId({ profile, level });
      if (text === undefined) continue;
      assert.deepEqual(parseH264ProfileLevelId(text), { profile, level }, text);
      assert.equal(formatH264ProfileLevelId(parseH264ProfileLevelId(text)!), text);
    }
  }
});

test('profile-level-id absent -> constrained-baseline 3.1 (libwebrtc, not RFC 6184 baseline 1)', () => {
  assert.deepEqual(h264ProfileLevelIdOf({}), { profile: 'constrained-baseline', level: '3.1' });
  assert.equal(h264ProfileLevelIdOf({ 'profile-level-id': 'zz' }), undefined);
});

const ASYM = 'level-asymmetry-allowed';

// local fmtp x offered fmtp -> answer profile-level-id (RFC 6184 8.2.2)
const ANSWER: [string, Record<string, string>, Record<string, string>, string | undefined][] = [
  [
    'asymmetry both, local higher: local level',
    { [ASYM]: '1', 'profile-level-id': '42e01f' },
    { [ASYM]: '1', 'profile-level-id': '42e00d' },
    '42e01f',
  ],
  [
    'asymmetry both, local lower: local level',
    { [ASYM]: '1', 'profile-level-id': '42e00d' },
    { [ASYM]: '1', 'profile-level-id': '42e01f' },
    '42e00d',
  ],
  [
    'asymmetry local only, local higher: offered level',
    { [ASYM]: '1', 'profile-level-id': '42e01f' },
    { 'profile-level-id': '42e00d' },
    '42e00d',
  ],
  [
    'asymmetry offer only, local higher: offered level',
    { 'profile-level-id': '640c34' },
    { [ASYM]: '1', 'profile-level-id': '640c1f' },
    '640c1f',
  ],
  [
    'asymmetry none, local lower: local level',
    { 'profile-level-id': '4d0015' },
    { 'profile-level-id': '4d0028' },
    '4d0015',
  ],
  [
    'level-asymmetry-allowed=0 both, local higher: offered level',
    { [ASYM]: '0', 'profile-level-id': '42001f' },
    { [ASYM]: '0', 'profile-level-id': '42000d' },
    '42000d',
  ],
  [
    'asymmetry none, local 1b vs offered 1.1: 1b',
    { 'profile-level-id': '42f00b' },
    { 'profile-level-id': '42e00b' },
    '42f00b',
  ],
  [
    'asymmetry none, local 1.1 vs offered 1: 1',
    { 'profile-level-id': '42e00b' },
    { 'profile-level-id': '42e00a' },
    '42e00a',
  ],
  [
    'offered 42c01f: written canonically',
    { 'profile-level-id': '42e01f' },
    { 'profile-level-id': '42c01f' },
    '42e01f',
  ],
  [
    'local absent (42e01f) vs offered 42e02a, asymmetry none: 42e01f',
    {},
    { 'profile-level-id': '42e02a' },
    '42e01f',
  ],
  ['neither gives profile-level-id: none', { [ASYM]: '1' }, { [ASYM]: '1' }, undefined],
  ['offered profile-level-id not understood: none', {}, { 'profile-level-id': 'xyz' }, undefined],
];

for (const [name, local, remote, expected] of ANSWER) {
  test(`H264 answer level, ${name}`, () => {
    assert.equal(h264ProfileLevelIdForAnswer(local, remote), expected);
  });
}
