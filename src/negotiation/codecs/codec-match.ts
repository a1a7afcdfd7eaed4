/**
 * `isSameCodec`: whether two codec descriptions name the same codec, by libwebrtc's rules
 * (`media/base/codec_comparators.cc` `MatchesWithCodecRules`). An answerer uses it to find
 * the offered codec each of its own codecs corresponds to (RFC 3264 6.1, RFC 9429 5.3.1);
 * payload types, names, clock rates and channels are RFC 8866 6.6, the codec families
 * that need their fmtp compared are H.264 (RFC 6184), VP9 (RFC 9628), AV1 (AV1 RTP spec
 * 7.2) and H.265 (RFC 7798).
 */
import type { RtpKind } from '../capabilities.ts';
import { parseFmtpInteger } from './fmtp-integer.ts';
import { h264ProfileLevelIdOf } from './h264-profile-level-id.ts';
import { h265ProfileTierLevelOf } from './h265-profile-tier-level.ts';

type Params = Readonly<Record<string, string>>;

/** What matching reads of a codec: an offered codec, or a local one with its own PT. */
export interface MatchableCodec {
  name: string;
  clockRate: number;
  /** Audio channels; absent means 1 (RFC 8866 6.6). */
  channels?: number;
  parameters: Params;
  /** Absent: not assigned yet, and the codec matches by name. */
  payloadType?: number;
}

/**
 * The payload type ranges libwebrtc treats as dynamic: 96-127 (RFC 3551 6) and 35-63,
 * which it hands out since the upper range ran short (64-95 clash with RTCP when muxed,
 * RFC 5761 4). Inside them a payload type is a mere label; outside, it names the codec.
 */
export const DYNAMIC_PAYLOAD_TYPE_RANGES: readonly (readonly [first: number, last: number])[] = [
  [35, 63],
  [96, 127],
];

/** Is `payloadType` in {@link DYNAMIC_PAYLOAD_TYPE_RANGES}? */
export function isDynamicPayloadType(payloadType: number): boolean {
  return DYNAMIC_PAYLOAD_TYPE_RANGES.some(
    ([first, last]) => payloadType >= first && payloadType <= last,
  );
}

/** Names compare ignoring ASCII case only, as absl::EqualsIgnoreCase does. */
function sameName(a: string, b: string): boolean {
  return a.length === b.length && asciiLower(a) === asciiLower(b);
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function either(a: MatchableCodec, b: MatchableCodec, name: string): boolean {
  return sameName(a.name, name) || sameName(b.name, name);
}

/** A parameter parsed into one of `valid`, `fallback` when absent, `undefined` when invalid. */
function numberParameter(
  parameters: Params,
  name: string,
  fallback: number,
  valid: readonly number[],
): number | undefined {
  const text = parameters[name];
  if (text === undefined) return fallback;
  const n = parseFmtpInteger(text);
  return n !== undefined && valid.includes(n) ? n : undefined;
}

/** RFC 8866 6.6: channels may be left out when there is one; libwebrtc also reads 0 as 1. */
function channels(codec: MatchableCodec): number {
  return codec.channels === undefined || codec.channels < 2 ? 1 : codec.channels;
}

function sameValue<T>(a: T | undefined, b: T | undefined): boolean {
  return a !== undefined && b !== undefined && a === b;
}

/**
 * Codec families whose members share an encoding name and differ in fmtp. A family applies
 * when either name is its own (two static payload types may pair different names). Levels
 * are never compared: each side may decode up to its own level.
 */
const FAMILIES: readonly (readonly [name: string, same: (a: Params, b: Params) => boolean])[] = [
  // RFC 6184 8.1: the profile, decoded (42e01f and 42c01f are both constrained baseline);
  // packetization-mode is a string compared with its absent value "0" (RFC 6184 6.2).
  [
    'H264',
    (a, b) =>
      sameValue(h264ProfileLevelIdOf(a)?.profile, h264ProfileLevelIdOf(b)?.profile) &&
      (a['packetization-mode'] ?? '0') === (b['packetization-mode'] ?? '0'),
  ],
  // RFC 9628 6: profile-id 0-3, absent means 0.
  [
    'VP9',
    (a, b) =>
      sameValue(
        numberParameter(a, 'profile-id', 0, [0, 1, 2, 3]),
        numberParameter(b, 'profile-id', 0, [0, 1, 2, 3]),
      ),
  ],
  // AV1 RTP spec 7.2: profile 0-2, absent means 0. tier and level-idx are declarative and,
  // as in libwebrtc (webrtc:396434695), not compared.
  [
    'AV1',
    (a, b) =>
      sameValue(
        numberParameter(a, 'profile', 0, [0, 1, 2]),
        numberParameter(b, 'profile', 0, [0, 1, 2]),
      ),
  ],
  // RFC 7798 7.1: profile and tier, and tx-mode (absent means SRST) compared ignoring case.
  [
    'H265',
    (a, b) => {
      const x = h265ProfileTierLevelOf(a);
      const y = h265ProfileTierLevelOf(b);
      return (
        sameValue(x?.profile, y?.profile) &&
        sameValue(x?.tier, y?.tier) &&
        sameName(a['tx-mode'] ?? 'SRST', b['tx-mode'] ?? 'SRST')
      );
    },
  ],
];

/**
 * Whether `a` and `b` name the same codec, as libwebrtc decides it:
 *
 * - payload types: when both are dynamic ({@link isDynamicPayloadType}) or either is
 *   absent, the encoding names must be equal ignoring case; otherwise (a static payload
 *   type on either side) the payload types must be equal and the names are not compared;
 * - audio: equal clock rates and equal channels, absent or 0 counting as 1;
 * - video: clock rates are not compared (libwebrtc takes every video codec as 90 kHz),
 *   and H.264, VP9, AV1 and H.265 compare the fmtp that tells their members apart.
 *
 * RTX and RED also refer to other payload types; `negotiateCodecs` checks those.
 */
export function isSameCodec(kind: RtpKind, a: MatchableCodec, b: MatchableCodec): boolean {
  const byName =
    a.payloadType === undefined ||
    b.payloadType === undefined ||
    (isDynamicPayloadType(a.payloadType) && isDynamicPayloadType(b.payloadType));
  if (byName ? !sameName(a.name, b.name) : a.payloadType !== b.payloadType) return false;
  if (kind === 'audio') return a.clockRate === b.clockRate && channels(a) === channels(b);
  for (const [name, same] of FAMILIES) {
    if (either(a, b, name)) return same(a.parameters, b.parameters);
  }
  return true;
}
