/**
 * The m= formats of two media sections: RTP codecs keyed by payload type (rtpmap, fmtp
 * parameters, rtcp-fb) with their preference order, and non-RTP formats as a set.
 */
import { type Collector, same } from './diff-collector.ts';
import type { Codec, MediaSection } from './model.ts';

/**
 * The m= formats: RTP payload types as codecs keyed by number, with their order as one
 * value; other formats (`webrtc-datachannel`) as a set.
 */
export function compareFormats(d: Collector, path: string, x: MediaSection, y: MediaSection): void {
  const rtp = (f: string) => /^\d{1,3}$/.test(f);
  d.set(
    `${path}.formats`,
    x.media.formats.filter((f) => !rtp(f)),
    y.media.formats.filter((f) => !rtp(f)),
  );
  const ca = x.codecs();
  const cb = y.codecs();
  // Order is the preference (RFC 3264 5.1): report it when the shared codecs moved.
  const inB = new Set(cb.map((c) => c.payloadType));
  const inA = new Set(ca.map((c) => c.payloadType));
  const sharedA = ca.filter((c) => inB.has(c.payloadType)).map((c) => c.payloadType);
  const sharedB = cb.filter((c) => inA.has(c.payloadType)).map((c) => c.payloadType);
  if (!same(sharedA, sharedB)) {
    d.value(
      `${path}.codecs.order`,
      ca.map((c) => c.payloadType),
      cb.map((c) => c.payloadType),
    );
  }
  const byPt = (cs: Codec[]) => new Map(cs.map((c) => [String(c.payloadType), c]));
  d.keyed(`${path}.codecs`, byPt(ca), byPt(cb), describeCodec, (p, ka, kb) => {
    d.value(`${p}.name`, ka.name, kb.name);
    d.value(`${p}.clockRate`, ka.clockRate, kb.clockRate);
    // No channel count means one (RFC 8866 6.6): `G722/8000` and `G722/8000/1` agree.
    d.value(`${p}.channels`, ka.channels ?? 1, kb.channels ?? 1);
    d.entries(
      `${p}.fmtp`,
      new Map(Object.entries(ka.parameters)),
      new Map(Object.entries(kb.parameters)),
    );
    d.set(`${p}.rtcp-fb`, ka.feedback, kb.feedback);
  });
}

/** `VP9/90000 profile-id=0`, `opus/48000/2`, or `?` without an rtpmap. */
function describeCodec(c: Codec): string {
  let s = c.name === undefined ? '?' : `${c.name}/${c.clockRate}`;
  if (c.channels !== undefined) s += `/${c.channels}`;
  return c.fmtp === undefined ? s : `${s} ${c.fmtp}`;
}
