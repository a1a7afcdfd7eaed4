/**
 * Checks of RTP m-sections: payload types and the attributes that refer to them
 * (RFC 8866, RFC 5761, RFC 4588, RFC 2198), SSRC groups (RFC 5576), header extension
 * ids (RFC 8285) and simulcast (RFC 8851, RFC 8853). Only live RTP m-sections are checked.
 */
import type { AttributeValues } from './grammar/index.ts';
import type { SdpLine } from './line.ts';
import type { MediaSection } from './model.ts';
import { attributeLines, type CheckContext, isRtpProtocol } from './validate-context.ts';

/** RTCP packet types 192-223 with the marker bit cleared: 64-95 (RFC 5761 4). */
const RTCP_CONFLICT_MIN = 64;
const RTCP_CONFLICT_MAX = 95;
/** Header extension ids: 1-14 in one-byte headers, 1-255 in two-byte ones (RFC 8285 4.2, 4.3). */
const MAX_ONE_BYTE_ID = 14;
const MAX_TWO_BYTE_ID = 255;
/** The RtpStreamId header extension simulcast needs (RFC 8852). */
const RID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';
/** SSRC group semantics that pair exactly one media SSRC with one repair SSRC. */
const PAIR_SEMANTICS = new Set(['FID', 'FEC-FR']);

/** The live RTP m-sections with their indexes. */
function* rtpSections(ctx: CheckContext): Generator<[index: number, section: MediaSection]> {
  for (const [i, section] of ctx.live()) {
    if (isRtpProtocol(section.media.protocol)) yield [i, section];
  }
}

/**
 * Every m= format of an RTP section is a payload type 0-127 (RFC 3550 5.1), outside 64-95
 * when RTCP is multiplexed (RFC 5761 4); rtpmap, fmtp, rtcp-fb and rid pt= name listed
 * payload types; rtx names its media payload type with apt=, and RED its redundant ones,
 * among the listed ones (RFC 4588, RFC 2198 5).
 */
export function checkPayloadTypes(ctx: CheckContext): void {
  for (const [i, section] of rtpSections(ctx)) {
    const site = { section: i, line: ctx.mLine(i) };
    const listed = new Set<number>();
    const mux = section.has('rtcp-mux');
    for (const format of section.media.formats) {
      const pt = /^\d{1,3}$/.test(format) ? Number(format) : -1;
      if (pt < 0 || pt > 127) {
        ctx.report('SDP_PROBLEM_PAYLOAD_TYPE_RANGE', `format "${format}" is not 0-127`, site);
        continue;
      }
      listed.add(pt);
      if (mux && pt >= RTCP_CONFLICT_MIN && pt <= RTCP_CONFLICT_MAX) {
        ctx.report(
          'SDP_PROBLEM_PAYLOAD_TYPE_RTCP_CONFLICT',
          `payload type ${pt} collides with RTCP under a=rtcp-mux`,
          site,
        );
      }
    }
    const unlisted = (line: SdpLine, pt: number) => {
      if (listed.has(pt)) return;
      ctx.report(
        'SDP_PROBLEM_UNLISTED_PAYLOAD_TYPE',
        `a=${line.name} names payload type ${pt}, which the m= line does not list`,
        { section: i, line },
      );
    };
    for (const [line, v] of attributeLines(section.lines, 'rtpmap')) unlisted(line, v.payloadType);
    for (const [line, v] of attributeLines(section.lines, 'fmtp')) unlisted(line, v.payloadType);
    for (const [line, v] of attributeLines(section.lines, 'rtcp-fb')) {
      if (v.payloadType !== '*') unlisted(line, v.payloadType);
    }
    for (const [line, v] of attributeLines(section.lines, 'rid')) {
      for (const pt of v.payloadTypes ?? []) unlisted(line, pt);
    }
    checkAssociated(ctx, i, section, listed);
  }
}

/** rtx and RED refer to the payload types they carry (RFC 4588, RFC 2198 5). */
function checkAssociated(
  ctx: CheckContext,
  i: number,
  section: MediaSection,
  listed: ReadonlySet<number>,
): void {
  const fmtps = new Map<number, [SdpLine, AttributeValues['fmtp']]>();
  for (const entry of attributeLines(section.lines, 'fmtp')) fmtps.set(entry[1].payloadType, entry);
  for (const [line, map] of attributeLines(section.lines, 'rtpmap')) {
    if (!listed.has(map.payloadType)) continue;
    const name = map.encodingName.toLowerCase();
    const fmtp = fmtps.get(map.payloadType);
    const bad = (message: string, at: SdpLine) =>
      ctx.report('SDP_PROBLEM_ASSOCIATED_PAYLOAD_TYPE', message, { section: i, line: at });
    if (name === 'rtx') {
      const apt = fmtp?.[1].parameters.find((p) => p.name === 'apt')?.value;
      if (apt === undefined) bad(`rtx payload type ${map.payloadType} has no apt=`, line);
      else if (!/^\d{1,3}$/.test(apt) || !listed.has(Number(apt))) {
        bad(`rtx apt=${apt} is not a payload type of the m= line`, fmtp?.[0] ?? line);
      }
    } else if (name === 'red' && fmtp !== undefined) {
      for (const pt of fmtp[1].config.trim().split('/')) {
        if (!/^\d{1,3}$/.test(pt) || !listed.has(Number(pt))) {
          bad(`RED redundancy "${pt}" is not a payload type of the m= line`, fmtp[0]);
        }
      }
    }
  }
}

/**
 * FID and FEC-FR groups pair exactly two SSRCs (RFC 5576 4.2; libwebrtc ValidateSsrcGroups),
 * and every grouped SSRC is described by a=ssrc lines in the same m-section.
 */
export function checkSsrcGroups(ctx: CheckContext): void {
  for (const [i, section] of rtpSections(ctx)) {
    const described = new Set(section.attributes('ssrc').map((s) => s.ssrc));
    for (const [line, group] of attributeLines(section.lines, 'ssrc-group')) {
      if (PAIR_SEMANTICS.has(group.semantics) && group.ssrcs.length !== 2) {
        ctx.report(
          'SDP_PROBLEM_SSRC_GROUP_SIZE',
          `ssrc-group:${group.semantics} has ${group.ssrcs.length} SSRCs; it takes 2`,
          { section: i, line },
        );
      }
      for (const ssrc of group.ssrcs) {
        if (described.has(ssrc)) continue;
        ctx.report(
          'SDP_PROBLEM_SSRC_GROUP_UNKNOWN_SSRC',
          `ssrc-group:${group.semantics} names SSRC ${ssrc}, which has no a=ssrc line`,
          { section: i, line },
        );
      }
    }
  }
}

/**
 * Header extension ids are 1-14, or 1-255 where a=extmap-allow-mixed (session or media
 * level) allows two-byte headers (RFC 8285 4.2, 4.3, 6); an m-section declares each id
 * once, counting the session-level extmaps it inherits.
 */
export function checkExtmaps(ctx: CheckContext): void {
  const session = ctx.desc.session;
  const sessionMixed = session.has('extmap-allow-mixed');
  const sessionIds = new Set<number>();
  checkIds(ctx, undefined, attributeLines(session.lines, 'extmap'), sessionMixed, sessionIds);
  for (const [i, section] of rtpSections(ctx)) {
    const mixed = sessionMixed || section.has('extmap-allow-mixed');
    checkIds(ctx, i, attributeLines(section.lines, 'extmap'), mixed, new Set(sessionIds));
  }
}

function checkIds(
  ctx: CheckContext,
  section: number | undefined,
  extmaps: [SdpLine, AttributeValues['extmap']][],
  mixed: boolean,
  seen: Set<number>,
): void {
  const max = mixed ? MAX_TWO_BYTE_ID : MAX_ONE_BYTE_ID;
  for (const [line, { id, uri }] of extmaps) {
    if (id < 1 || id > max) {
      const why = mixed ? '' : ' without a=extmap-allow-mixed';
      ctx.report('SDP_PROBLEM_EXTMAP_ID_RANGE', `extmap id ${id} is not 1-${max}${why}`, {
        section,
        line,
      });
    }
    if (seen.has(id)) {
      ctx.report('SDP_PROBLEM_DUPLICATE_EXTMAP_ID', `extmap id ${id} (${uri}) is declared twice`, {
        section,
        line,
      });
    }
    seen.add(id);
  }
}

/**
 * Every rid of a=simulcast is defined by an a=rid line of the matching direction
 * (RFC 8853 5.1), and the m-section negotiates the RtpStreamId header extension, without
 * which simulcast streams cannot be told apart (libwebrtc
 * ValidateRtpHeaderExtensionsForSpecSimulcast).
 */
export function checkSimulcast(ctx: CheckContext): void {
  for (const [i, section] of rtpSections(ctx)) {
    const simulcast = attributeLines(section.lines, 'simulcast')[0];
    if (simulcast === undefined) continue;
    const [line, value] = simulcast;
    const rids = new Set(section.attributes('rid').map((r) => `${r.direction} ${r.id}`));
    for (const direction of ['send', 'recv'] as const) {
      for (const stream of value[direction] ?? []) {
        for (const { rid } of stream) {
          if (rids.has(`${direction} ${rid}`)) continue;
          ctx.report(
            'SDP_PROBLEM_SIMULCAST_UNKNOWN_RID',
            `simulcast ${direction} rid "${rid}" has no a=rid:${rid} ${direction}`,
            { section: i, line },
          );
        }
      }
    }
    const extensions = [...section.attributes('extmap'), ...ctx.desc.session.attributes('extmap')];
    if (!extensions.some((e) => e.uri === RID_EXTENSION)) {
      ctx.report(
        'SDP_PROBLEM_SIMULCAST_WITHOUT_RID_EXTENSION',
        `m-section ${i} has a=simulcast but no extmap for ${RID_EXTENSION}`,
        { section: i, line },
      );
    }
  }
}
