/**
 * `createOffer`: an offer as Chromium writes it (RFC 9429 5.2), from a session's
 * capabilities, transceivers and negotiation history.
 *
 * Layout: `v= o= s= t=`, `a=group:BUNDLE` of the live m-sections, `a=extmap-allow-mixed`
 * when capable, `a=msid-semantic: WMS`; then one m-section per m-line of the local
 * description (same order and mids), then one per new transceiver in creation order
 * (mids "0", "1", ... skipping those taken), then the data channel section. An RTP
 * section is `m= c= a=rtcp`, ICE and DTLS lines, `a=mid`, extmaps, direction, `a=msid`
 * when sending, `a=rtcp-mux`, `a=rtcp-rsize` (video), then rtpmap/rtcp-fb/fmtp per codec,
 * then the SSRC lines when sending.
 *
 * What stays stable (RFC 9429 5.2.2): mids, m-line order, ICE credentials unless
 * `iceRestart`, payload types and extmap ids (those of the applied local description per
 * mid, else the ones already used in the session, else the capability's preferred ones,
 * else free dynamic ones), track ids and SSRCs. `<sess-version>` increments only when
 * the offer differs from the last description the session generated.
 */
import { type MediaSection, parse } from 'switchboard/sdp';
import type {
  Capabilities,
  CodecCapability,
  RtpKind,
  TransportCredentials,
} from './capabilities.ts';
import { createIceCredentials } from './credentials.ts';
import { invalidStateError } from './errors.ts';
import { SdpWriter } from './sdp-writer.ts';
import {
  codecIdentities,
  type Description,
  type MidRecord,
  type NegotiationSession,
  type Transceiver,
} from './session.ts';

/** Options of `createOffer` (W3C webrtc-pc RTCOfferOptions, legacy members included). */
export interface OfferOptions {
  /** New ICE ufrag and pwd for every m-section (one pair, shared by the BUNDLE group). */
  iceRestart?: boolean;
  /** Legacy (W3C webrtc-pc 11.2): `true` adds a recvonly audio transceiver when no
   * non-stopped one receives; `false` stops receiving on the audio transceivers. */
  offerToReceiveAudio?: boolean;
  /** As `offerToReceiveAudio`, for video. */
  offerToReceiveVideo?: boolean;
}

const OPTION_NAMES = ['iceRestart', 'offerToReceiveAudio', 'offerToReceiveVideo'] as const;

/** Dynamic payload types in the order libwebrtc hands them out; 64-95 clash with RTCP. */
const DYNAMIC_PAYLOAD_TYPES = [
  ...Array.from({ length: 32 }, (_, i) => 96 + i),
  ...Array.from({ length: 29 }, (_, i) => 35 + i),
];

/** RFC 3550 payload types, except 64-95, which RTCP packet types take under rtcp-mux (RFC 5761 4). */
function isPayloadType(pt: number): boolean {
  return Number.isInteger(pt) && pt >= 0 && pt <= 127 && (pt < 64 || pt > 95);
}

/** Codecs that never get an RTX partner of their own. */
const NO_RTX = new Set(['rtx', 'ulpfec', 'flexfec-03']);

/** One m-section of the offer being written. */
type PlannedSection =
  | { kind: RtpKind; mid: string; transceiver: Transceiver; rejected: boolean }
  | { kind: 'application'; mid: string; rejected: false }
  | { kind: 'other'; mid: string; template: MediaSection; rejected: true };

/** A codec as written: its payload type and fmtp with references already remapped. */
interface OfferedCodec {
  payloadType: number;
  codec: CodecCapability;
  parameters: [string, string][];
}

/**
 * Creates an offer (W3C webrtc-pc createOffer, RFC 9429 5.2.1 and 5.2.2). Allowed in
 * `stable` and `have-local-offer`; elsewhere it throws `NEG_ERR_INVALID_STATE`
 * (`have-remote-offer -> createOffer(): InvalidStateError`), and `NEG_ERR_CLOSED` once
 * closed. The legacy `offerToReceive*` options change transceivers as W3C webrtc-pc
 * describes; nothing else in the session changes except its session version.
 *
 * @example
 * ```ts
 * const offer = createOffer(session, { iceRestart: true });
 * session.setLocalDescription(offer.type, offer.sdp);
 * ```
 */
export function createOffer(
  session: NegotiationSession,
  options: OfferOptions = {},
): Description<'offer'> {
  assertOptions(options);
  const state = session.signalingState;
  if (state !== 'stable' && state !== 'have-local-offer') {
    throw invalidStateError(state, 'createOffer()');
  }
  applyLegacyOptions(session, options);
  const caps = session.capabilities;
  const credentials: TransportCredentials = options.iceRestart
    ? { ...createIceCredentials(), fingerprints: session.credentials.fingerprints }
    : session.credentials;
  const sections = planSections(session);
  const payloadTypes = new Allocator(
    session.midRecords,
    'payloadTypes',
    DYNAMIC_PAYLOAD_TYPES,
    isPayloadType,
  );
  const ids = extensionIdRange(caps);
  const extensionIds = new Allocator(session.midRecords, 'extensionIds', ids, (id) =>
    ids.includes(id),
  );

  const w = new SdpWriter();
  w.line('s', { text: '-' });
  w.line('t', { start: '0', stop: '0' });
  const bundled = sections.filter((s) => !s.rejected).map((s) => s.mid);
  if (bundled.length > 0) w.attribute('group', { semantics: 'BUNDLE', mids: bundled });
  if (caps.extmapAllowMixed) w.flag('extmap-allow-mixed');
  w.attribute('msid-semantic', {
    leadingSpace: true,
    semantic: 'WMS',
    streamIds: [],
    trailingSpace: false,
  });
  for (const s of sections) {
    const record = session.midRecords.get(s.mid);
    if (s.kind === 'application') writeDataSection(w, s.mid, caps, credentials);
    else if (s.kind === 'other') writeRejectedCopy(w, s.mid, s.template);
    else {
      const codecs = offeredCodecs(s.transceiver, caps, record, payloadTypes);
      if (codecs.length === 0) {
        throw new RangeError(
          `createOffer: the ${s.kind} transceiver of mid ${s.mid} has no codec to offer (capabilities.codecs.${s.kind} or its codecPreferences)`,
        );
      }
      const extensions = caps.headerExtensions[s.kind].flatMap((e) => {
        const id = extensionIds.assign(e.uri, record?.extensionIds, e.preferredId);
        return id === undefined ? [] : [{ id, uri: e.uri }];
      });
      writeRtpSection(w, s, { caps, credentials, codecs, extensions, cname: session.cname });
    }
  }
  const body = w.toString();
  const version = session.versionFor(body);
  const head = new SdpWriter().line('v', { version: 0 }).line('o', {
    username: '-',
    sessionId: session.sessionId,
    sessionVersion: String(version),
    netType: 'IN',
    addrType: 'IP4',
    address: '127.0.0.1',
  });
  const sdp = head.toString() + body;
  return { type: 'offer', sdp, parsed: parse(sdp) };
}

function assertOptions(options: OfferOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createOffer: options must be an object');
  }
  for (const name of OPTION_NAMES) {
    const v = options[name];
    if (v !== undefined && typeof v !== 'boolean') {
      throw new TypeError(`createOffer: options.${name} must be a boolean, got ${typeof v}`);
    }
  }
}

/** W3C webrtc-pc 11.2 (legacy RTCOfferOptions), run before the offer is created. */
function applyLegacyOptions(session: NegotiationSession, options: OfferOptions): void {
  const wanted: [RtpKind, boolean | undefined][] = [
    ['audio', options.offerToReceiveAudio],
    ['video', options.offerToReceiveVideo],
  ];
  for (const [kind, receive] of wanted) {
    if (receive === undefined) continue;
    const live = session.transceivers.filter((t) => t.kind === kind && !t.stopped);
    if (!receive) {
      for (const t of live) {
        if (t.direction === 'sendrecv') t.direction = 'sendonly';
        else if (t.direction === 'recvonly') t.direction = 'inactive';
      }
    } else if (!live.some((t) => t.direction === 'sendrecv' || t.direction === 'recvonly')) {
      session.addTransceiver(kind, { direction: 'recvonly' });
    }
  }
}

/**
 * The m-sections in offer order: those of the local description, keeping their mids
 * (rejected when their transceiver is stopped, copied rejected when nothing claims them),
 * then new transceivers (stopped ones get none, RFC 9429 5.2.1), then the data channel.
 */
function planSections(session: NegotiationSession): PlannedSection[] {
  const used = new Set<string>();
  for (const d of [
    session.currentLocalDescription,
    session.pendingLocalDescription,
    session.currentRemoteDescription,
    session.pendingRemoteDescription,
  ]) {
    for (const m of d?.parsed.media ?? []) if (m.mid !== undefined) used.add(m.mid);
  }
  for (const t of session.transceivers) if (t.mid !== undefined) used.add(t.mid);
  if (session.dataMid !== undefined) used.add(session.dataMid);
  let counter = 0;
  const nextMid = (): string => {
    while (used.has(String(counter))) counter++;
    used.add(String(counter));
    return String(counter);
  };

  const out: PlannedSection[] = [];
  const placed = new Set<Transceiver>();
  let hasData = false;
  for (const m of session.localDescription?.parsed.media ?? []) {
    const mid = m.mid as string;
    const t = session.transceivers.find((x) => x.mid === mid);
    if (t !== undefined) {
      placed.add(t);
      out.push({ kind: t.kind, mid, transceiver: t, rejected: t.stopped });
    } else if (
      m.kind === 'application' &&
      mid === session.dataMid &&
      !m.rejected &&
      session.capabilities.dataChannel !== undefined
    ) {
      hasData = true;
      out.push({ kind: 'application', mid, rejected: false });
    } else {
      out.push({ kind: 'other', mid, template: m, rejected: true });
    }
  }
  for (const t of session.transceivers) {
    if (placed.has(t) || t.stopped) continue;
    out.push({ kind: t.kind, mid: t.mid ?? nextMid(), transceiver: t, rejected: false });
  }
  if (session.dataChannel && !hasData) {
    out.push({ kind: 'application', mid: session.dataMid ?? nextMid(), rejected: false });
  }
  return out;
}

/** extmap ids: 1-14 (one-byte headers), then 15-255 with extmap-allow-mixed (RFC 8285). */
function extensionIdRange(caps: Capabilities): number[] {
  const last = caps.extmapAllowMixed ? 255 : 14;
  return Array.from({ length: last }, (_, i) => i + 1);
}

/**
 * Hands out payload types (or extmap ids) so that one value never means two things in
 * the session, which BUNDLE requires (RFC 9143 9.1.1, RFC 8285 via 9.4). What the applied
 * local description used is claimed first, so it stays.
 */
class Allocator {
  readonly #byKey = new Map<string, number>();
  readonly #byValue = new Map<number, string>();
  readonly #free: readonly number[];
  readonly #acceptable: (value: number) => boolean;

  constructor(
    records: ReadonlyMap<string, MidRecord>,
    field: 'payloadTypes' | 'extensionIds',
    free: readonly number[],
    acceptable: (value: number) => boolean,
  ) {
    this.#free = free;
    this.#acceptable = acceptable;
    for (const r of records.values()) for (const [key, v] of r[field]) this.#claim(key, v);
  }

  #claim(key: string, value: number): boolean {
    if (this.#byKey.has(key) || this.#byValue.has(value)) return false;
    this.#byKey.set(key, value);
    this.#byValue.set(value, key);
    return true;
  }

  /** The value for `key`: this mid's, the session's, `preferred` if free, else the first free. */
  assign(
    key: string,
    recorded: ReadonlyMap<string, number> | undefined,
    preferred: number | undefined,
  ): number | undefined {
    const mine = recorded?.get(key);
    if (mine !== undefined) return mine;
    const known = this.#byKey.get(key);
    if (known !== undefined) return known;
    if (preferred !== undefined && this.#acceptable(preferred) && this.#claim(key, preferred)) {
      return preferred;
    }
    for (const v of this.#free) if (this.#claim(key, v)) return v;
    return undefined;
  }
}

/** RED's redundancy list in fmtp (RFC 2198 5): payload types separated by `/`. */
const PT_LIST = /^\d+(\/\d+)*$/;

/**
 * fmtp parameters with their payload type references (rtx `apt=`, RED's `a/b` list;
 * RFC 4588, RFC 2198) rewritten through `map`; a reference `map` cannot resolve becomes
 * -1, which names no codec.
 */
function mapReferences(
  parameters: Readonly<Record<string, string>>,
  map: (pt: number) => number | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (name === 'apt') out.apt = String(map(Number(value)) ?? -1);
    else if (value === '' && PT_LIST.test(name)) {
      out[
        name
          .split('/')
          .map((pt) => map(Number(pt)) ?? -1)
          .join('/')
      ] = '';
    } else out[name] = value;
  }
  return out;
}

/** A codec being offered, while references are resolved through private numbers. */
interface Candidate {
  codec: CodecCapability;
  /** A private number (above any payload type) that references to this codec use. */
  ref: number;
  /** fmtp parameters with references as private numbers. */
  parameters: Record<string, string>;
  preferred: number | undefined;
}

/**
 * The codecs a transceiver offers, in preference order, with payload types assigned and
 * references remapped. An rtx capability with `apt=` partners the codec whose preferred
 * payload type it names; one without `apt=` is a template that partners every codec but
 * FEC, right after it, as libwebrtc does. A codec whose partner is missing is dropped.
 */
function offeredCodecs(
  t: Transceiver,
  caps: Capabilities,
  record: MidRecord | undefined,
  payloadTypes: Allocator,
): OfferedCodec[] {
  const list = t.codecPreferences ?? caps.codecs[t.kind];
  const template = list.find((c) => c.name.toLowerCase() === 'rtx' && !('apt' in c.parameters));
  const codecs = list.filter((c) => c !== template);
  const refOfPreferred = new Map<number, number>();
  codecs.forEach((c, i) => {
    const pt = c.preferredPayloadType;
    if (pt !== undefined && !refOfPreferred.has(pt)) refOfPreferred.set(pt, 1000 + i);
  });
  const candidates: Candidate[] = [];
  codecs.forEach((codec, i) => {
    const parameters = mapReferences(codec.parameters, (pt) => refOfPreferred.get(pt));
    candidates.push({ codec, ref: 1000 + i, parameters, preferred: codec.preferredPayloadType });
    if (template !== undefined && !NO_RTX.has(codec.name.toLowerCase())) {
      const apt = String(1000 + i);
      candidates.push({
        codec: template,
        ref: 2000 + i,
        parameters: { apt },
        preferred: undefined,
      });
    }
  });

  const keys = codecIdentities(
    candidates.map((c) => ({ ...c.codec, parameters: c.parameters, payloadType: c.ref })),
  );
  const ptOfRef = new Map<number, number>();
  const seen = new Set<string>();
  const chosen: { candidate: Candidate; payloadType: number }[] = [];
  candidates.forEach((candidate, i) => {
    const key = keys[i];
    if (key === undefined || seen.has(key)) return;
    seen.add(key);
    const pt = payloadTypes.assign(key, record?.payloadTypes, candidate.preferred);
    if (pt === undefined) return;
    ptOfRef.set(candidate.ref, pt);
    chosen.push({ candidate, payloadType: pt });
  });
  return chosen.flatMap(({ candidate, payloadType }) => {
    const parameters = mapReferences(candidate.parameters, (ref) => ptOfRef.get(ref));
    if (Object.entries(parameters).some(([n, v]) => n.split('/').includes('-1') || v === '-1')) {
      return [];
    }
    return [{ payloadType, codec: candidate.codec, parameters: Object.entries(parameters) }];
  });
}

function writeTransport(w: SdpWriter, caps: Capabilities, creds: TransportCredentials): void {
  w.attribute('ice-ufrag', { ufrag: creds.ufrag });
  w.attribute('ice-pwd', { pwd: creds.pwd });
  if (caps.iceOptions.length > 0) w.attribute('ice-options', { options: caps.iceOptions });
  for (const fp of creds.fingerprints) w.attribute('fingerprint', fp);
  w.attribute('setup', { role: 'actpass' });
}

const NO_ADDRESS = { netType: 'IN', addrType: 'IP4', address: '0.0.0.0' } as const;

interface RtpSectionInput {
  caps: Capabilities;
  credentials: TransportCredentials;
  codecs: OfferedCodec[];
  extensions: { id: number; uri: string }[];
  cname: string;
}

function writeRtpSection(
  w: SdpWriter,
  s: { kind: RtpKind; mid: string; transceiver: Transceiver; rejected: boolean },
  { caps, credentials, codecs, extensions, cname }: RtpSectionInput,
): void {
  const t = s.transceiver;
  w.line('m', {
    media: s.kind,
    port: s.rejected ? 0 : 9,
    protocol: 'UDP/TLS/RTP/SAVPF',
    formats: codecs.map((c) => String(c.payloadType)),
  });
  w.line('c', { ...NO_ADDRESS });
  w.attribute('rtcp', { port: 9, ...NO_ADDRESS });
  writeTransport(w, caps, credentials);
  w.attribute('mid', { mid: s.mid });
  for (const e of extensions) w.attribute('extmap', { id: e.id, encrypt: false, uri: e.uri });
  // RFC 9429 5.2.2: a stopped transceiver's m-section is rejected, without a=msid.
  const direction = s.rejected ? 'inactive' : t.direction;
  const sending = direction === 'sendrecv' || direction === 'sendonly';
  w.flag(direction);
  if (sending) w.attribute('msid', { streamId: '-', trackId: t.sender.trackId });
  w.flag('rtcp-mux');
  if (s.kind === 'video' && caps.rtcpRsize) w.flag('rtcp-rsize');
  for (const { payloadType, codec, parameters } of codecs) {
    w.attribute('rtpmap', {
      payloadType,
      encodingName: codec.name,
      clockRate: codec.clockRate,
      ...(codec.channels !== undefined && codec.channels !== 1 ? { channels: codec.channels } : {}),
    });
    for (const fb of codec.feedback) {
      const sp = fb.indexOf(' ');
      w.attribute(
        'rtcp-fb',
        sp < 0
          ? { payloadType, type: fb }
          : { payloadType, type: fb.slice(0, sp), parameter: fb.slice(sp + 1) },
      );
    }
    if (parameters.length > 0) {
      const pieces = parameters.map(([name, value]) => (value === '' ? { name } : { name, value }));
      const config = pieces.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`));
      w.attribute('fmtp', { payloadType, config: config.join(';'), parameters: pieces });
    }
  }
  if (!sending) return;
  const { ssrc, rtxSsrc, trackId } = t.sender;
  const rtx = rtxSsrc !== undefined && codecs.some((c) => c.codec.name.toLowerCase() === 'rtx');
  if (rtx) w.attribute('ssrc-group', { semantics: 'FID', ssrcs: [ssrc, rtxSsrc] });
  for (const id of rtx ? [ssrc, rtxSsrc] : [ssrc]) {
    w.attribute('ssrc', { ssrc: id, attribute: 'cname', value: cname });
    w.attribute('ssrc', { ssrc: id, attribute: 'msid', value: `- ${trackId}` });
  }
}

function writeDataSection(
  w: SdpWriter,
  mid: string,
  caps: Capabilities,
  credentials: TransportCredentials,
): void {
  const data = caps.dataChannel;
  if (data === undefined) throw new TypeError('createOffer: capabilities.dataChannel is not set');
  w.line('m', {
    media: 'application',
    port: 9,
    protocol: 'UDP/DTLS/SCTP',
    formats: ['webrtc-datachannel'],
  });
  w.line('c', { ...NO_ADDRESS });
  writeTransport(w, caps, credentials);
  w.attribute('mid', { mid });
  w.attribute('sctp-port', { port: data.sctpPort });
  w.attribute('max-message-size', { size: data.maxMessageSize });
}

/** An m-section nothing local claims any more (e.g. one the answer rejected): port 0. */
function writeRejectedCopy(w: SdpWriter, mid: string, template: MediaSection): void {
  const { media, protocol, formats } = template.media;
  w.line('m', { media, port: 0, protocol, formats });
  w.line('c', { ...NO_ADDRESS });
  w.attribute('mid', { mid });
}
