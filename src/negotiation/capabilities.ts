/**
 * What a local endpoint supports, as data: the input of `createOffer` and `createAnswer`.
 * RFC 9429 (JSEP) section 5 builds descriptions from the same ingredients: codecs per
 * media kind with their fmtp and rtcp-fb, header extensions, data channel limits, the
 * DTLS role preference and the transport credentials.
 */
import type { Direction } from 'switchboard/sdp';

/** A media kind that carries RTP. */
export type RtpKind = 'audio' | 'video';

/** One codec an endpoint can send and receive. */
export interface CodecCapability {
  /** As on the wire, e.g. `opus`, `VP8`, `H264`, `rtx`, `red`, `ulpfec`, `telephone-event`. */
  name: string;
  clockRate: number;
  /** Audio channels; absent means 1 (RFC 8866 6.6). */
  channels?: number;
  /** fmtp parameters in writing order, e.g. `{ 'profile-level-id': '42e01f' }`. */
  parameters: Record<string, string>;
  /** rtcp-fb values, e.g. `['goog-remb', 'transport-cc', 'ccm fir', 'nack', 'nack pli']`. */
  feedback: string[];
  /** The payload type this endpoint puts in its own offers. */
  preferredPayloadType?: number;
}

/** One RTP header extension (RFC 8285) an endpoint understands. */
export interface HeaderExtensionCapability {
  uri: string;
  /** The id this endpoint puts in its own offers. */
  preferredId?: number;
}

/** Data channel support (RFC 8841). */
export interface DataChannelCapability {
  /** The SCTP port this endpoint listens on; 5000 in every browser. */
  sctpPort: number;
  /** The largest message it accepts; 0 means no limit (RFC 8841 6). */
  maxMessageSize: number;
}

/** A local transceiver: what this endpoint wants to do with one m-section. */
export interface TransceiverCapability {
  kind: RtpKind;
  /** The mid it is bound to, once negotiated; unbound transceivers match by kind. */
  mid?: string;
  /** What the endpoint wants; `recvonly` for a receiver without a track. */
  direction: Direction;
  /** Codec order and subset for this transceiver (W3C setCodecPreferences). */
  codecPreferences?: CodecCapability[];
  /** A stopped transceiver rejects its m-section (RFC 9429 5.3.1). */
  stopped?: boolean;
}

/** Everything `createOffer` and `createAnswer` need to know about the local endpoint. */
export interface Capabilities {
  codecs: Record<RtpKind, CodecCapability[]>;
  headerExtensions: Record<RtpKind, HeaderExtensionCapability[]>;
  /** Absent: the endpoint has no data channel support and rejects application sections. */
  dataChannel?: DataChannelCapability;
  /** a=extmap-allow-mixed (RFC 8285 6): two-byte header extensions allowed. */
  extmapAllowMixed: boolean;
  /** a=rtcp-rsize (RFC 5506). */
  rtcpRsize: boolean;
  /**
   * RTCP XR formats (RFC 3611 5.1) the endpoint answers when offered, as written, e.g.
   * `['rcvr-rtt=all']` (receiver reference time reports, which Chromium uses for RTT
   * without sending media).
   */
  rtcpXr?: string[];
  /** ICE options this endpoint sends, e.g. `['trickle']`. */
  iceOptions: string[];
  /** The DTLS role taken when the offer leaves the choice (actpass); browsers take active. */
  dtlsRole: 'active' | 'passive';
  /** Local transceivers; when none matches an m-section, the default direction applies. */
  transceivers?: TransceiverCapability[];
  /** Direction for an m-section no transceiver claims: `recvonly`, as a browser without tracks. */
  defaultDirection: Direction;
}

/** ICE credentials and DTLS fingerprint of one transport (RFC 8839 5.4, RFC 8122 5). */
export interface TransportCredentials {
  ufrag: string;
  pwd: string;
  fingerprints: { algorithm: string; fingerprint: string }[];
}
