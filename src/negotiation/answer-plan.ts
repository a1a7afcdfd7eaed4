/**
 * The decisions of an answer, section by section, before any SDP is written: which
 * m-sections are accepted, with which codecs, header extensions, direction and data
 * channel limits, and why a section is rejected. `createAnswer` writes this plan as SDP
 * and `explain` reports it. RFC 9429 5.3.1 (initial answers) and 5.3.2 (subsequent ones).
 */
import type {
  Direction,
  Extmap,
  MediaSection,
  SessionDescription,
  SimulcastStream,
} from 'switchboard/sdp';
import type { Capabilities, RtpKind, TransceiverCapability } from './capabilities.ts';
import { DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_SCTP_PORT } from './capabilities-from-description.ts';
import { codecsOfSection, type NegotiatedCodec, negotiateCodecs } from './codecs/index.ts';
import { answerDirection, receives } from './direction.ts';

/** Why an m-section is rejected (port 0 in the answer). */
export type RejectReason =
  /** The offer itself rejected it: port 0 without a=bundle-only. */
  | 'rejected-in-offer'
  /** A media kind this endpoint does not handle, such as `text`. */
  | 'unsupported-kind'
  /** A transport protocol this endpoint does not speak, such as plain RTP/AVP. */
  | 'unsupported-protocol'
  /** No offered codec matches a local one. */
  | 'no-common-codec'
  /** The local transceiver for it is stopped. */
  | 'stopped'
  /** An application section while the endpoint has no data channel support. */
  | 'no-data-channel';

/** Readable text for each reason, with the rule it comes from. */
export const REJECT_REASONS: Readonly<Record<RejectReason, string>> = {
  'rejected-in-offer': 'the offer rejected it (port 0 without a=bundle-only, RFC 9429 5.3.1)',
  'unsupported-kind': 'media kind not supported (RFC 3264 6: reject with port 0)',
  'unsupported-protocol': 'transport protocol not supported (RFC 9429 5.1.2)',
  'no-common-codec': 'no offered codec matches a local one (RFC 3264 6.1)',
  stopped: 'the local transceiver is stopped (RFC 9429 5.3.1)',
  'no-data-channel': 'data channels are not supported locally (RFC 8841)',
};

/** An accepted RTP section. */
export interface RtpPlan {
  kind: RtpKind;
  codecs: NegotiatedCodec[];
  /** Offered header extensions the endpoint understands, with the offer's ids. */
  extensions: { id: number; uri: string }[];
  direction: Direction;
  offeredDirection: Direction;
  rtcpMux: boolean;
  rtcpRsize: boolean;
  /** Offered RTCP XR formats the endpoint supports (RFC 3611 5.1). */
  rtcpXr: string[];
  /** Offered send layers taken as receive layers (SFU-style answer), or none. */
  simulcast?: { rids: string[]; streams: SimulcastStream[] };
}

/** An accepted data channel section. */
export interface DataPlan {
  kind: 'application';
  sctpPort: number;
  maxMessageSize: number;
  /** Offered with the old `DTLS/SCTP <port>` + a=sctpmap syntax. */
  legacySctpmap: boolean;
}

/** The plan for one m-section, in offer order. */
export interface SectionPlan {
  index: number;
  mid: string | undefined;
  kind: string;
  protocol: string;
  /** The offer's format list, for rejected sections that echo it. */
  offeredFormats: string[];
  accepted: boolean;
  reason?: RejectReason;
  /** In the offer's BUNDLE group and accepted. */
  bundled: boolean;
  media?: RtpPlan | DataPlan;
}

/** Options that shape the plan. */
export interface PlanOptions {
  /** Accept offered simulcast send layers as receive layers (what an SFU does). */
  acceptSimulcast?: boolean;
}

const RTP_PROTOCOLS = new Set([
  'UDP/TLS/RTP/SAVPF',
  'TCP/TLS/RTP/SAVPF',
  'TCP/DTLS/RTP/SAVPF',
  'UDP/TLS/RTP/SAVP',
  'RTP/SAVPF',
  'RTP/SAVP',
]);
const SCTP_PROTOCOLS = new Set(['UDP/DTLS/SCTP', 'TCP/DTLS/SCTP']);
const LEGACY_SCTP_PROTOCOL = 'DTLS/SCTP';
/** The RTP stream id header extension (RFC 8852 3.1) that simulcast layers are told apart by. */
const RTP_STREAM_ID_URI = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';

/** The offer's BUNDLE groups' mids (RFC 9143). */
export function bundledMids(offer: SessionDescription): Set<string> {
  return new Set(bundleGroupOf(offer).keys());
}

/**
 * Which of the offer's BUNDLE groups (0-based, in a=group order) each bundled mid is in.
 * Each group is its own transport and gets its own group in the answer (RFC 9143 7.3);
 * a mid listed twice belongs to its first group, as libwebrtc reads it.
 */
export function bundleGroupOf(offer: SessionDescription): Map<string, number> {
  const out = new Map<string, number>();
  const groups = offer.session.attributes('group').filter((g) => g.semantics === 'BUNDLE');
  groups.forEach((g, i) => {
    for (const mid of g.mids) if (!out.has(mid)) out.set(mid, i);
  });
  return out;
}

/**
 * Whether this endpoint speaks the transport protocol of an m-section: (S)RTP over DTLS for
 * audio and video, SCTP over DTLS carrying webrtc-datachannel (or the old `DTLS/SCTP <port>`
 * form) for application sections (RFC 9429 5.1.2, RFC 8841 4.1).
 */
export function isSupportedProtocol(
  kind: string,
  protocol: string,
  formats: readonly string[],
): boolean {
  if (kind === 'audio' || kind === 'video') return RTP_PROTOCOLS.has(protocol);
  if (kind === 'application') {
    return (
      (SCTP_PROTOCOLS.has(protocol) && formats.includes('webrtc-datachannel')) ||
      protocol === LEGACY_SCTP_PROTOCOL
    );
  }
  return false;
}

/** Port 0 with a=bundle-only is an offered, bundled section, not a rejection (RFC 9143 7.3.3). */
function rejectedInOffer(media: MediaSection): boolean {
  return media.media.port === 0 && !media.has('bundle-only');
}

/** Picks the local transceiver for a section: bound by mid, else the first free one of its kind. */
function transceiverFor(
  caps: Capabilities,
  mid: string | undefined,
  kind: RtpKind,
  used: Set<TransceiverCapability>,
): TransceiverCapability | undefined {
  const all = caps.transceivers ?? [];
  const bound = all.find((t) => t.mid !== undefined && t.mid === mid);
  if (bound) return bound;
  return all.find((t) => t.mid === undefined && t.kind === kind && !used.has(t));
}

function planRtp(
  media: MediaSection,
  sessionExtmaps: readonly Extmap[],
  kind: RtpKind,
  caps: Capabilities,
  transceiver: TransceiverCapability | undefined,
  options: PlanOptions,
): RtpPlan | RejectReason {
  if (transceiver?.stopped) return 'stopped';
  const local = transceiver?.codecPreferences ?? caps.codecs[kind];
  // With codec preferences the answer follows the local order, as libwebrtc does.
  const codecs = negotiateCodecs(kind, codecsOfSection(media), local, {
    keepOfferOrder: transceiver?.codecPreferences === undefined,
  });
  const primaries = codecs.filter((c) => !/^(rtx|red|ulpfec|flexfec-03)$/i.test(c.name));
  if (primaries.length === 0) return 'no-common-codec';
  const known = new Set(caps.headerExtensions[kind].map((e) => e.uri));
  // Session-level extmaps apply to every section that has none of its own (RFC 8285 8).
  const offeredExtmaps = media.attributes('extmap');
  const extensions = (offeredExtmaps.length > 0 ? offeredExtmaps : sessionExtmaps)
    .filter((e) => !e.encrypt && known.has(e.uri))
    .map((e) => ({ id: e.id, uri: e.uri }));
  const offeredDirection = media.direction ?? 'sendrecv';
  const plan: RtpPlan = {
    kind,
    codecs,
    extensions,
    direction: answerDirection(offeredDirection, transceiver?.direction ?? caps.defaultDirection),
    offeredDirection,
    rtcpMux: media.has('rtcp-mux'),
    rtcpRsize: media.has('rtcp-rsize') && caps.rtcpRsize,
    rtcpXr: (media.attribute('rtcp-xr')?.formats ?? []).filter((f) => caps.rtcpXr?.includes(f)),
  };
  const simulcast = media.attribute('simulcast');
  // Receive layers need a direction that receives and the rid header extension that tells
  // them apart (RFC 8853 5.3, RFC 8852 3.3); without either the answer stays single-stream.
  const ridsNegotiated = extensions.some((e) => e.uri === RTP_STREAM_ID_URI);
  if (
    options.acceptSimulcast &&
    simulcast?.send !== undefined &&
    receives(plan.direction) &&
    ridsNegotiated
  ) {
    const rids = simulcast.send.flat().map((a) => a.rid);
    plan.simulcast = { rids, streams: simulcast.send };
  }
  return plan;
}

function planData(media: MediaSection, caps: Capabilities): DataPlan | RejectReason {
  const local = caps.dataChannel;
  if (local === undefined) return 'no-data-channel';
  const legacy = media.media.protocol === LEGACY_SCTP_PROTOCOL;
  const offered = media.attribute('max-message-size')?.size ?? DEFAULT_MAX_MESSAGE_SIZE;
  // 0 means "no limit" on either side (RFC 8841 6).
  const maxMessageSize =
    offered === 0
      ? local.maxMessageSize
      : local.maxMessageSize === 0
        ? offered
        : Math.min(offered, local.maxMessageSize);
  return {
    kind: 'application',
    sctpPort: local.sctpPort ?? DEFAULT_SCTP_PORT,
    maxMessageSize,
    legacySctpmap: legacy,
  };
}

/** Decides every section of the answer to `offer`. */
export function planAnswer(
  offer: SessionDescription,
  caps: Capabilities,
  options: PlanOptions = {},
): SectionPlan[] {
  const bundle = bundledMids(offer);
  const sessionExtmaps = offer.session.attributes('extmap');
  const used = new Set<TransceiverCapability>();
  return offer.media.map((media, index) => {
    const mid = media.mid;
    const m = media.media;
    const plan: SectionPlan = {
      index,
      mid,
      kind: m.media,
      protocol: m.protocol,
      offeredFormats: m.formats,
      accepted: false,
      bundled: false,
    };
    let outcome: RtpPlan | DataPlan | RejectReason;
    if (rejectedInOffer(media)) {
      outcome = 'rejected-in-offer';
    } else if (m.media === 'audio' || m.media === 'video') {
      if (!isSupportedProtocol(m.media, m.protocol, m.formats)) {
        outcome = 'unsupported-protocol';
      } else {
        const t = transceiverFor(caps, mid, m.media, used);
        if (t) used.add(t);
        outcome = planRtp(media, sessionExtmaps, m.media, caps, t, options);
      }
    } else if (m.media === 'application') {
      outcome = isSupportedProtocol(m.media, m.protocol, m.formats)
        ? planData(media, caps)
        : 'unsupported-protocol';
    } else {
      outcome = 'unsupported-kind';
    }
    if (typeof outcome === 'string') {
      plan.reason = outcome;
    } else {
      plan.accepted = true;
      plan.media = outcome;
      plan.bundled = mid !== undefined && bundle.has(mid);
    }
    return plan;
  });
}
