/**
 * The H.264 `profile-level-id` fmtp parameter (RFC 6184 8.1): three hex bytes,
 * `profile_idc`, `profile-iop` (the constraint_set flags) and `level_idc`, read into a
 * profile and a level the way libwebrtc (`api/video_codecs/h264_profile_level_id.cc`)
 * reads them, because that decides which H.264 variants a Chromium answer accepts.
 */

/** The H.264 profiles libwebrtc tells apart; any other profile-level-id is not understood. */
export const H264_PROFILES = [
  'constrained-baseline',
  'baseline',
  'main',
  'constrained-high',
  'high',
  'predictive-high-444',
] as const;

/** One of {@link H264_PROFILES}. */
export type H264Profile = (typeof H264_PROFILES)[number];

/**
 * H.264 levels (ITU-T H.264 Table A-1) in ascending order, with their `level_idc`.
 * Level 1b shares `level_idc` 11 with level 1.1 and is told apart by constraint_set3.
 */
export const H264_LEVELS = [
  ['1', 10],
  ['1b', 11],
  ['1.1', 11],
  ['1.2', 12],
  ['1.3', 13],
  ['2', 20],
  ['2.1', 21],
  ['2.2', 22],
  ['3', 30],
  ['3.1', 31],
  ['3.2', 32],
  ['4', 40],
  ['4.1', 41],
  ['4.2', 42],
  ['5', 50],
  ['5.1', 51],
  ['5.2', 52],
] as const;

/** An H.264 level in the notation of the spec: `'3.1'`, `'1b'`. */
export type H264Level = (typeof H264_LEVELS)[number][0];

/** A decoded `profile-level-id`. */
export interface H264ProfileLevelId {
  profile: H264Profile;
  level: H264Level;
}

/**
 * `profile_idc` and `profile-iop` patterns, first match wins; in a pattern `x` is either
 * bit, most significant bit first. This is libwebrtc's table, which folds Extended
 * profile (0x58) into (constrained) baseline and knows nothing else of it.
 */
const PROFILE_PATTERNS: readonly (readonly [idc: number, iop: string, profile: H264Profile])[] = [
  [0x42, 'x1xx0000', 'constrained-baseline'],
  [0x4d, '1xxx0000', 'constrained-baseline'],
  [0x58, '11xx0000', 'constrained-baseline'],
  [0x42, 'x0xx0000', 'baseline'],
  [0x58, '10xx0000', 'baseline'],
  [0x4d, '0x0x0000', 'main'],
  [0x64, '00000000', 'high'],
  [0x64, '00001100', 'constrained-high'],
  [0xf4, '00000000', 'predictive-high-444'],
];

/** The `profile_idc` and `profile-iop` bytes libwebrtc writes for each profile. */
const PROFILE_PREFIX: Readonly<Record<H264Profile, string>> = {
  'constrained-baseline': '42e0',
  baseline: '4200',
  main: '4d00',
  'constrained-high': '640c',
  high: '6400',
  'predictive-high-444': 'f400',
};

/** Level 1b needs constraint_set3, so it has its own spelling; other profiles have none. */
const LEVEL_1B: Partial<Readonly<Record<H264Profile, string>>> = {
  'constrained-baseline': '42f00b',
  baseline: '42100b',
  main: '4d100b',
};

/** constraint_set3_flag in `profile-iop`: with `level_idc` 11 it means level 1b. */
const CONSTRAINT_SET3 = 0x10;

/**
 * What an H.264 codec without `profile-level-id` means to libwebrtc: constrained baseline
 * level 3.1. RFC 6184 8.1 says baseline level 1; libwebrtc keeps 42e01f for compatibility
 * with its own old versions (webrtc:6337), and so does a Chromium answer.
 */
export const H264_DEFAULT_PROFILE_LEVEL_ID: Readonly<H264ProfileLevelId> = Object.freeze({
  profile: 'constrained-baseline',
  level: '3.1',
});

function matchesPattern(pattern: string, byte: number): boolean {
  for (let i = 0; i < 8; i++) {
    const want = pattern[i];
    const bit = (byte >> (7 - i)) & 1;
    if (want !== 'x' && Number(want) !== bit) return false;
  }
  return true;
}

/**
 * Reads a `profile-level-id` such as `42e01f`: six hex digits whose profile and level
 * libwebrtc understands, else `undefined`.
 */
export function parseH264ProfileLevelId(text: string): H264ProfileLevelId | undefined {
  // libwebrtc reads the six characters with strtol, which also takes a sign or `0x`
  // (`-bffe1` decodes as predictive high 4:4:4); only plain hex is a profile-level-id.
  if (!/^[0-9a-f]{6}$/i.test(text)) return undefined;
  const value = Number.parseInt(text, 16);
  const idc = value >> 16;
  const iop = (value >> 8) & 0xff;
  const levelIdc = value & 0xff;
  // level_idc 11 is level 1.1, or 1b with constraint_set3 (only baseline and main allow it).
  const level: H264Level | undefined =
    levelIdc === 11
      ? iop & CONSTRAINT_SET3
        ? '1b'
        : '1.1'
      : H264_LEVELS.find(([, idcOfLevel]) => idcOfLevel === levelIdc)?.[0];
  if (level === undefined) return undefined;
  for (const [patternIdc, pattern, profile] of PROFILE_PATTERNS) {
    if (patternIdc === idc && matchesPattern(pattern, iop)) return { profile, level };
  }
  return undefined;
}

/**
 * The `profile-level-id` of a codec's fmtp parameters: {@link H264_DEFAULT_PROFILE_LEVEL_ID}
 * when absent, `undefined` when present but not understood.
 */
export function h264ProfileLevelIdOf(
  parameters: Readonly<Record<string, string>>,
): H264ProfileLevelId | undefined {
  const text = parameters['profile-level-id'];
  return text === undefined ? { ...H264_DEFAULT_PROFILE_LEVEL_ID } : parseH264ProfileLevelId(text);
}

/**
 * Writes a profile and level the way libwebrtc does (`42e01f`, `640c34`, `42f00b`);
 * `undefined` for level 1b in a profile that cannot signal it.
 */
export function formatH264ProfileLevelId(id: H264ProfileLevelId): string | undefined {
  if (id.level === '1b') return LEVEL_1B[id.profile];
  const entry = H264_LEVELS.find(([name]) => name === id.level);
  if (entry === undefined) return undefined;
  return PROFILE_PREFIX[id.profile] + entry[1].toString(16).padStart(2, '0');
}

/** The lower of two levels; level 1b sits between 1 and 1.1. */
export function minH264Level(a: H264Level, b: H264Level): H264Level {
  const rank = (level: H264Level) => H264_LEVELS.findIndex(([name]) => name === level);
  return rank(a) <= rank(b) ? a : b;
}

function allowsLevelAsymmetry(parameters: Readonly<Record<string, string>>): boolean {
  return parameters['level-asymmetry-allowed'] === '1';
}

/**
 * The `profile-level-id` an answer puts on an H.264 codec that matched (same profile),
 * following RFC 6184 8.2.2 as libwebrtc applies it: when both sides signal
 * `level-asymmetry-allowed=1` the answerer states the level it decodes (the local one),
 * otherwise the lower of the two levels, since the answer may not raise the offer's level.
 * `undefined` when neither side gives a `profile-level-id` (the answer then gives none
 * either) or when one of them is not understood.
 */
export function h264ProfileLevelIdForAnswer(
  local: Readonly<Record<string, string>>,
  remote: Readonly<Record<string, string>>,
): string | undefined {
  if (local['profile-level-id'] === undefined && remote['profile-level-id'] === undefined) {
    return undefined;
  }
  const ours = h264ProfileLevelIdOf(local);
  const theirs = h264ProfileLevelIdOf(remote);
  if (ours === undefined || theirs === undefined) return undefined;
  const level =
    allowsLevelAsymmetry(local) && allowsLevelAsymmetry(remote)
      ? ours.level
      : minH264Level(ours.level, theirs.level);
  // The profiles are equal once the codecs matched; libwebrtc writes the local one.
  return formatH264ProfileLevelId({ profile: ours.profile, level });
}
