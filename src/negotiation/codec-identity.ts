/**
 * Codec identity: what makes a codec of one description the same codec in another, so
 * that later offers keep its payload type (RFC 9429 5.2.2) even when the numbers that
 * `apt=` and RED's redundancy list reference differ between the two.
 */
import type { Codec, MediaSection } from 'switchboard/sdp';

/** RED's redundancy list in fmtp (RFC 2198 5): payload types separated by `/`. */
const PT_LIST = /^\d+(\/\d+)*$/;

/** A codec as `codecIdentities` sees it: from capabilities or from a parsed m-section. */
export interface CodecLike {
  name: string;
  clockRate: number;
  channels?: number;
  parameters: Readonly<Record<string, string>>;
  /** The payload type that other codecs' references (`apt=`, RED's list) name. */
  payloadType?: number;
}

/**
 * What identifies each codec of one list across descriptions: name (case-insensitive),
 * clock rate, channels and fmtp parameters, with payload type references (rtx `apt=`,
 * RED's `111/111`) replaced by the identity of the codec they name. `undefined` for a
 * codec whose reference names no codec of the list.
 */
export function codecIdentities(codecs: readonly CodecLike[]): (string | undefined)[] {
  const byPayloadType = new Map<number, number>();
  codecs.forEach((c, i) => {
    if (c.payloadType !== undefined && !byPayloadType.has(c.payloadType)) {
      byPayloadType.set(c.payloadType, i);
    }
  });
  const identity = (i: number, depth: number): string | undefined => {
    const c = codecs[i] as CodecLike;
    if (depth > 3) return undefined;
    const plain: string[] = [];
    const refs: string[] = [];
    for (const [name, value] of Object.entries(c.parameters)) {
      const list =
        name === 'apt' ? [value] : value === '' && PT_LIST.test(name) ? name.split('/') : null;
      if (list === null) {
        plain.push(`${name.toLowerCase()}=${value}`);
        continue;
      }
      const named = list.map((pt) => {
        const j = byPayloadType.get(Number(pt));
        return j === undefined || j === i ? undefined : identity(j, depth + 1);
      });
      if (named.some((k) => k === undefined)) return undefined;
      refs.push(`${name === 'apt' ? 'apt' : 'list'}=(${named.join('/')})`);
    }
    plain.sort();
    return [`${c.name.toLowerCase()}/${c.clockRate}/${c.channels ?? 1}`, ...plain, ...refs].join(
      ';',
    );
  };
  return codecs.map((_, i) => identity(i, 0));
}

/** The codecs of a parsed m-section as `CodecLike`, skipping those without rtpmap. */
export function parsedCodecs(media: MediaSection): CodecLike[] {
  const out: CodecLike[] = [];
  for (const c of media.codecs() as Codec[]) {
    if (c.name === undefined || c.clockRate === undefined) continue;
    const codec: CodecLike = {
      name: c.name,
      clockRate: c.clockRate,
      parameters: c.parameters,
      payloadType: c.payloadType,
    };
    if (c.channels !== undefined) codec.channels = c.channels;
    out.push(codec);
  }
  return out;
}
