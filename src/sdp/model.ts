/**
 * The session description model. It is lossless by construction: a description is the
 * list of its source lines, each with its own text and terminator, and every typed view
 * is read from those lines. `serialize` writes the lines back; edits replace whole lines
 * with freshly formatted ones and leave every other line as it was.
 *
 * RFC 8866 section 5 gives the line types; section 6 and the RFCs named in the grammar
 * tables give the attributes.
 */
import type { SdpWarning } from './errors.ts';
import type { AttributeName, AttributeValues } from './grammar/index.ts';
import type {
  Bandwidth,
  Connection,
  LineValues,
  Media,
  Origin,
  Text,
  Timing,
} from './grammar/lines.ts';
import type { Direction } from './grammar/rtp.ts';
import { attributeText, type SdpLine } from './line.ts';
import { STATIC_PAYLOAD_TYPES } from './static-payload-types.ts';

/** A section: the session part (from `v=`) or one media part (from `m=`). */
export class SdpSection {
  /** The section's lines in source order; edit them only through the editing helpers. */
  readonly lines: SdpLine[];

  constructor(lines: SdpLine[] = []) {
    this.lines = lines;
  }

  /** The typed values of every well-formed `a=<name>` line, in order. */
  attributes<K extends AttributeName>(name: K): AttributeValues[K][] {
    const out: AttributeValues[K][] = [];
    for (const l of this.lines) {
      if (l.name === name && l.status === 'ok') out.push(l.value as AttributeValues[K]);
    }
    return out;
  }

  /** The typed value of the first well-formed `a=<name>` line, if any. */
  attribute<K extends AttributeName>(name: K): AttributeValues[K] | undefined {
    for (const l of this.lines) {
      if (l.name === name && l.status === 'ok') return l.value as AttributeValues[K];
    }
    return undefined;
  }

  /** The well-formed `a=<name>` lines themselves, for their line numbers and text. */
  attributeLines<K extends AttributeName>(name: K): (SdpLine & { value: AttributeValues[K] })[] {
    const out: (SdpLine & { value: AttributeValues[K] })[] = [];
    for (const l of this.lines) {
      if (l.name === name && l.status === 'ok')
        out.push(l as SdpLine & { value: AttributeValues[K] });
    }
    return out;
  }

  /**
   * Does the section carry an `a=<name>` line? Lines lenient mode kept as invalid do not
   * count; attributes without a known grammar do.
   */
  has(name: string): boolean {
    return this.lines.some((l) => l.name === name && l.status !== 'invalid');
  }

  /** Typed values of every well-formed line of a non-attribute type. */
  fields<T extends keyof LineValues>(type: T): LineValues[T][] {
    const out: LineValues[T][] = [];
    for (const l of this.lines) {
      if (l.type === type && l.status === 'ok') out.push(l.value as LineValues[T]);
    }
    return out;
  }

  /** The typed value of the first well-formed line of a non-attribute type. */
  field<T extends keyof LineValues>(type: T): LineValues[T] | undefined {
    for (const l of this.lines) {
      if (l.type === type && l.status === 'ok') return l.value as LineValues[T];
    }
    return undefined;
  }

  /** Attributes this package has no grammar for, kept as written: `{ name, value }`. */
  unknownAttributes(): { line: number; name: string; value: string | undefined }[] {
    const out: { line: number; name: string; value: string | undefined }[] = [];
    for (const l of this.lines) {
      if (l.status === 'unknown' && l.name !== undefined) {
        out.push({ line: l.line, name: l.name, value: attributeText(l) });
      }
    }
    return out;
  }

  /** `c=` of this section. */
  get connection(): Connection | undefined {
    return this.field('c');
  }

  /** Every `b=` of this section, any type. */
  get bandwidths(): Bandwidth[] {
    return this.fields('b');
  }

  /** The direction attribute of this section, if it has one. */
  get direction(): Direction | undefined {
    for (const l of this.lines) {
      const n = l.name;
      if (n === 'sendrecv' || n === 'sendonly' || n === 'recvonly' || n === 'inactive') return n;
    }
    return undefined;
  }
}

/** The session-level part of a description: `v=` up to the first `m=`. */
export class SessionSection extends SdpSection {
  /** `o=`. */
  get origin(): Origin | undefined {
    return this.field('o');
  }

  /** `s=` text. */
  get name(): Text | undefined {
    return this.field('s');
  }

  /** Every `t=`. */
  get timing(): Timing[] {
    return this.fields('t');
  }
}

/** One codec of a media section, joined from the m= line, rtpmap, fmtp and rtcp-fb. */
export interface Codec {
  payloadType: number;
  /** From rtpmap, or from the RFC 3551 static table for payload types without one. */
  name: string | undefined;
  clockRate: number | undefined;
  channels: number | undefined;
  /** The fmtp parameter string, as written. */
  fmtp: string | undefined;
  /** `name -> value` from fmtp; bare pieces map to `''`. */
  parameters: Record<string, string>;
  /** rtcp-fb for this payload type followed by the `*` ones, as `type[ parameter]`. */
  feedback: string[];
}

/** A media section: `m=` and the lines up to the next `m=`. */
export class MediaSection extends SdpSection {
  /**
   * The `m=` line's typed value. For an m= line lenient mode kept as invalid this is a
   * placeholder with port 0 and no formats; `lines[0].status` tells.
   */
  get media(): Media {
    return this.field('m') ?? { media: '', port: 0, protocol: '', formats: [] };
  }

  /** `audio`, `video`, `application`, ... */
  get kind(): string {
    return this.media.media;
  }

  /** The section's `a=mid`, if any. */
  get mid(): string | undefined {
    return this.attribute('mid')?.mid;
  }

  /** Port 0 without `a=bundle-only`: the section was rejected or stopped (RFC 9429 5.2.2). */
  get rejected(): boolean {
    return this.media.port === 0 && !this.has('bundle-only');
  }

  /** The codecs in m= line order. */
  codecs(): Codec[] {
    const byPt = new Map<number, Codec>();
    const out: Codec[] = [];
    for (const fmt of this.media.formats) {
      if (!/^\d{1,3}$/.test(fmt)) continue;
      const pt = Number(fmt);
      const known = STATIC_PAYLOAD_TYPES[pt];
      const codec: Codec = {
        payloadType: pt,
        name: known?.[0],
        clockRate: known?.[1],
        channels: known?.[2],
        fmtp: undefined,
        parameters: {},
        feedback: [],
      };
      byPt.set(pt, codec);
      out.push(codec);
    }
    const wildcard: string[] = [];
    for (const l of this.lines) {
      if (l.status !== 'ok') continue;
      if (l.name === 'rtpmap') {
        const v = l.value as AttributeValues['rtpmap'];
        const c = byPt.get(v.payloadType);
        if (c) {
          c.name = v.encodingName;
          c.clockRate = v.clockRate;
          c.channels = v.channels;
        }
      } else if (l.name === 'fmtp') {
        const v = l.value as AttributeValues['fmtp'];
        const c = byPt.get(v.payloadType);
        if (c) {
          c.fmtp = v.config;
          for (const p of v.parameters) c.parameters[p.name] = p.value ?? '';
        }
      } else if (l.name === 'rtcp-fb') {
        const v = l.value as AttributeValues['rtcp-fb'];
        const fb = v.parameter === undefined ? v.type : `${v.type} ${v.parameter}`;
        if (v.payloadType === '*') wildcard.push(fb);
        else byPt.get(v.payloadType)?.feedback.push(fb);
      }
    }
    if (wildcard.length > 0) for (const c of out) c.feedback.push(...wildcard);
    return out;
  }
}

/** A parsed session description. */
export class SessionDescription {
  /** The session-level lines. */
  readonly session: SessionSection;
  /** The media sections in m= line order. */
  readonly media: MediaSection[];
  /** What lenient mode accepted, and what both modes tolerate (LF endings, no final EOL). */
  readonly warnings: SdpWarning[];
  /** A leading byte order mark that lenient mode kept, or `''`. */
  bom: string;

  constructor(
    session: SessionSection,
    media: MediaSection[],
    warnings: SdpWarning[] = [],
    bom = '',
  ) {
    this.session = session;
    this.media = media;
    this.warnings = warnings;
    this.bom = bom;
  }

  /** Every section, session first. */
  sections(): SdpSection[] {
    return [this.session, ...this.media];
  }

  /** The media section with this mid. */
  mediaByMid(mid: string): MediaSection | undefined {
    return this.media.find((m) => m.mid === mid);
  }

  /** Attributes without a known grammar anywhere in the description. */
  unknownAttributes(): { line: number; name: string; value: string | undefined }[] {
    return this.sections().flatMap((s) => s.unknownAttributes());
  }

  /** The terminator most lines use; new lines from edits get this one. */
  get eol(): string {
    for (const s of this.sections()) {
      for (const l of s.lines) if (l.eol !== '') return l.eol;
    }
    return '\r\n';
  }
}
