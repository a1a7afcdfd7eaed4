/**
 * `validate`: the checks a browser applies to a parsed description before it accepts it
 * as the remote one (RFC 9429 5.8 and 5.10, and the checks libwebrtc adds in
 * setRemoteDescription), reported as a list of problems with stable codes instead of one
 * rejection.
 *
 * What is checked, and the decisions taken where the specs leave room:
 *
 * - mid: every m-section has exactly one a=mid and the values are unique (RFC 9429 5.2.1,
 *   5.3.1). A missing mid is always reported, rejected sections included. libwebrtc
 *   invents mids for legacy peers that omit them, but JSEP requires them and nothing
 *   can be bundled or trickled to a section without one.
 * - BUNDLE: every mid of a group names an m-section, and a mid is bundled once. Only the
 *   BUNDLE-tag m-section (the group's first live one) must carry ICE and DTLS attributes,
 *   as libwebrtc requires; the other bundled ones may omit them (RFC 9143 7).
 * - Rejected m-sections (port 0 without a=bundle-only, RFC 9429 5.2.2) get the mid checks
 *   only: they have no transport and no codecs to agree on.
 * - a=setup: an answer or pranswer must say active or passive; an offer may say actpass,
 *   active or passive (libwebrtc accepts the latter two, RFC 8842 5.3), not holdconn.
 * - ssrc-group SSRCs must have a=ssrc lines; data channel sections must name their SCTP
 *   port even though libwebrtc would fall back to 5000.
 *
 * Not checked: anything that needs the other side's description (m-line order against the
 * offer, DTLS role against the current one, codec intersection): that is negotiation's job.
 */
import type { SessionDescription } from './model.ts';
import type { SdpProblemCode } from './problems.ts';
import {
  checkBundleConsistency,
  checkBundleGroups,
  checkBundleRtcpMux,
  checkMids,
} from './validate-bundle.ts';
import { CheckContext } from './validate-context.ts';
import {
  checkExtmaps,
  checkPayloadTypes,
  checkSimulcast,
  checkSsrcGroups,
} from './validate-rtp.ts';
import { checkDtls, checkIce, checkSctp } from './validate-transport.ts';

/** Options of `validate`. */
export interface ValidateOptions {
  /** How the description is applied: some rules differ (a=setup in answers). */
  type: 'offer' | 'answer' | 'pranswer';
}

/** One thing a browser would reject, or act on wrongly, in a description. */
export interface SdpProblem {
  /** Stable code; see `SDP_PROBLEMS` for its meaning. */
  code: SdpProblemCode;
  /** What is wrong, naming the values involved. For people; may change between versions. */
  message: string;
  /** The mid of the m-section concerned, when it has one. */
  mid?: string;
  /** The 0-based index of the m-section concerned; undefined for the session part. */
  section?: number;
  /** The 1-based source line of the offending line, when there is one (for something
   * missing from an m-section, its m= line). */
  line?: number;
}

const TYPES: ReadonlySet<string> = new Set(['offer', 'answer', 'pranswer']);

/** The checks in report order; each one looks at one concept. */
const CHECKS: readonly ((ctx: CheckContext) => void)[] = [
  checkMids,
  checkBundleGroups,
  checkIce,
  checkDtls,
  checkSctp,
  checkPayloadTypes,
  checkSsrcGroups,
  checkExtmaps,
  checkSimulcast,
  checkBundleRtcpMux,
  checkBundleConsistency,
];

/**
 * Checks a parsed description as a browser would before applying it as a remote
 * description of `options.type` (RFC 9429 5.8, 5.10). Returns every problem found, in
 * source order; an empty list means no check objected. Never throws for a bad description;
 * throws `TypeError` for a bad `options.type`.
 *
 * @example
 * ```ts
 * const problems = validate(parse(answer), { type: 'answer' });
 * if (problems.some((p) => p.code === 'SDP_PROBLEM_MISSING_FINGERPRINT')) ...
 * ```
 */
export function validate(desc: SessionDescription, options: ValidateOptions): SdpProblem[] {
  const type = options?.type;
  if (!TYPES.has(type)) {
    throw new TypeError(
      `options.type must be 'offer', 'answer' or 'pranswer', got ${String(type)}`,
    );
  }
  const ctx = new CheckContext(desc, type);
  for (const check of CHECKS) check(ctx);
  return sortBySource(ctx.problems);
}

/** Orders problems by position: session first, then by m-section, then by line. */
function sortBySource(problems: SdpProblem[]): SdpProblem[] {
  const key = (p: SdpProblem) => [p.section ?? -1, p.line ?? 0] as const;
  return problems
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((e) => e.p);
}
