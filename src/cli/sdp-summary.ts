/**
 * The readable summary `switchboard sdp inspect` prints: session facts, then one block
 * per media section (codecs with their rtx/red links, feedback, header extensions,
 * transport, simulcast, data channel, msid, candidates). Read-only over the typed views.
 */
import type {
  Candidate,
  Codec,
  MediaSection,
  Rid,
  SdpSection,
  SessionDescription,
  Simulcast,
  SimulcastStream,
} from 'switchboard/sdp';
import { indent, plural, type Style, table, truncate } from './format.ts';

/** How many candidates a section lists before summarising the rest. */
const MAX_CANDIDATES_SHOWN = 5;

/** Renders `desc` as indented plain-text lines. */
export function summarize(desc: SessionDescription, style: Style): string[] {
  const out = [style.bold('session'), ...indent(table(sessionRows(desc)))];
  desc.media.forEach((m, i) => {
    out.push('', style.bold(mediaHeading(m, i)), ...indent(mediaBlock(m, desc)));
  });
  return out;
}

function sessionRows(desc: SessionDescription): string[][] {
  const s = desc.session;
  const rows: string[][] = [];
  const o = s.origin;
  if (o) {
    const who = `${o.username} ${o.sessionId} ${o.sessionVersion}`;
    rows.push(['origin', `${who} ${o.netType} ${o.addrType} ${o.address}`]);
  }
  const name = s.name;
  if (name) rows.push(['name', name.text]);
  for (const t of s.timing) rows.push(['timing', `${t.start} ${t.stop}`]);
  const groups = s.attributes('group');
  if (groups.length === 0) rows.push(['groups', 'none']);
  for (const g of groups) rows.push(['group', [g.semantics, ...g.mids].join(' ')]);
  rows.push(['ice-lite', s.has('ice-lite') ? 'yes' : 'no']);
  const ms = s.attribute('msid-semantic');
  if (ms) rows.push(['msid-semantic', [ms.semantic, ...ms.streamIds].join(' ')]);
  if (s.has('extmap-allow-mixed')) rows.push(['extmap-allow-mixed', 'yes']);
  rows.push(...transportRows(s, undefined));
  rows.push(...unknownRows(s));
  rows.push(['media', plural(desc.media.length, 'section')]);
  return rows;
}

function mediaHeading(m: MediaSection, index: number): string {
  const media = m.media;
  let port = `port ${media.port}${media.portCount === undefined ? '' : `/${media.portCount}`}`;
  if (media.port === 0) port += m.rejected ? ' (rejected)' : ' (bundle-only)';
  const mid = m.mid === undefined ? 'no mid' : `mid ${m.mid}`;
  const parts = [`#${index}`, m.kind, mid, port, media.protocol];
  const direction = m.direction;
  if (direction) parts.push(direction);
  return parts.join('  ');
}

function mediaBlock(m: MediaSection, desc: SessionDescription): string[] {
  const out: string[] = [];
  const codecs = m.codecs();
  if (codecs.length > 0) {
    out.push(`codecs (${codecs.length})`, ...indent(table(codecs.map((c) => codecRow(c, codecs)))));
    const fb = feedbackRows(codecs);
    if (fb.length > 0) out.push('rtcp-fb', ...indent(table(fb)));
  } else if (m.media.formats.length > 0) {
    out.push(`formats  ${m.media.formats.join(' ')}`);
  }
  const extmaps = m.attributes('extmap');
  if (extmaps.length > 0) {
    const rows = extmaps.map((e) => [
      e.direction === undefined ? String(e.id) : `${e.id}/${e.direction}`,
      [e.encrypt ? '(encrypted)' : '', e.uri, e.attributes ?? ''].filter(Boolean).join(' '),
    ]);
    out.push('header extensions', ...indent(table(rows)));
  }
  const rows: string[][] = [
    ...transportRows(m, desc.session),
    ...streamRows(m),
    ...dataChannelRows(m),
    ...unknownRows(m),
  ];
  out.push(...table(rows));
  out.push(...candidateLines(m));
  return out;
}

function encoding(c: Codec): string {
  if (c.name === undefined) return '?';
  const rate = c.clockRate === undefined ? '' : `/${c.clockRate}`;
  const ch = c.channels === undefined ? '' : `/${c.channels}`;
  return `${c.name}${rate}${ch}`;
}

/** What a codec repairs or carries: rtx via apt= (RFC 4588), red via its fmtp (RFC 2198). */
function association(c: Codec, all: readonly Codec[]): string {
  const label = (pt: number): string => {
    const target = all.find((x) => x.payloadType === pt);
    return target?.name === undefined ? `${pt}` : `${pt} ${target.name}`;
  };
  const name = c.name?.toLowerCase();
  if (name === 'rtx') {
    const apt = c.parameters.apt;
    return apt === undefined ? 'rtx (no apt)' : `rtx of ${label(Number(apt))}`;
  }
  if (name === 'red' && c.fmtp !== undefined) {
    const pts = [...new Set(c.fmtp.split('/').map((p) => p.trim()))];
    if (pts.every((p) => /^\d+$/.test(p))) return `red of ${pts.map(Number).map(label).join(', ')}`;
  }
  if (name === 'ulpfec' || name === 'flexfec-03') return 'fec';
  return '';
}

function codecRow(c: Codec, all: readonly Codec[]): string[] {
  return [String(c.payloadType), encoding(c), association(c, all), c.fmtp ?? ''];
}

/** Feedback grouped by identical sets, so twenty codecs with the same five lines take one row. */
function feedbackRows(codecs: readonly Codec[]): string[][] {
  const byKey = new Map<string, number[]>();
  for (const c of codecs) {
    if (c.feedback.length === 0) continue;
    const key = c.feedback.join(', ');
    const pts = byKey.get(key);
    if (pts) pts.push(c.payloadType);
    else byKey.set(key, [c.payloadType]);
  }
  return [...byKey].map(([key, pts]) => [pts.join(' '), key]);
}

/**
 * ICE, DTLS and RTCP facts of a section. For a media section, values that only the
 * session level carries are shown with `(session)`.
 */
function transportRows(s: SdpSection, session: SdpSection | undefined): string[][] {
  const pick = <T>(read: (x: SdpSection) => T | undefined): [T, string] | undefined => {
    const own = read(s);
    if (own !== undefined) return [own, ''];
    const inherited = session === undefined ? undefined : read(session);
    return inherited === undefined ? undefined : [inherited, ' (session)'];
  };
  const ice: string[] = [];
  const ufrag = pick((x) => x.attribute('ice-ufrag')?.ufrag);
  if (ufrag) ice.push(`ufrag ${ufrag[0]}${ufrag[1]}`);
  const pwd = pick((x) => (x.has('ice-pwd') ? 'present' : undefined));
  if (pwd) ice.push(`pwd ${pwd[0]}${pwd[1]}`);
  const options = pick((x) => x.attribute('ice-options')?.options.join(' '));
  if (options) ice.push(`options ${options[0]}${options[1]}`);

  const dtls: string[] = [];
  const fp = pick((x) => {
    const all = x.attributes('fingerprint');
    return all.length === 0 ? undefined : all.map((f) => f.algorithm).join(', ');
  });
  if (fp) dtls.push(`fingerprint ${fp[0]}${fp[1]}`);
  const setup = pick((x) => x.attribute('setup')?.role);
  if (setup) dtls.push(`setup ${setup[0]}${setup[1]}`);

  const rtcp: string[] = [];
  for (const flag of ['rtcp-mux', 'rtcp-mux-only', 'rtcp-rsize'] as const) {
    if (s.has(flag)) rtcp.push(flag);
  }
  const port = s.attribute('rtcp');
  if (port) rtcp.push(`port ${port.port}`);

  const rows: string[][] = [];
  const c = s.connection;
  if (c) rows.push(['connection', `${c.netType} ${c.addrType} ${c.address}`]);
  const bw = s.bandwidths;
  if (bw.length > 0) rows.push(['bandwidth', bw.map((b) => `${b.type}:${b.bandwidth}`).join(' ')]);
  if (ice.length > 0) rows.push(['ice', ice.join(', ')]);
  if (dtls.length > 0) rows.push(['dtls', dtls.join(', ')]);
  if (rtcp.length > 0) rows.push(['rtcp', rtcp.join(', ')]);
  if (s.has('bundle-only')) rows.push(['bundle-only', 'yes']);
  return rows;
}

function formatStreams(streams: readonly SimulcastStream[]): string {
  return streams
    .map((alts) => alts.map((a) => `${a.paused ? '~' : ''}${a.rid}`).join(','))
    .join(';');
}

function formatSimulcast(s: Simulcast): string {
  const send = s.send ? `send ${formatStreams(s.send)}` : undefined;
  const recv = s.recv ? `recv ${formatStreams(s.recv)}` : undefined;
  const parts = s.first === 'send' ? [send, recv] : [recv, send];
  return parts.filter(Boolean).join(' ');
}

function formatRid(r: Rid): string {
  const restrictions = r.restrictions.map((x) =>
    x.value === undefined ? x.name : `${x.name}=${x.value}`,
  );
  return [r.id, r.direction, restrictions.join(';')].filter(Boolean).join(' ');
}

function streamRows(m: MediaSection): string[][] {
  const rows: string[][] = [];
  for (const msid of m.attributes('msid')) {
    rows.push([
      'msid',
      msid.trackId === undefined ? msid.streamId : `${msid.streamId} ${msid.trackId}`,
    ]);
  }
  const ssrcs = [...new Set(m.attributes('ssrc').map((s) => s.ssrc))];
  if (ssrcs.length > 0) rows.push(['ssrc', ssrcs.join(' ')]);
  for (const g of m.attributes('ssrc-group')) {
    rows.push(['ssrc-group', `${g.semantics} ${g.ssrcs.join(' ')}`]);
  }
  const simulcast = m.attribute('simulcast');
  if (simulcast) rows.push(['simulcast', formatSimulcast(simulcast)]);
  for (const r of m.attributes('rid')) rows.push(['rid', formatRid(r)]);
  return rows;
}

function dataChannelRows(m: MediaSection): string[][] {
  const parts: string[] = [];
  const port = m.attribute('sctp-port');
  if (port) parts.push(`sctp-port ${port.port}`);
  const sctpmap = m.attribute('sctpmap');
  if (sctpmap) {
    const streams = sctpmap.streams === undefined ? '' : ` ${sctpmap.streams}`;
    parts.push(`sctpmap ${sctpmap.port} ${sctpmap.protocol}${streams}`);
  }
  const size = m.attribute('max-message-size');
  if (size) parts.push(`max-message-size ${size.size}`);
  return parts.length > 0 ? [['data channel', parts.join(', ')]] : [];
}

function unknownRows(s: SdpSection): string[][] {
  const names = [...new Set(s.unknownAttributes().map((u) => `a=${u.name}`))];
  return names.length > 0 ? [['unknown', truncate(names.join(' '), 100)]] : [];
}

function candidateText(c: Candidate): string[] {
  const related =
    c.relatedAddress === undefined ? '' : `raddr ${c.relatedAddress}:${c.relatedPort ?? '?'}`;
  const tcp = c.tcpType === undefined ? '' : `tcptype ${c.tcpType}`;
  return [c.type, c.transport, `${c.address}:${c.port}`, [tcp, related].filter(Boolean).join(' ')];
}

function candidateLines(m: MediaSection): string[] {
  const candidates = m.attributes('candidate');
  const end = m.has('end-of-candidates') ? ', end-of-candidates' : '';
  if (candidates.length === 0) return [`candidates (0${end})`];
  const shown = candidates.slice(0, MAX_CANDIDATES_SHOWN).map(candidateText);
  const out = [`candidates (${candidates.length}${end})`, ...indent(table(shown))];
  const rest = candidates.length - shown.length;
  if (rest > 0) out.push(...indent([`... ${rest} more`]));
  return out;
}
