/**
 * `codecsOfSection`: the codecs a parsed m-section offers, in m= line order, as the input
 * of `negotiateCodecs`. Each keeps its payload type, which is also the payload type its
 * writer prefers (so a browser's own offer doubles as its local codec list).
 */
import type { MediaSection } from 'switchboard/sdp';
import type { OfferedCodec } from './negotiate.ts';

/**
 * The codecs of `media` with name, clock rate, channels, fmtp parameters and rtcp-fb
 * (RFC 8866 6.6, 6.15; RFC 4585 4.2). Formats without an rtpmap and outside the static
 * table of RFC 3551 have no name and are left out: nothing can match them.
 */
export function codecsOfSection(media: MediaSection): OfferedCodec[] {
  const out: OfferedCodec[] = [];
  for (const c of media.codecs()) {
    if (c.name === undefined || c.clockRate === undefined) continue;
    const codec: OfferedCodec = {
      payloadType: c.payloadType,
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
