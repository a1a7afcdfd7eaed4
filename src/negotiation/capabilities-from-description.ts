/**
 * `capabilitiesFromDescription`: what an endpoint revealed about itself in an SDP it
 * wrote. An offer lists every codec, header extension and data channel limit its writer
 * supports (RFC 9429 5.2.1), so a browser's own offer is a faithful capability list.
 */
import { type MediaSection, parse, type SessionDescription } from 'switchboard/sdp';
import type {
  Capabilities,
  CodecCapability,
  HeaderExtensionCapability,
  RtpKind,
} from './capabilities.ts';

/** RFC 8841 6: without a=max-message-size the peer accepts 64 KiB. */
export const DEFAULT_MAX_MESSAGE_SIZE = 65536;

/** The default SCTP port of RFC 8841 5 and every browser. */
export const DEFAULT_SCTP_PORT = 5000;

function isRtpKind(kind: string): kind is RtpKind {
  return kind === 'audio' || kind === 'video';
}

/** The codecs of one media section as capabilities, in m= line order. */
export function codecCapabilities(media: MediaSection): CodecCapability[] {
  const out: CodecCapability[] = [];
  for (const c of media.codecs()) {
    if (c.name === undefined || c.clockRate === undefined) continue;
    const codec: CodecCapability = {
      name: c.name,
      clockRate: c.clockRate,
      parameters: { ...c.parameters },
      feedback: [...c.feedback],
      preferredPayloadType: c.payloadType,
    };
    if (c.channels !== undefined) codec.channels = c.channels;
    out.push(codec);
  }
  return out;
}

function sameCapability(a: CodecCapability, b: CodecCapability): boolean {
  return (
    a.name.toLowerCase() === b.name.toLowerCase() &&
    a.clockRate === b.clockRate &&
    (a.channels ?? 1) === (b.channels ?? 1) &&
    JSON.stringify(a.parameters) === JSON.stringify(b.parameters)
  );
}

/**
 * The capabilities an endpoint revealed in `sdp`: codecs with fmtp and rtcp-fb and header
 * extensions per kind (first appearance wins when sections repeat them), data channel
 * limits, extmap-allow-mixed, rtcp-rsize and ICE options. Transceivers are not part of
 * it: an answer built from these capabilities receives, as a browser without tracks does.
 */
export function capabilitiesFromDescription(sdp: string | SessionDescription): Capabilities {
  const desc = typeof sdp === 'string' ? parse(sdp, { mode: 'lenient' }) : sdp;
  const caps: Capabilities = {
    codecs: { audio: [], video: [] },
    headerExtensions: { audio: [], video: [] },
    extmapAllowMixed: desc.session.has('extmap-allow-mixed'),
    rtcpRsize: false,
    iceOptions: desc.session.attribute('ice-options')?.options ?? [],
    dtlsRole: 'active',
    defaultDirection: 'recvonly',
  };
  for (const media of desc.media) {
    const kind = media.kind;
    if (caps.iceOptions.length === 0)
      caps.iceOptions = media.attribute('ice-options')?.options ?? [];
    if (media.has('extmap-allow-mixed')) caps.extmapAllowMixed = true;
    if (isRtpKind(kind)) {
      if (media.has('rtcp-rsize')) caps.rtcpRsize = true;
      const xr = media.attribute('rtcp-xr')?.formats ?? [];
      for (const f of xr) {
        caps.rtcpXr ??= [];
        if (!caps.rtcpXr.includes(f)) caps.rtcpXr.push(f);
      }
      const codecs = caps.codecs[kind];
      for (const c of codecCapabilities(media)) {
        if (!codecs.some((known) => sameCapability(known, c))) codecs.push(c);
      }
      const extensions = caps.headerExtensions[kind];
      for (const e of media.attributes('extmap')) {
        if (extensions.some((known) => known.uri === e.uri)) continue;
        const ext: HeaderExtensionCapability = { uri: e.uri, preferredId: e.id };
        extensions.push(ext);
      }
    } else if (kind === 'application' && caps.dataChannel === undefined) {
      const sctpmap = media.attribute('sctpmap');
      caps.dataChannel = {
        sctpPort: media.attribute('sctp-port')?.port ?? sctpmap?.port ?? DEFAULT_SCTP_PORT,
        maxMessageSize: media.attribute('max-message-size')?.size ?? DEFAULT_MAX_MESSAGE_SIZE,
      };
    }
  }
  if (caps.iceOptions.length === 0) caps.iceOptions = ['trickle'];
  return caps;
}
