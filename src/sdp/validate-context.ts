/**
 * What the checks of `validate` share: the description, its type, the BUNDLE layout
 * worked out once, and the list problems are reported into.
 */
import type { AttributeName, AttributeValues } from './grammar/index.ts';
import type { SdpLine } from './line.ts';
import type { MediaSection, SessionDescription } from './model.ts';
import type { SdpProblemCode } from './problems.ts';
import type { SdpProblem, ValidateOptions } from './validate.ts';

/** One `a=group:BUNDLE` line. */
export interface BundleGroup {
  readonly mids: readonly string[];
  readonly line: SdpLine;
  /**
   * The index of the m-section whose transport the group uses: the first mid of the group
   * that names an m-section that is not rejected (RFC 9143 "BUNDLE-tag"; libwebrtc takes
   * the first mid). Undefined when no mid of the group names a live m-section.
   */
  readonly tag: number | undefined;
}

/** Where a problem sits: a media index (none for the session part) and the offending line. */
export interface ProblemSite {
  readonly section?: number;
  readonly line?: SdpLine;
}

/** The state one `validate` run shares between its checks. */
export class CheckContext {
  /** What the checks found, in the order they found it. */
  readonly problems: SdpProblem[] = [];
  /** Every BUNDLE group, in order. */
  readonly bundles: BundleGroup[] = [];
  /** Each bundled mid's first BUNDLE group. */
  readonly bundleByMid = new Map<string, BundleGroup>();

  constructor(
    readonly desc: SessionDescription,
    readonly type: ValidateOptions['type'],
  ) {
    for (const line of desc.session.lines) {
      if (line.name !== 'group' || line.status !== 'ok') continue;
      const group = line.value as AttributeValues['group'];
      if (group.semantics !== 'BUNDLE') continue;
      const tag = group.mids
        .map((mid) => desc.media.findIndex((m) => m.mid === mid))
        .find((i) => i >= 0 && !(desc.media[i] as MediaSection).rejected);
      const bundle: BundleGroup = { mids: group.mids, line, tag };
      this.bundles.push(bundle);
      for (const mid of group.mids) {
        if (!this.bundleByMid.has(mid)) this.bundleByMid.set(mid, bundle);
      }
    }
  }

  /** Records a problem; the mid comes from the section, the line number from the line. */
  report(code: SdpProblemCode, message: string, site: ProblemSite = {}): void {
    const problem: SdpProblem = { code, message };
    if (site.section !== undefined) {
      problem.section = site.section;
      const mid = this.desc.media[site.section]?.mid;
      if (mid !== undefined) problem.mid = mid;
    }
    if (site.line !== undefined && site.line.line > 0) problem.line = site.line.line;
    this.problems.push(problem);
  }

  /** The m-sections in order with their indexes, rejected ones left out (RFC 9429 5.2.2). */
  *live(): Generator<[index: number, section: MediaSection]> {
    for (let i = 0; i < this.desc.media.length; i++) {
      const section = this.desc.media[i] as MediaSection;
      if (!section.rejected) yield [i, section];
    }
  }

  /**
   * Does the m-section carry its own transport? Not when rejected, and not when it is
   * bundled behind another m-section: only the BUNDLE-tag section has to carry ICE and DTLS
   * attributes (RFC 9143 7; libwebrtc VerifyIceUfragPwdPresent and VerifyCrypto).
   */
  ownsTransport(index: number): boolean {
    const section = this.desc.media[index];
    if (section === undefined || section.rejected) return false;
    const mid = section.mid;
    const bundle = mid === undefined ? undefined : this.bundleByMid.get(mid);
    return bundle === undefined || bundle.tag === undefined || bundle.tag === index;
  }

  /** The m= line of a section, to point at when the problem is something missing. */
  mLine(index: number): SdpLine | undefined {
    return this.desc.media[index]?.lines.find((l) => l.type === 'm');
  }

  /** The section's own well-formed `a=<name>` value, else the session-level one. */
  inherited<K extends AttributeName>(
    section: MediaSection,
    name: K,
  ): AttributeValues[K] | undefined {
    return section.attribute(name) ?? this.desc.session.attribute(name);
  }
}

/** The well-formed `a=<name>` lines of a section, with their typed values. */
export function attributeLines<K extends AttributeName>(
  lines: readonly SdpLine[],
  name: K,
): [line: SdpLine, value: AttributeValues[K]][] {
  const out: [SdpLine, AttributeValues[K]][] = [];
  for (const l of lines) {
    if (l.name === name && l.status === 'ok') out.push([l, l.value as AttributeValues[K]]);
  }
  return out;
}

/** Is the m= protocol RTP-based (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`, ...)? */
export function isRtpProtocol(protocol: string): boolean {
  return protocol.toUpperCase().split('/').includes('RTP');
}

/** Is the m= protocol secured by DTLS (`UDP/TLS/RTP/SAVPF`, `UDP/DTLS/SCTP`, ...)? RFC 8842 */
export function isDtlsProtocol(protocol: string): boolean {
  const parts = protocol.toUpperCase().split('/');
  return parts.includes('TLS') || parts.includes('DTLS');
}

/** Is the m= protocol SCTP for data channels (`UDP/DTLS/SCTP`, `DTLS/SCTP`, ...)? RFC 8841 */
export function isSctpProtocol(protocol: string): boolean {
  return protocol.toUpperCase().split('/').includes('SCTP');
}
