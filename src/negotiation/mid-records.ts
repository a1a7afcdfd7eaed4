/**
 * Mid records: what an applied local description negotiated per mid (payload types by
 * codec identity, header extension ids by URI), which the session keeps so that later
 * offers assign the same numbers again.
 */
import type { SessionDescription } from 'switchboard/sdp';
import { codecIdentities, parsedCodecs } from './codec-identity.ts';

/** What the applied local description negotiated for one mid. */
export interface MidRecord {
  /** The m= media kind: `audio`, `video`, `application`, ... */
  readonly kind: string;
  /** Codec identity (see `codecIdentities`) -> payload type, for the codecs listed. */
  readonly payloadTypes: ReadonlyMap<string, number>;
  /** Header extension URI -> extmap id. */
  readonly extensionIds: ReadonlyMap<string, number>;
}

/** Per-mid payload types and extension ids of a description. */
export function midRecordsOf(desc: SessionDescription): Map<string, MidRecord> {
  const out = new Map<string, MidRecord>();
  for (const media of desc.media) {
    const mid = media.mid;
    if (mid === undefined) continue;
    const codecs = parsedCodecs(media);
    const payloadTypes = new Map<string, number>();
    codecIdentities(codecs).forEach((key, i) => {
      const pt = codecs[i]?.payloadType;
      if (key !== undefined && pt !== undefined && !payloadTypes.has(key)) {
        payloadTypes.set(key, pt);
      }
    });
    const extensionIds = new Map<string, number>();
    for (const e of [...desc.session.attributes('extmap'), ...media.attributes('extmap')]) {
      if (!extensionIds.has(e.uri)) extensionIds.set(e.uri, e.id);
    }
    out.set(mid, { kind: media.kind, payloadTypes, extensionIds });
  }
  return out;
}
