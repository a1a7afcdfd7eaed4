/**
 * Codec matching and negotiation for answers, as libwebrtc (Chromium) does it: H.264
 * profile-level-id and H.265 profile-tier-level decoding, codec identity, and the codec
 * list of an answered m-section (RFC 9429 5.3.1, RFC 3264 6.1).
 */
export {
  DYNAMIC_PAYLOAD_TYPE_RANGES,
  isDynamicPayloadType,
  isSameCodec,
  type MatchableCodec,
} from './codec-match.ts';
export { codecsOfSection } from './codecs-of-section.ts';
export {
  formatH264ProfileLevelId,
  H264_DEFAULT_PROFILE_LEVEL_ID,
  H264_LEVELS,
  H264_PROFILES,
  type H264Level,
  type H264Profile,
  type H264ProfileLevelId,
  h264ProfileLevelIdForAnswer,
  h264ProfileLevelIdOf,
  minH264Level,
  parseH264ProfileLevelId,
} from './h264-profile-level-id.ts';
export {
  H265_DEFAULT_PROFILE_TIER_LEVEL,
  H265_LEVEL_IDS,
  type H265ProfileTierLevel,
  h265LevelIdForAnswer,
  h265ProfileTierLevelOf,
} from './h265-profile-tier-level.ts';
export {
  type NegotiateCodecsOptions,
  type NegotiatedCodec,
  negotiateCodecs,
  type OfferedCodec,
} from './negotiate.ts';
