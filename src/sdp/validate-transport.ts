/**
 * Checks of the transport attributes: ICE credentials (RFC 8839 5.4), DTLS fingerprint and
 * role (RFC 8122, RFC 8842) and the SCTP port of data channels (RFC 8841). Rejected
 * m-sections have no transport and are skipped.
 */

import type { SdpLine } from './line.ts';
import type { MediaSection } from './model.ts';
import {
  attributeLines,
  type CheckContext,
  isDtlsProtocol,
  isSctpProtocol,
} from './validate-context.ts';

/** `ice-char = ALPHA / DIGIT / "+" / "/"` (RFC 8839 5.4): ufrag 4-256, pwd 22-256 of them. */
const ICE_UFRAG = /^[A-Za-z0-9+/]{4,256}$/;
const ICE_PWD = /^[A-Za-z0-9+/]{22,256}$/;

/** The lines whose ICE and DTLS attributes are in force: the session's and the live sections'. */
function* transportLines(ctx: CheckContext): Generator<[section: number | undefined, SdpLine[]]> {
  yield [undefined, ctx.desc.session.lines];
  for (const [i, section] of ctx.live()) yield [i, section.lines];
}

/**
 * Each m-section that carries its own transport has an ice-ufrag and an ice-pwd, at media
 * or session level; every ufrag and pwd present is well-formed.
 */
export function checkIce(ctx: CheckContext): void {
  ctx.desc.media.forEach((section, i) => {
    if (!ctx.ownsTransport(i)) return;
    const missing = (['ice-ufrag', 'ice-pwd'] as const).filter(
      (name) => ctx.inherited(section, name) === undefined,
    );
    if (missing.length > 0) {
      ctx.report(
        'SDP_PROBLEM_MISSING_ICE_CREDENTIALS',
        `m-section ${i} has no ${missing.map((n) => `a=${n}`).join(' or ')}`,
        { section: i, line: ctx.mLine(i) },
      );
    }
  });
  for (const [section, lines] of transportLines(ctx)) {
    for (const [line, { ufrag }] of attributeLines(lines, 'ice-ufrag')) {
      if (!ICE_UFRAG.test(ufrag)) {
        ctx.report(
          'SDP_PROBLEM_ICE_UFRAG_INVALID',
          `ice-ufrag "${ufrag}" is not 4-256 of A-Z a-z 0-9 + /`,
          { section, line },
        );
      }
    }
    for (const [line, { pwd }] of attributeLines(lines, 'ice-pwd')) {
      if (!ICE_PWD.test(pwd)) {
        ctx.report(
          'SDP_PROBLEM_ICE_PWD_INVALID',
          `ice-pwd has ${pwd.length} characters; it takes 22-256 of A-Z a-z 0-9 + /`,
          { section, line },
        );
      }
    }
  }
}

/**
 * Each DTLS m-section that carries its own transport has a fingerprint (media or session
 * level). In an answer or pranswer every a=setup is active or passive (RFC 8842 5.3); an
 * offer may say active or passive as well as actpass (RFC 8842 5.3 asks answerers to
 * accept them, and libwebrtc does), but not holdconn, which libwebrtc rejects.
 */
export function checkDtls(ctx: CheckContext): void {
  ctx.desc.media.forEach((section, i) => {
    if (!ctx.ownsTransport(i) || !isDtlsProtocol(section.media.protocol)) return;
    if (ctx.inherited(section, 'fingerprint') === undefined) {
      ctx.report('SDP_PROBLEM_MISSING_FINGERPRINT', `m-section ${i} has no a=fingerprint`, {
        section: i,
        line: ctx.mLine(i),
      });
    }
  });
  const answer = ctx.type !== 'offer';
  for (const [section, lines] of transportLines(ctx)) {
    for (const [line, { role }] of attributeLines(lines, 'setup')) {
      if (answer ? role !== 'active' && role !== 'passive' : role === 'holdconn') {
        const allowed = answer ? 'active or passive' : 'actpass, active or passive';
        ctx.report('SDP_PROBLEM_SETUP_ROLE', `setup:${role} in an ${ctx.type}; use ${allowed}`, {
          section,
          line,
        });
      }
    }
  }
}

/**
 * A data channel m-section names its SCTP port: a=sctp-port (RFC 8841 5.2), or a=sctpmap
 * in the older DTLS/SCTP form (draft-ietf-mmusic-sctp-sdp-05). libwebrtc falls back to
 * port 5000 when both are absent, so this is stricter than Chrome: every browser writes
 * the port, and a section without one is usually hand-built or cut short.
 */
export function checkSctp(ctx: CheckContext): void {
  for (const [i, section] of ctx.live()) {
    if (!isSctpProtocol(section.media.protocol)) continue;
    if (!hasSctpPort(section)) {
      ctx.report('SDP_PROBLEM_MISSING_SCTP_PORT', `m-section ${i} has no a=sctp-port`, {
        section: i,
        line: ctx.mLine(i),
      });
    }
  }
}

function hasSctpPort(section: MediaSection): boolean {
  return section.has('sctp-port') || section.has('sctpmap');
}
