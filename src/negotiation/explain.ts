/**
 * `explain(offer, answer)`: what an offer/answer exchange negotiated, section by section,
 * and why each section was accepted or rejected, as data and as readable text. It reads
 * only the two descriptions, so it explains answers from browsers as well as ours.
 */
import { type MediaSection, parse, type SessionDescription } from 'switchboard/sdp';
import { isSupportedProtocol, REJECT_REASONS, type RejectReason } from './answer-plan.ts';

/** One section of the explanation. */
export interface SectionExplanation {
  index: number;
  mid: string | undefined;
  kind: string;
  accepted: boolean;
  /** For a rejected section: the most likely reason, read from the two descriptions. */
  reason?: RejectReason | 'rejected-by-answerer';
  /** Offered -> answered direction, for RTP sections. */
  direction?: { offered: string; answered: string };
  /** Codecs in the answer, as `pt name/clock[/ch]` with their fmtp. */
  codecs: { payloadType: number; name: string; fmtp?: string }[];
  /** Offered codecs the answer dropped. */
  droppedCodecs: string[];
  /** Header extensions kept (uri -> id) and dropped. */
  extensions: { kept: string[]; dropped: string[] };
  /** In the answer's BUNDLE group. */
  bundled: boolean;
  /** DTLS roles: offered -> answered. */
  setup?: { offered: string; answered: string };
  /** Data channel: max-message-size offered -> answered. */
  maxMessageSize?: { offered: number | undefined; answered: number | undefined };
}

/** The whole explanation. */
export interface Explanation {
  sections: SectionExplanation[];
  bundle: string[];
}

const asDesc = (d: string | SessionDescription) =>
  typeof d === 'string' ? parse(d, { mode: 'lenient' }) : d;

function codecName(c: {
  name: string | undefined;
  clockRate: number | undefined;
  channels: number | undefined;
}): string {
  return `${c.name ?? '?'}/${c.clockRate ?? '?'}${c.channels === undefined ? '' : `/${c.channels}`}`;
}

function rejectionReason(offered: MediaSection): SectionExplanation['reason'] {
  const m = offered.media;
  if (m.port === 0 && !offered.has('bundle-only')) return 'rejected-in-offer';
  if (m.media !== 'audio' && m.media !== 'video' && m.media !== 'application')
    return 'unsupported-kind';
  if (!isSupportedProtocol(m.media, m.protocol, m.formats)) return 'unsupported-protocol';
  if (m.media === 'application') return 'no-data-channel';
  return 'no-common-codec';
}

function setupOf(desc: SessionDescription, m: MediaSection): string | undefined {
  return m.attribute('setup')?.role ?? desc.session.attribute('setup')?.role;
}

/** Explains the exchange of `offer` and `answer`. */
export function explain(
  offer: string | SessionDescription,
  answer: string | SessionDescription,
): Explanation {
  const o = asDesc(offer);
  const a = asDesc(answer);
  const bundle = a.session.attributes('group').find((g) => g.semantics === 'BUNDLE')?.mids ?? [];
  const sections = o.media.map((offered, index): SectionExplanation => {
    const answered = a.media[index];
    const mid = offered.mid;
    const accepted = answered !== undefined && !answered.rejected;
    const out: SectionExplanation = {
      index,
      mid,
      kind: offered.kind,
      accepted,
      codecs: [],
      droppedCodecs: [],
      extensions: { kept: [], dropped: [] },
      bundled: mid !== undefined && bundle.includes(mid),
    };
    if (!accepted || answered === undefined) {
      const reason = rejectionReason(offered);
      out.reason =
        reason === 'no-common-codec' && offered.kind === 'application'
          ? 'rejected-by-answerer'
          : reason;
      return out;
    }
    // Data channels have no direction (RFC 8841); RTP sections default to sendrecv.
    if (offered.kind !== 'application') {
      out.direction = {
        offered: offered.direction ?? 'sendrecv',
        answered: answered.direction ?? 'sendrecv',
      };
    }
    const kept = new Set<number>();
    for (const c of answered.codecs()) {
      if (c.name === undefined) continue;
      kept.add(c.payloadType);
      out.codecs.push({
        payloadType: c.payloadType,
        name: codecName(c),
        ...(c.fmtp ? { fmtp: c.fmtp } : {}),
      });
    }
    for (const c of offered.codecs()) {
      if (!kept.has(c.payloadType) && c.name !== undefined)
        out.droppedCodecs.push(`${c.payloadType} ${codecName(c)}`);
    }
    const answeredUris = new Set(answered.attributes('extmap').map((e) => e.uri));
    for (const e of offered.attributes('extmap')) {
      (answeredUris.has(e.uri) ? out.extensions.kept : out.extensions.dropped).push(
        `${e.id} ${e.uri}`,
      );
    }
    const offeredSetup = setupOf(o, offered);
    const answeredSetup = setupOf(a, answered);
    if (offeredSetup !== undefined && answeredSetup !== undefined) {
      out.setup = { offered: offeredSetup, answered: answeredSetup };
    }
    if (offered.kind === 'application') {
      out.maxMessageSize = {
        offered: offered.attribute('max-message-size')?.size,
        answered: answered.attribute('max-message-size')?.size,
      };
    }
    return out;
  });
  return { sections, bundle };
}

/** The explanation as readable text, one block per section. */
export function formatExplanation(e: Explanation): string {
  const lines: string[] = [`BUNDLE: ${e.bundle.length > 0 ? e.bundle.join(' ') : '(none)'}`];
  for (const s of e.sections) {
    const head = `#${s.index} ${s.kind} mid ${s.mid ?? '-'}`;
    if (!s.accepted) {
      const why =
        s.reason === 'rejected-by-answerer'
          ? 'the answerer rejected it'
          : REJECT_REASONS[s.reason as RejectReason];
      lines.push(`${head}: rejected, ${why}`);
      continue;
    }
    lines.push(`${head}: accepted${s.bundled ? ', bundled' : ''}`);
    if (s.direction) lines.push(`  direction  ${s.direction.offered} -> ${s.direction.answered}`);
    if (s.setup) lines.push(`  dtls       setup ${s.setup.offered} -> ${s.setup.answered}`);
    for (const c of s.codecs)
      lines.push(`  codec      ${c.payloadType} ${c.name}${c.fmtp ? ` ${c.fmtp}` : ''}`);
    if (s.droppedCodecs.length > 0) lines.push(`  dropped    ${s.droppedCodecs.join(', ')}`);
    if (s.extensions.dropped.length > 0)
      lines.push(`  ext. dropped ${s.extensions.dropped.join(', ')}`);
    if (s.maxMessageSize) {
      lines.push(
        `  data       max-message-size ${s.maxMessageSize.offered ?? '(65536)'} -> ${s.maxMessageSize.answered ?? '(65536)'}`,
      );
    }
  }
  return lines.join('\n');
}
