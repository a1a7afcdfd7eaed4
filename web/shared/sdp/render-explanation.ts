/**
 * `explain(offer, answer)` from `switchboard/negotiation` as HTML: per m-section, whether
 * it was accepted, which way media flows, the codecs both sides agreed on (first = the one
 * used to send), DTLS roles, and what the answer dropped.
 */
import { type Explanation, REJECT_REASONS, type SectionExplanation } from 'switchboard/negotiation';
import { h } from '../dom.ts';

/** Which way RTP flows, read from the answer's direction (RFC 3264 6.1). */
const FLOW: Readonly<Record<string, string>> = {
  sendrecv: 'both ways',
  sendonly: 'answerer to offerer only',
  recvonly: 'offerer to answerer only',
  inactive: 'no media either way',
};

/** Who the DTLS client is, read from the answer's a=setup (RFC 8842 5.3). */
const DTLS_CLIENT: Readonly<Record<string, string>> = {
  active: 'the answerer is the DTLS client',
  passive: 'the offerer is the DTLS client',
};

/** Codecs that repair or protect another one (RFC 4588 rtx, RFC 2198 red, FEC). */
const REPAIR_CODECS: ReadonlySet<string> = new Set(['rtx', 'red', 'ulpfec', 'flexfec-03']);

function isRepairCodec(name: string): boolean {
  return REPAIR_CODECS.has(name.split('/')[0]?.toLowerCase() ?? '');
}

function row(label: string, ...value: (Node | string)[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function rejection(s: SectionExplanation): string {
  if (s.reason === undefined) return 'rejected';
  if (s.reason === 'rejected-by-answerer') return 'the answerer rejected it';
  return REJECT_REASONS[s.reason];
}

function sectionCard(s: SectionExplanation): HTMLElement {
  const rows: HTMLElement[] = [];
  if (!s.accepted) rows.push(...row('why', rejection(s)));
  if (s.direction) {
    rows.push(
      ...row(
        'direction',
        h('code', {}, `${s.direction.offered} → ${s.direction.answered}`),
        h('span', { class: 'muted' }, ` media flows ${FLOW[s.direction.answered] ?? '?'}`),
      ),
    );
  }
  if (s.codecs.length > 0) {
    const media = s.codecs.filter((c) => !isRepairCodec(c.name));
    const repair = s.codecs.length - media.length;
    const chips = media.map((c) =>
      h(
        'li',
        { class: c === s.codecs[0] ? 'chip chip--first' : 'chip', title: c.fmtp ?? '' },
        `${c.payloadType} ${c.name}`,
      ),
    );
    rows.push(
      ...row(
        'codecs',
        h('ul', { class: 'chips', 'data-testid': 'explained-codecs' }, chips),
        repair > 0 ? h('span', { class: 'muted small' }, `+ ${repair} rtx/red/fec`) : '',
      ),
    );
  }
  if (s.droppedCodecs.length > 0) {
    rows.push(
      ...row(
        'dropped',
        h(
          'details',
          {},
          h('summary', {}, `${s.droppedCodecs.length} offered codecs`),
          h('p', { class: 'muted small' }, s.droppedCodecs.join(', ')),
        ),
      ),
    );
  }
  if (s.setup) {
    rows.push(
      ...row(
        'dtls',
        h('code', {}, `${s.setup.offered} → ${s.setup.answered}`),
        h('span', { class: 'muted' }, ` ${DTLS_CLIENT[s.setup.answered] ?? ''}`),
      ),
    );
  }
  if (s.extensions.kept.length + s.extensions.dropped.length > 0) {
    rows.push(
      ...row(
        'extensions',
        `${s.extensions.kept.length} kept, ${s.extensions.dropped.length} dropped`,
      ),
    );
  }
  if (s.maxMessageSize) {
    const { offered, answered } = s.maxMessageSize;
    rows.push(...row('max-message-size', `${offered ?? '(65536)'} → ${answered ?? '(65536)'}`));
  }
  return h(
    'section',
    {
      class: `card explain-card${s.accepted ? '' : ' is-rejected'}`,
      'data-testid': 'explained-section',
      'data-mid': s.mid,
      'data-accepted': String(s.accepted),
    },
    h(
      'h3',
      {},
      `#${s.index} ${s.kind} · ${s.mid === undefined ? 'no mid' : `mid ${s.mid}`} `,
      h(
        'span',
        { class: `badge ${s.accepted ? 'badge--good' : 'badge--bad'}` },
        s.accepted ? 'accepted' : 'rejected',
      ),
      s.bundled ? h('span', { class: 'badge' }, 'bundled') : null,
    ),
    h('dl', { class: 'facts' }, rows),
  );
}

/** Renders an explanation: the BUNDLE group, then one card per offered m-section. */
export function renderExplanation(e: Explanation): HTMLElement {
  return h(
    'div',
    { class: 'explanation' },
    h(
      'p',
      { class: 'explain-bundle' },
      'BUNDLE ',
      h('code', {}, e.bundle.length > 0 ? e.bundle.join(' ') : '(none)'),
      e.bundle.length > 0 ? ' — all bundled sections share one ICE/DTLS transport.' : '',
    ),
    h('div', { class: 'explain-grid' }, e.sections.map(sectionCard)),
  );
}
