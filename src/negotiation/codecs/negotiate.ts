/**
 * `negotiateCodecs`: the codecs of one answered m-section, chosen as libwebrtc chooses them
 * (`pc/codec_vendor.cc` `NegotiateCodecs`, `media/base/codec_comparators.cc`
 * `FindMatchingCodec`). RFC 3264 6.1 and RFC 9429 5.3.1 let the answerer keep the offered
 * formats it supports, under the offer's payload types and preferably in the offer's order.
 */
import type { CodecCapability, RtpKind } from '../capabilities.ts';
import { isSameCodec, type MatchableCodec } from './codec-match.ts';
import { parseFmtpInteger } from './fmtp-integer.ts';
import { h264ProfileLevelIdForAnswer } from './h264-profile-level-id.ts';
import { h265LevelIdForAnswer } from './h265-profile-tier-level.ts';

/** A codec of a remote offer, under the payload type the offer gave it. */
export type OfferedCodec = CodecCapability & { payloadType: number };

/** A codec of the answer: the local codec under the offered payload type and name. */
export type NegotiatedCodec = CodecCapability & { payloadType: number };

/** Options of {@link negotiateCodecs}. */
export interface NegotiateCodecsOptions {
  /**
   * List the answer in the offer's order, as RFC 3264 6.1 recommends (default). libwebrtc
   * answers in the local order instead when the transceiver has codec preferences.
   */
  keepOfferOrder?: boolean;
}

const DEFAULT_OPTIONS: Readonly<Required<NegotiateCodecsOptions>> = Object.freeze({
  keepOfferOrder: true,
});

/** One codec of the answer in the making. */
interface Pick {
  offered: OfferedCodec;
  offerIndex: number;
  /** Where it goes in local order; an rtx for any codec goes right after its codec. */
  rank: number;
  codec: NegotiatedCodec;
}

/** What the passes share. */
interface Negotiation {
  kind: RtpKind;
  offered: readonly OfferedCodec[];
  local: readonly CodecCapability[];
  /** Offer indices already answered: an offered codec is answered at most once. */
  used: Set<number>;
  picks: Pick[];
  /** Local index -> its pick, for everything but rtx. */
  byLocal: Map<number, Pick>;
  /** Offered payload type -> its pick. */
  byOfferedPt: Map<number, Pick>;
  /** Offered payload types that already have their rtx. */
  withRtx: Set<number>;
}

function named(codec: { name: string }, name: string): boolean {
  return codec.name.toLowerCase() === name;
}

/** A local codec matches under the payload type it offers itself, if it has one. */
function asLocal(codec: CodecCapability): MatchableCodec {
  return { ...codec, payloadType: codec.preferredPayloadType };
}

/** The fmtp piece of an audio RED codec listing its primaries, `111/111` (RFC 2198 5). */
function redListOf(parameters: Readonly<Record<string, string>>): string | undefined {
  return Object.keys(parameters).find((key) => parameters[key] === '');
}

/**
 * libwebrtc keeps fmtp in a sorted map, so its answer writes the bare piece first and the
 * rest by name (`level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f`).
 */
function inLibwebrtcOrder(parameters: Record<string, string>): Record<string, string> {
  const keys = Object.keys(parameters);
  const bare = keys.filter((k) => parameters[k] === '');
  const valued = keys
    .filter((k) => parameters[k] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries([...bare, ...valued].map((k) => [k, parameters[k] as string]));
}

/** The answer's fmtp: the local codec's, with what the offer decides put in. */
function answerParameters(local: CodecCapability, offered: OfferedCodec): Record<string, string> {
  const out = { ...local.parameters };
  if (named(local, 'rtx')) {
    // RFC 4588 8.6: apt names the offered payload type; rtx-time is the sender's promise.
    out.apt = String(parseFmtpInteger(offered.parameters.apt));
    const rtxTime = offered.parameters['rtx-time'];
    if (rtxTime !== undefined) out['rtx-time'] = rtxTime;
  } else if (named(local, 'red')) {
    // The offered list names offered payload types.
    const theirs = redListOf(offered.parameters);
    const ours = redListOf(out);
    if (theirs !== undefined) {
      if (ours !== undefined) delete out[ours];
      out[theirs] = '';
    }
  } else if (named(local, 'h264')) {
    const id = h264ProfileLevelIdForAnswer(local.parameters, offered.parameters);
    if (id !== undefined) out['profile-level-id'] = id;
  } else if (named(local, 'h265')) {
    const level = h265LevelIdForAnswer(local.parameters, offered.parameters);
    if (level !== undefined) out['level-id'] = level;
  }
  return inLibwebrtcOrder(out);
}

/** rtcp-fb both sides name, in local order; libwebrtc compares them ignoring case. */
function commonFeedback(local: readonly string[], offered: readonly string[]): string[] {
  const theirs = new Set(offered.map((f) => f.toLowerCase()));
  return local.filter((f) => theirs.has(f.toLowerCase()));
}

/** Answers `local` with the first unanswered offered codec it matches that `accept`s. */
function take(
  n: Negotiation,
  local: CodecCapability,
  rank: number,
  accept: (offered: OfferedCodec) => boolean,
): Pick | undefined {
  const ours = asLocal(local);
  const offerIndex = n.offered.findIndex(
    (o, i) => !n.used.has(i) && isSameCodec(n.kind, ours, o) && accept(o),
  );
  const offered = n.offered[offerIndex];
  if (offered === undefined) return undefined;
  n.used.add(offerIndex);
  const codec: NegotiatedCodec = {
    name: offered.name,
    clockRate: local.clockRate,
    parameters: answerParameters(local, offered),
    feedback: commonFeedback(local.feedback, offered.feedback),
    payloadType: offered.payloadType,
  };
  if (local.channels !== undefined) codec.channels = local.channels;
  const pick: Pick = { offered, offerIndex, rank, codec };
  n.picks.push(pick);
  n.byOfferedPt.set(offered.payloadType, pick);
  return pick;
}

/**
 * Whether local RED `ours` may answer offered RED `theirs`. Every primary the offer lists
 * must be in the answer; where both list primaries, each offered one must be the codec
 * the local one was answered with (libwebrtc compares up to the shorter list, RED being
 * declarative). When only one side lists them, libwebrtc accepts audio RED if a payload
 * type is unassigned or both are equal.
 */
function redMatches(n: Negotiation, ours: CodecCapability, theirs: OfferedCodec): boolean {
  const localList = redListOf(ours.parameters);
  const offeredList = redListOf(theirs.parameters);
  if (offeredList !== undefined) {
    for (const piece of offeredList.split('/')) {
      const pt = parseFmtpInteger(piece);
      if (pt !== undefined && !n.byOfferedPt.has(pt)) return false;
    }
  }
  if (localList === undefined && offeredList === undefined) return true;
  if (localList === undefined || offeredList === undefined) {
    const pt = ours.preferredPayloadType;
    return n.kind === 'audio' && (pt === undefined || pt === theirs.payloadType);
  }
  const a = localList.split('/');
  const b = offeredList.split('/');
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const localPt = parseFmtpInteger(a[i]);
    const offeredPt = parseFmtpInteger(b[i]);
    if (localPt === undefined || offeredPt === undefined) return localList === offeredList;
    const target = n.local.findIndex((c) => c.preferredPayloadType === localPt);
    // A local list naming no local codec (codec preferences carry no payload types) asks
    // for nothing more than the offered primary being answered, checked above.
    if (target >= 0 && n.byLocal.get(target) !== n.byOfferedPt.get(offeredPt)) return false;
  }
  return true;
}

/** The offered rtx for `primary`, answered by local rtx `rtx`, if the offer has one. */
function takeRtx(n: Negotiation, rtx: CodecCapability, primary: Pick, rank: number): void {
  const pt = primary.offered.payloadType;
  if (n.withRtx.has(pt)) return;
  const pick = take(n, rtx, rank, (o) => parseFmtpInteger(o.parameters.apt) === pt);
  if (pick !== undefined) n.withRtx.add(pt);
}

/**
 * The codecs of the answer to an m-section offering `offered`, from the `local` codecs of
 * one kind, as libwebrtc negotiates them (RFC 9429 5.3.1, RFC 3264 6.1):
 *
 * - each local codec is answered with the first offered codec it matches
 *   ({@link isSameCodec}) that no other local codec took; codecs only one side knows drop;
 * - the answer's codec is the local one under the offered payload type and name spelling,
 *   with the local fmtp (not the offer's: `stereo=1` is not echoed), the rtcp-fb both
 *   sides name, and for H.264 and H.265 the level the answer may state
 *   ({@link h264ProfileLevelIdForAnswer});
 * - rtx (RFC 4588) answers the offered rtx of an answered codec: the one a local rtx names
 *   by `apt` and the local payload type, or, for a local rtx without a resolvable `apt`,
 *   any answered codec; at most one rtx per codec, `apt` rewritten to the offered payload
 *   type and the offer's `rtx-time` taken over;
 * - audio RED (RFC 2198) is answered only when the primaries it lists are, and takes the
 *   offer's list; video red, ulpfec and flexfec match like any codec;
 * - the answer lists them in the offer's order unless `keepOfferOrder` is false.
 */
export function negotiateCodecs(
  kind: RtpKind,
  offered: readonly OfferedCodec[],
  local: readonly CodecCapability[],
  options: NegotiateCodecsOptions = {},
): NegotiatedCodec[] {
  const { keepOfferOrder } = { ...DEFAULT_OPTIONS, ...options };
  const n: Negotiation = {
    kind,
    offered,
    local,
    used: new Set(),
    picks: [],
    byLocal: new Map(),
    byOfferedPt: new Map(),
    withRtx: new Set(),
  };
  // Media codecs first, then RED (it names them), then rtx (it names either).
  local.forEach((c, i) => {
    if (named(c, 'rtx') || named(c, 'red')) return;
    const pick = take(n, c, i, () => true);
    if (pick !== undefined) n.byLocal.set(i, pick);
  });
  local.forEach((c, i) => {
    if (!named(c, 'red')) return;
    const pick = take(n, c, i, (o) => redMatches(n, c, o));
    if (pick !== undefined) n.byLocal.set(i, pick);
  });
  const anyCodecRtx: CodecCapability[] = [];
  local.forEach((c, i) => {
    if (!named(c, 'rtx')) return;
    const apt = parseFmtpInteger(c.parameters.apt);
    const target = apt === undefined ? -1 : local.findIndex((t) => t.preferredPayloadType === apt);
    if (target < 0) anyCodecRtx.push(c);
    else {
      const primary = n.byLocal.get(target);
      if (primary !== undefined) takeRtx(n, c, primary, i);
    }
  });
  for (const rtx of anyCodecRtx) {
    for (const primary of [...n.byLocal.values()]) takeRtx(n, rtx, primary, primary.rank + 0.5);
  }
  const order = keepOfferOrder
    ? (a: Pick, b: Pick) => a.offerIndex - b.offerIndex
    : (a: Pick, b: Pick) => a.rank - b.rank || a.offerIndex - b.offerIndex;
  return n.picks.sort(order).map((p) => p.codec);
}
