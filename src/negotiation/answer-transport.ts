/**
 * The transport side of an answer: ICE credentials and DTLS role per m-section.
 *
 * - Bundled sections share one transport, so one set of credentials (RFC 9143 7.3).
 * - On a subsequent answer, credentials change only for sections whose offer restarted
 *   ICE, i.e. changed its ufrag or pwd (RFC 8839 4.4.1.1, RFC 9429 5.3.2).
 * - DTLS: `actpass` in the offer lets the answerer pick (browsers pick active), and a
 *   re-answer keeps the role already established for the section; `active` gets `passive`
 *   and the reverse, always (RFC 5763 5, RFC 8842 5.3).
 */
import type { MediaSection, SessionDescription } from 'switchboard/sdp';
import { bundleGroupOf, type SectionPlan } from './answer-plan.ts';
import type { Capabilities, TransportCredentials } from './capabilities.ts';
import { createIceCredentials, createRandomFingerprint } from './credentials.ts';

/** What one answer section carries for its transport. */
export interface SectionTransport {
  ufrag: string;
  pwd: string;
  fingerprints: TransportCredentials['fingerprints'];
  setup: 'active' | 'passive';
  /** The offer restarted ICE for this section compared with the previous offer. */
  restarted: boolean;
}

/** The previous exchange of the same session, for subsequent answers. */
export interface PreviousExchange {
  offer: SessionDescription;
  answer: SessionDescription;
}

/** ICE credentials of a section, falling back to the session level (RFC 8839 5.4). */
export function iceOf(
  desc: SessionDescription,
  media: MediaSection,
): { ufrag?: string; pwd?: string } {
  return {
    ufrag: media.attribute('ice-ufrag')?.ufrag ?? desc.session.attribute('ice-ufrag')?.ufrag,
    pwd: media.attribute('ice-pwd')?.pwd ?? desc.session.attribute('ice-pwd')?.pwd,
  };
}

function setupOf(desc: SessionDescription, media: MediaSection): string | undefined {
  return media.attribute('setup')?.role ?? desc.session.attribute('setup')?.role;
}

/**
 * The answer's DTLS role: the complement of a role the offer names (RFC 4145 4.1), else
 * (actpass) `preferred`, which is the role already established or the local preference, as
 * libwebrtc's `prefer_passive_role` does.
 */
function answerRole(offered: string | undefined, preferred: 'active' | 'passive') {
  if (offered === 'active') return 'passive';
  if (offered === 'passive') return 'active';
  return preferred;
}

/** Decides the transport of every accepted section; rejected ones get none. */
export function planTransports(
  offer: SessionDescription,
  plans: SectionPlan[],
  caps: Capabilities,
  credentials: TransportCredentials | undefined,
  previous: PreviousExchange | undefined,
): (SectionTransport | undefined)[] {
  const fingerprints = credentials?.fingerprints ??
    previous?.answer.media.map((m) => m.attributes('fingerprint')).find((f) => f.length > 0) ??
    previous?.answer.session.attributes('fingerprint') ?? [createRandomFingerprint()];
  let fresh: { ufrag: string; pwd: string } | undefined = credentials
    ? { ufrag: credentials.ufrag, pwd: credentials.pwd }
    : undefined;
  const takeFresh = () => {
    const out = fresh ?? createIceCredentials();
    fresh = undefined;
    return out;
  };
  // One transport per offered BUNDLE group, taken from its first accepted section.
  const groupOf = bundleGroupOf(offer);
  const bundleTransports = new Map<number, SectionTransport>();
  return plans.map((plan) => {
    if (!plan.accepted) return undefined;
    const media = offer.media[plan.index] as MediaSection;
    const group = plan.bundled && plan.mid !== undefined ? groupOf.get(plan.mid) : undefined;
    const shared = group === undefined ? undefined : bundleTransports.get(group);
    if (shared) return shared;
    const before = plan.mid === undefined ? undefined : previousSection(previous, plan.mid);
    const offeredIce = iceOf(offer, media);
    const restarted =
      before !== undefined &&
      (offeredIce.ufrag !== before.offerIce.ufrag || offeredIce.pwd !== before.offerIce.pwd);
    const ice =
      before?.answerIce.ufrag !== undefined && before.answerIce.pwd !== undefined && !restarted
        ? { ufrag: before.answerIce.ufrag, pwd: before.answerIce.pwd }
        : takeFresh();
    const transport: SectionTransport = {
      ...ice,
      fingerprints,
      setup: answerRole(setupOf(offer, media), before?.setup ?? caps.dtlsRole),
      restarted,
    };
    if (group !== undefined) bundleTransports.set(group, transport);
    return transport;
  });
}

function previousSection(previous: PreviousExchange | undefined, mid: string) {
  if (previous === undefined) return undefined;
  const offered = previous.offer.mediaByMid(mid);
  const answered = previous.answer.mediaByMid(mid);
  if (offered === undefined || answered === undefined || answered.media.port === 0)
    return undefined;
  const role = setupOf(previous.answer, answered);
  return {
    offerIce: iceOf(previous.offer, offered),
    answerIce: iceOf(previous.answer, answered),
    setup: role === 'active' || role === 'passive' ? (role as 'active' | 'passive') : undefined,
  };
}
