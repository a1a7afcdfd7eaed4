/**
 * The H.265 `profile-id`, `tier-flag` and `level-id` fmtp parameters (RFC 7798 7.1), read
 * the way libwebrtc (`api/video_codecs/h265_profile_tier_level.cc`) reads them. Chromium
 * offers H.265 only where the hardware encodes or decodes it.
 */
import { parseFmtpInteger } from './fmtp-integer.ts';

/** A decoded profile, tier and level; numbers as on the wire (`level-id` is 30 x level). */
export interface H265ProfileTierLevel {
  /** `profile-id` 1 (Main) to 11 (High Throughput Screen Content Coding). */
  profile: number;
  /** `tier-flag` 0 (Main tier) or 1 (High tier). */
  tier: number;
  /** `level-id`: 93 is level 3.1, 186 is level 6.2. */
  level: number;
}

/** The `level-id` values of ITU-T H.265 Table A.8, ascending (levels 1 to 6.2). */
export const H265_LEVEL_IDS = [30, 60, 63, 90, 93, 120, 123, 150, 153, 156, 180, 183, 186] as const;

/** RFC 7798 7.1: without the parameters a stream is Main profile, Main tier, level 3.1. */
export const H265_DEFAULT_PROFILE_TIER_LEVEL: Readonly<H265ProfileTierLevel> = Object.freeze({
  profile: 1,
  tier: 0,
  level: 93,
});

/**
 * The profile, tier and level of a codec's fmtp parameters, defaults filled in;
 * `undefined` when one is present but not understood, or High tier is asked below level 4.
 */
export function h265ProfileTierLevelOf(
  parameters: Readonly<Record<string, string>>,
): H265ProfileTierLevel | undefined {
  const read = (name: string, fallback: number, valid: (n: number) => boolean) => {
    const text = parameters[name];
    if (text === undefined) return fallback;
    const n = parseFmtpInteger(text);
    return n !== undefined && valid(n) ? n : undefined;
  };
  const d = H265_DEFAULT_PROFILE_TIER_LEVEL;
  const profile = read('profile-id', d.profile, (n) => n >= 1 && n <= 11);
  const tier = read('tier-flag', d.tier, (n) => n === 0 || n === 1);
  const level = read('level-id', d.level, (n) => (H265_LEVEL_IDS as readonly number[]).includes(n));
  if (profile === undefined || tier === undefined || level === undefined) return undefined;
  // ITU-T H.265 Table A.8: levels up to 3.1 have no High tier.
  if (tier === 1 && level <= 93) return undefined;
  return { profile, tier, level };
}

/**
 * The `level-id` an answer puts on an H.265 codec that matched: the lower of the two
 * levels, since the answer may not go above the offer's (RFC 7798 7.2.2). `undefined` when
 * neither side gives profile-id, tier-flag or level-id, or one side is not understood.
 */
export function h265LevelIdForAnswer(
  local: Readonly<Record<string, string>>,
  remote: Readonly<Record<string, string>>,
): string | undefined {
  const given = (p: Readonly<Record<string, string>>) =>
    p['profile-id'] !== undefined || p['tier-flag'] !== undefined || p['level-id'] !== undefined;
  if (!given(local) && !given(remote)) return undefined;
  const ours = h265ProfileTierLevelOf(local);
  const theirs = h265ProfileTierLevelOf(remote);
  if (ours === undefined || theirs === undefined) return undefined;
  return String(Math.min(ours.level, theirs.level));
}
