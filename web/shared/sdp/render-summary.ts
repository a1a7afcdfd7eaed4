/**
 * The typed summary of a description (see summary.ts) as HTML: a card for the session
 * level and one per media section, with codecs, transport, candidates and extensions.
 */
import { type Child, h } from '../dom.ts';
import type { DescriptionSummary, Inherited, MediaSummary, SessionSummary } from './summary.ts';

/** How many codecs a card lists before folding the rest into a disclosure. */
const CODECS_SHOWN = 8;

type Row = readonly [label: string, value: Child];

function facts(rows: readonly (Row | undefined)[]): HTMLElement {
  const dl = h('dl', { class: 'facts' });
  for (const row of rows) {
    if (row === undefined) continue;
    dl.append(h('dt', {}, row[0]), h('dd', {}, row[1]));
  }
  return dl;
}

function inheritedText<T>(v: Inherited<T> | undefined, show: (value: T) => string) {
  if (v === undefined) return undefined;
  return [show(v.value), v.fromSession ? h('span', { class: 'muted' }, ' (session)') : null];
}

function badge(text: string, tone = ''): HTMLElement {
  return h('span', { class: `badge${tone ? ` badge--${tone}` : ''}` }, text);
}

function sessionCard(s: SessionSummary, mediaCount: number): HTMLElement {
  return h(
    'section',
    { class: 'card summary-card', 'data-testid': 'summary-session' },
    h('h3', {}, 'Session'),
    facts([
      s.origin === undefined ? undefined : ['origin', h('code', {}, s.origin)],
      s.name === undefined ? undefined : ['name', s.name === '' ? '(empty)' : s.name],
      ['groups', s.groups.length > 0 ? s.groups.join(', ') : 'none'],
      s.msidSemantic === undefined ? undefined : ['msid-semantic', s.msidSemantic],
      ['ice-lite', s.iceLite ? 'yes' : 'no'],
      ['extmap-allow-mixed', s.extmapAllowMixed ? 'yes' : 'no'],
      ['media sections', String(mediaCount)],
      s.unknownAttributes.length > 0 ? ['unknown', s.unknownAttributes.join(' ')] : undefined,
    ]),
  );
}

type CodecRow = MediaSummary['codecs'][number];

/** Pairs each codec with its rtx (RFC 4588 apt=), so a row reads `102 H264/90000 + rtx 103`. */
function withRtx(codecs: readonly CodecRow[]): { codec: CodecRow; rtx: CodecRow | undefined }[] {
  const rtxOf = new Map<string, CodecRow>();
  for (const c of codecs) {
    const target = /^rtx of (\d+)/.exec(c.role)?.[1];
    if (target !== undefined && !rtxOf.has(target)) rtxOf.set(target, c);
  }
  const attached = new Set([...rtxOf.values()]);
  return codecs
    .filter((c) => !attached.has(c))
    .map((codec) => ({ codec, rtx: rtxOf.get(String(codec.payloadType)) }));
}

function codecItem({ codec, rtx }: { codec: CodecRow; rtx: CodecRow | undefined }): HTMLElement {
  return h(
    'li',
    { class: 'codec' },
    h('span', { class: 'codec__pt' }, codec.payloadType),
    h(
      'span',
      { class: 'codec__body' },
      h('strong', {}, codec.encoding),
      codec.role ? h('span', { class: 'muted' }, ` ${codec.role}`) : null,
      rtx ? h('span', { class: 'muted' }, ` + rtx ${rtx.payloadType}`) : null,
      codec.fmtp === undefined ? null : h('code', { class: 'codec__fmtp' }, codec.fmtp),
    ),
  );
}

function codecList(m: MediaSummary): HTMLElement | null {
  if (m.codecs.length === 0) return null;
  const rows = withRtx(m.codecs);
  const shown = rows.slice(0, CODECS_SHOWN);
  const rest = rows.slice(CODECS_SHOWN);
  return h(
    'div',
    { class: 'codecs' },
    h('h4', {}, `codecs (${m.codecs.length})`),
    h('ul', { class: 'codec-list', 'data-testid': 'summary-codecs' }, shown.map(codecItem)),
    rest.length > 0
      ? h(
          'details',
          {},
          h('summary', {}, `${rest.length} more`),
          h('ul', { class: 'codec-list' }, rest.map(codecItem)),
        )
      : null,
  );
}

function candidateList(m: MediaSummary): Row | undefined {
  if (m.candidates.length === 0 && !m.endOfCandidates) return undefined;
  const items = m.candidates.map((c) =>
    h('li', {}, badge(c.type), ` ${c.transport} ${c.address}:${c.port}`),
  );
  if (m.endOfCandidates) items.push(h('li', { class: 'muted' }, 'end-of-candidates'));
  return [`candidates (${m.candidates.length})`, h('ul', { class: 'plain-list' }, items)];
}

function mediaCard(m: MediaSummary): HTMLElement {
  const title = [m.kind, m.mid === undefined ? 'no mid' : `mid ${m.mid}`].join(' · ');
  const direction = m.direction ?? (m.protocol.includes('RTP') ? 'sendrecv (default)' : undefined);
  const extensions =
    m.extensions.length === 0
      ? undefined
      : ([
          `extensions (${m.extensions.length})`,
          h(
            'details',
            {},
            h('summary', {}, m.extensions.map((e) => e.id).join(' ')),
            h(
              'ul',
              { class: 'plain-list' },
              m.extensions.map((e) => h('li', {}, `${e.id} `, h('code', {}, e.uri))),
            ),
          ),
        ] as const);
  return h(
    'section',
    {
      class: `card summary-card${m.rejected ? ' is-rejected' : ''}`,
      'data-testid': 'summary-media',
      'data-kind': m.kind,
      'data-mid': m.mid,
      'data-direction': m.direction,
    },
    h(
      'h3',
      {},
      `#${m.index} ${title}`,
      ' ',
      direction ? badge(direction, 'direction') : null,
      m.rejected ? badge('rejected', 'bad') : null,
      m.bundleOnly ? badge('bundle-only') : null,
    ),
    facts([
      ['transport', h('code', {}, `port ${m.port} ${m.protocol}`)],
      m.formats.length > 0 ? ['formats', m.formats.join(' ')] : undefined,
      ['ice ufrag', inheritedText(m.ufrag, (u) => u) ?? h('span', { class: 'muted' }, 'none')],
      m.pwd === undefined ? undefined : ['ice pwd', inheritedText(m.pwd, () => 'present')],
      m.iceOptions === undefined
        ? undefined
        : ['ice options', inheritedText(m.iceOptions, (o) => o.join(' '))],
      m.fingerprints === undefined
        ? undefined
        : [
            'fingerprint',
            h(
              'code',
              { class: 'wrap' },
              inheritedText(m.fingerprints, (f) => f.join(', ')),
            ),
          ],
      m.setup === undefined ? undefined : ['dtls setup', inheritedText(m.setup, (s) => s)],
      m.rtcp.length > 0 ? ['rtcp', m.rtcp.join(', ')] : undefined,
      m.sctpPort === undefined ? undefined : ['sctp-port', String(m.sctpPort)],
      m.maxMessageSize === undefined ? undefined : ['max-message-size', String(m.maxMessageSize)],
      m.msids.length > 0 ? ['msid', h('code', { class: 'wrap' }, m.msids.join(', '))] : undefined,
      m.ssrcs.length > 0 ? ['ssrc', m.ssrcs.join(' ')] : undefined,
      m.rids.length > 0
        ? ['rid', `${m.rids.join(', ')}${m.simulcast ? ' (simulcast)' : ''}`]
        : undefined,
      extensions,
      candidateList(m),
      m.unknownAttributes.length > 0 ? ['unknown', m.unknownAttributes.join(' ')] : undefined,
    ]),
    codecList(m),
  );
}

/** Renders a summary: the session card, then one card per media section. */
export function renderSummary(summary: DescriptionSummary): HTMLElement {
  return h(
    'div',
    { class: 'summary-grid' },
    sessionCard(summary.session, summary.media.length),
    summary.media.map(mediaCard),
  );
}
