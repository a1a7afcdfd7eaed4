/**
 * `createAnswer`: the answer a WebRTC endpoint with the given capabilities gives to an
 * offer, following RFC 9429 (JSEP) 5.3 and writing it the way libwebrtc does. The
 * decisions come from `planAnswer` (sections, codecs, directions) and `planTransports`
 * (ICE credentials, DTLS role); this file only writes them out.
 */
import {
  joinFmtp,
  parse,
  type Rtpmap,
  SdpParseError,
  type SessionDescription,
} from 'switchboard/sdp';
import {
  bundleGroupOf,
  type DataPlan,
  type PlanOptions,
  planAnswer,
  type RtpPlan,
  type SectionPlan,
} from './answer-plan.ts';
import {
  type PreviousExchange,
  planTransports,
  type SectionTransport,
} from './answer-transport.ts';
import type { Capabilities, TransportCredentials } from './capabilities.ts';
import type { NegotiatedCodec } from './codecs/index.ts';
import { createSessionId } from './credentials.ts';
import { sends } from './direction.ts';
import { NegotiationError } from './errors.ts';
import { SdpWriter } from './sdp-writer.ts';

/** Options of `createAnswer`. */
export interface AnswerOptions extends PlanOptions {
  /**
   * The previous exchange of the same session (a former `createAnswer` result): keeps the
   * session id, ICE credentials of sections the offer did not restart, and DTLS roles.
   */
  previous?: PreviousExchange;
  /** Credentials for new transports; the fingerprint should be the local certificate's. */
  credentials?: TransportCredentials;
  /** The o= session id of a first answer; random when absent. */
  sessionId?: string;
}

/** What `createAnswer` returns. */
export interface AnswerResult {
  /** The answer as SDP text, CRLF-terminated. */
  sdp: string;
  /** The answer, parsed. */
  answer: SessionDescription;
  /** The offer it answers, parsed. */
  offer: SessionDescription;
  /** The decision for each m-section, in offer order (see `explain`). */
  sections: SectionPlan[];
  /** The transport of each accepted section, in offer order. */
  transports: (SectionTransport | undefined)[];
}

/** Local media identity for sending sections, stable within one answer. */
interface SendIdentity {
  cname: string;
  trackIds: Map<number, string>;
}

const ZERO_ADDRESS = { netType: 'IN', addrType: 'IP4', address: '0.0.0.0' } as const;

function randomToken(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...bytes].map((b) => chars[b % chars.length]).join('');
}

function randomSsrc(): number {
  const v = new Uint32Array(1);
  globalThis.crypto.getRandomValues(v);
  return (v[0] as number) || 1;
}

function writeTransport(w: SdpWriter, t: SectionTransport, caps: Capabilities): void {
  w.attribute('ice-ufrag', { ufrag: t.ufrag });
  w.attribute('ice-pwd', { pwd: t.pwd });
  if (caps.iceOptions.length > 0) w.attribute('ice-options', { options: caps.iceOptions });
  for (const f of t.fingerprints) w.attribute('fingerprint', f);
  w.attribute('setup', { role: t.setup });
}

function writeCodec(w: SdpWriter, c: NegotiatedCodec): void {
  const rtpmap: Rtpmap = {
    payloadType: c.payloadType,
    encodingName: c.name,
    clockRate: c.clockRate,
  };
  if (c.channels !== undefined) rtpmap.channels = c.channels;
  w.attribute('rtpmap', rtpmap);
  for (const fb of c.feedback) {
    const space = fb.indexOf(' ');
    w.attribute(
      'rtcp-fb',
      space < 0
        ? { payloadType: c.payloadType, type: fb }
        : { payloadType: c.payloadType, type: fb.slice(0, space), parameter: fb.slice(space + 1) },
    );
  }
  const parameters = Object.entries(c.parameters).map(([name, value]) =>
    value === '' ? { name } : { name, value },
  );
  if (parameters.length > 0) {
    w.attribute('fmtp', { payloadType: c.payloadType, config: joinFmtp(parameters), parameters });
  }
}

function writeRtp(
  w: SdpWriter,
  plan: SectionPlan,
  rtp: RtpPlan,
  t: SectionTransport,
  caps: Capabilities,
  who: SendIdentity,
): void {
  const formats = rtp.codecs.map((c) => String(c.payloadType));
  w.line('m', { media: rtp.kind, port: 9, protocol: plan.protocol, formats });
  w.line('c', { ...ZERO_ADDRESS });
  w.attribute('rtcp', { port: 9, ...ZERO_ADDRESS });
  writeTransport(w, t, caps);
  if (plan.mid !== undefined) w.attribute('mid', { mid: plan.mid });
  for (const e of rtp.extensions) w.attribute('extmap', { id: e.id, uri: e.uri, encrypt: false });
  w.flag(rtp.direction);
  const trackId = sends(rtp.direction)
    ? (who.trackIds.get(plan.index) ?? globalThis.crypto.randomUUID())
    : undefined;
  if (trackId !== undefined) {
    who.trackIds.set(plan.index, trackId);
    w.attribute('msid', { streamId: '-', trackId });
  }
  if (rtp.rtcpMux) w.flag('rtcp-mux');
  if (rtp.rtcpRsize) w.flag('rtcp-rsize');
  if (rtp.rtcpXr.length > 0) w.attribute('rtcp-xr', { formats: rtp.rtcpXr });
  for (const c of rtp.codecs) writeCodec(w, c);
  if (rtp.simulcast) {
    for (const id of rtp.simulcast.rids)
      w.attribute('rid', { id, direction: 'recv', restrictions: [] });
    w.attribute('simulcast', { first: 'recv', recv: rtp.simulcast.streams });
  }
  if (trackId !== undefined) {
    const ssrcs = [randomSsrc()];
    if (rtp.codecs.some((c) => c.name.toLowerCase() === 'rtx')) ssrcs.push(randomSsrc());
    if (ssrcs.length === 2) w.attribute('ssrc-group', { semantics: 'FID', ssrcs });
    for (const ssrc of ssrcs) {
      w.attribute('ssrc', { ssrc, attribute: 'cname', value: who.cname });
      w.attribute('ssrc', { ssrc, attribute: 'msid', value: `- ${trackId}` });
    }
  }
}

function writeData(
  w: SdpWriter,
  plan: SectionPlan,
  data: DataPlan,
  t: SectionTransport,
  caps: Capabilities,
): void {
  const formats = data.legacySctpmap ? [String(data.sctpPort)] : ['webrtc-datachannel'];
  w.line('m', { media: 'application', port: 9, protocol: plan.protocol, formats });
  w.line('c', { ...ZERO_ADDRESS });
  writeTransport(w, t, caps);
  if (plan.mid !== undefined) w.attribute('mid', { mid: plan.mid });
  if (data.legacySctpmap) {
    w.attribute('sctpmap', { port: data.sctpPort, protocol: 'webrtc-datachannel', streams: 1024 });
  } else {
    w.attribute('sctp-port', { port: data.sctpPort });
    w.attribute('max-message-size', { size: data.maxMessageSize });
  }
}

function writeRejected(w: SdpWriter, plan: SectionPlan): void {
  // libwebrtc answers a rejected RTP section with payload type 0 as its only format.
  const rtp = plan.kind === 'audio' || plan.kind === 'video';
  const formats = rtp ? ['0'] : plan.offeredFormats;
  w.line('m', { media: plan.kind, port: 0, protocol: plan.protocol, formats });
  w.line('c', { ...ZERO_ADDRESS });
  if (plan.mid !== undefined) w.attribute('mid', { mid: plan.mid });
}

function toDescription(sdp: string | SessionDescription, what: string): SessionDescription {
  if (typeof sdp !== 'string') return sdp;
  try {
    return parse(sdp);
  } catch (e) {
    if (e instanceof SdpParseError) {
      throw new NegotiationError(
        'NEG_ERR_INVALID_DESCRIPTION',
        `the ${what} does not parse: ${e.message}`,
        { cause: e },
      );
    }
    throw e;
  }
}

/**
 * Answers `offer` as an endpoint with `capabilities` would. Sections that cannot be
 * accepted are rejected with port 0 and a stated reason (see `sections`), never thrown.
 */
export function createAnswer(
  offer: string | SessionDescription,
  capabilities: Capabilities,
  options: AnswerOptions = {},
): AnswerResult {
  const offerDesc = toDescription(offer, 'offer');
  const sections = planAnswer(offerDesc, capabilities, options);
  const transports = planTransports(
    offerDesc,
    sections,
    capabilities,
    options.credentials,
    options.previous,
  );
  const previousOrigin = options.previous?.answer.session.origin;
  const sessionId = previousOrigin?.sessionId ?? options.sessionId ?? createSessionId();
  const version = previousOrigin ? String(BigInt(previousOrigin.sessionVersion) + 1n) : '2';

  const w = new SdpWriter();
  w.line('v', { version: 0 });
  w.line('o', {
    username: '-',
    sessionId,
    sessionVersion: version,
    ...ZERO_ADDRESS,
    address: '127.0.0.1',
  });
  w.line('s', { text: '-' });
  w.line('t', { start: '0', stop: '0' });
  // One answer group per offered BUNDLE group, empty when all its sections are rejected,
  // as libwebrtc does (RFC 5888 8.4: an understood group gets a group in the answer).
  const groupOf = bundleGroupOf(offerDesc);
  const offeredGroups = offerDesc.session
    .attributes('group')
    .filter((g) => g.semantics === 'BUNDLE');
  offeredGroups.forEach((_, i) => {
    const mids = sections
      .filter((s) => s.bundled && s.mid !== undefined && groupOf.get(s.mid) === i)
      .map((s) => s.mid as string);
    w.attribute('group', { semantics: 'BUNDLE', mids });
  });
  if (capabilities.extmapAllowMixed && offerDesc.session.has('extmap-allow-mixed')) {
    w.flag('extmap-allow-mixed');
  }
  w.attribute('msid-semantic', {
    leadingSpace: true,
    semantic: 'WMS',
    streamIds: [],
    trailingSpace: false,
  });
  const who: SendIdentity = { cname: randomToken(16), trackIds: new Map() };
  for (const plan of sections) {
    const t = transports[plan.index];
    if (!plan.accepted || plan.media === undefined || t === undefined) writeRejected(w, plan);
    else if (plan.media.kind === 'application') writeData(w, plan, plan.media, t, capabilities);
    else writeRtp(w, plan, plan.media, t, capabilities, who);
  }
  const sdp = w.toString();
  return { sdp, answer: parse(sdp), offer: offerDesc, sections, transports };
}
