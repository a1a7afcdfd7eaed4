/**
 * Checks of media identification and BUNDLE: a=mid (RFC 5888 4), a=group:BUNDLE
 * (RFC 9143), and what bundled m-sections must agree on because they share one RTP
 * session (RFC 9143 9).
 */

import type { SdpLine } from './line.ts';
import type { MediaSection } from './model.ts';
import { attributeLines, type CheckContext, isRtpProtocol } from './validate-context.ts';

/** libwebrtc's kMidMaxSize: longer mids fail setRemoteDescription. */
const MAX_MID_LENGTH = 32;

/**
 * Every m-section has exactly one a=mid, and no two carry the same value. Rejected
 * m-sections count too: JSEP keeps their mid (RFC 9429 5.3.1), and libwebrtc's
 * ValidateMids looks at every m-section.
 */
export function checkMids(ctx: CheckContext): void {
  const owner = new Map<string, number>();
  ctx.desc.media.forEach((section, i) => {
    const mids = attributeLines(section.lines, 'mid');
    if (mids.length === 0) {
      ctx.report('SDP_PROBLEM_MISSING_MID', `m-section ${i} has no a=mid`, {
        section: i,
        line: ctx.mLine(i),
      });
    }
    for (const [line, { mid }] of mids) {
      const first = owner.get(mid);
      if (first !== undefined) {
        const where = first === i ? 'earlier in this m-section' : `by m-section ${first}`;
        ctx.report('SDP_PROBLEM_DUPLICATE_MID', `mid "${mid}" is already used ${where}`, {
          section: i,
          line,
        });
      } else {
        owner.set(mid, i);
      }
      if (mid.length > MAX_MID_LENGTH) {
        ctx.report(
          'SDP_PROBLEM_MID_TOO_LONG',
          `mid "${mid}" has ${mid.length} characters; browsers accept ${MAX_MID_LENGTH}`,
          { section: i, line },
        );
      }
    }
  });
}

/** Every BUNDLE mid names an m-section, and each mid sits in at most one place. */
export function checkBundleGroups(ctx: CheckContext): void {
  const mids = new Set(ctx.desc.media.map((m) => m.mid));
  const placed = new Set<string>();
  for (const bundle of ctx.bundles) {
    for (const mid of bundle.mids) {
      if (!mids.has(mid)) {
        ctx.report(
          'SDP_PROBLEM_BUNDLE_UNKNOWN_MID',
          `BUNDLE names mid "${mid}"; no m-section has it`,
          {
            line: bundle.line,
          },
        );
      }
      if (placed.has(mid)) {
        ctx.report('SDP_PROBLEM_BUNDLE_REPEATED_MID', `mid "${mid}" is bundled twice`, {
          line: bundle.line,
        });
      }
      placed.add(mid);
    }
  }
}

/** The live m-sections of each BUNDLE group, in group order. */
function* bundledSections(ctx: CheckContext): Generator<[index: number, section: MediaSection][]> {
  for (const bundle of ctx.bundles) {
    const members: [number, MediaSection][] = [];
    const seen = new Set<number>();
    for (const mid of bundle.mids) {
      const i = ctx.desc.media.findIndex((m) => m.mid === mid);
      const section = ctx.desc.media[i];
      if (section === undefined || section.rejected || seen.has(i)) continue;
      seen.add(i);
      members.push([i, section]);
    }
    yield members;
  }
}

/** Bundled RTP m-sections multiplex RTCP (RFC 9143 9.3; RFC 9429 5.8). */
export function checkBundleRtcpMux(ctx: CheckContext): void {
  for (const members of bundledSections(ctx)) {
    for (const [i, section] of members) {
      if (isRtpProtocol(section.media.protocol) && !section.has('rtcp-mux')) {
        ctx.report(
          'SDP_PROBLEM_BUNDLE_WITHOUT_RTCP_MUX',
          `bundled m-section ${i} lacks a=rtcp-mux`,
          {
            section: i,
            line: ctx.mLine(i),
          },
        );
      }
    }
  }
}

/**
 * In one BUNDLE group an extmap id names one extension (RFC 9143 9.4), and a payload type
 * one codec configuration (RFC 9143 9.1.1). Codecs compare by media kind, encoding name
 * (case-insensitive), clock rate, channels and fmtp parameters (in any order); libwebrtc
 * also compares rtcp-fb, which this check leaves out.
 */
export function checkBundleConsistency(ctx: CheckContext): void {
  const sessionExtmaps = attributeLines(ctx.desc.session.lines, 'extmap');
  for (const members of bundledSections(ctx)) {
    const extensions = new Map<number, string>();
    const codecs = new Map<number, string>();
    for (const [i, section] of members) {
      if (!isRtpProtocol(section.media.protocol)) continue;
      for (const [line, ext] of [...sessionExtmaps, ...attributeLines(section.lines, 'extmap')]) {
        const key = `${ext.encrypt ? 'encrypted ' : ''}${ext.uri}`;
        const known = extensions.get(ext.id);
        if (known === undefined) extensions.set(ext.id, key);
        else if (known !== key) {
          ctx.report(
            'SDP_PROBLEM_BUNDLE_EXTMAP_CONFLICT',
            `extmap id ${ext.id} is ${key} here but ${known} elsewhere in the BUNDLE group`,
            { section: i, line },
          );
        }
      }
      const rtpmaps = new Map<number, SdpLine>();
      for (const [line, map] of attributeLines(section.lines, 'rtpmap')) {
        rtpmaps.set(map.payloadType, line);
      }
      for (const codec of section.codecs()) {
        const params = Object.entries(codec.parameters)
          .map(([k, v]) => `${k}=${v}`)
          .sort()
          .join(';');
        const name = codec.name?.toLowerCase() ?? '?';
        const key = `${section.kind} ${name}/${codec.clockRate}/${codec.channels ?? 1} ${params}`;
        const known = codecs.get(codec.payloadType);
        if (known === undefined) codecs.set(codec.payloadType, key);
        else if (known !== key) {
          ctx.report(
            'SDP_PROBLEM_BUNDLE_PAYLOAD_TYPE_CONFLICT',
            `payload type ${codec.payloadType} is "${key}" here but "${known}" elsewhere in the BUNDLE group`,
            { section: i, line: rtpmaps.get(codec.payloadType) ?? ctx.mLine(i) },
          );
        }
      }
    }
  }
}
