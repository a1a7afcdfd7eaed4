/**
 * `NegotiationSession`: the state one endpoint keeps across offer/answer exchanges, as
 * an RTCPeerConnection keeps it (W3C webrtc-pc 4.4.1), without media or transport.
 *
 * It holds the signaling state (moved only through the table of ./signaling-state.ts),
 * the pending and current local and remote descriptions, the transceivers and the data
 * channel request, what the applied local descriptions negotiated per mid (payload types
 * and header extension ids, so later offers keep them), the remote ICE credentials per
 * mid, the o= session id and version, and the local ICE/DTLS credentials.
 *
 * Decisions where the specs leave room, or where this model is smaller than a browser:
 *
 * - Descriptions are applied atomically: one that does not parse (or, when remote, does
 *   not `validate` clean) changes nothing. The implicit rollback of a remote offer in
 *   `have-local-offer` happens once the offer has parsed, then the offer is applied.
 * - A local offer binds m-sections to transceivers by mid, then by kind in creation
 *   order, which is how `createOffer` assigned them; `[[LastCreatedOffer]]` is not kept,
 *   so an offer edited by the application is applied rather than refused.
 * - A remote offer's m-section without a transceiver of that mid gets a new `recvonly`
 *   transceiver, as W3C webrtc-pc does for transceivers not created by `addTrack` (which
 *   this model does not have). Rollback removes those again (RFC 9429 5.7).
 * - An answer (local or remote) that rejects an m-section stops its transceiver.
 */
import {
  type Direction,
  type MediaSection,
  parse,
  type SdpProblem,
  type SessionDescription,
  validate,
} from 'switchboard/sdp';
import type {
  Capabilities,
  RtpKind,
  TransceiverCapability,
  TransportCredentials,
} from './capabilities.ts';
import { createSessionId, createTransportCredentials } from './credentials.ts';
import { invalidStateError, NegotiationError, type NegotiationStep } from './errors.ts';
import { type MidRecord, midRecordsOf } from './mid-records.ts';
import {
  descriptionStep,
  nextSignalingState,
  type SdpType,
  type SignalingState,
} from './signaling-state.ts';

// Codec identity and mid records live in ./codec-identity.ts and ./mid-records.ts; these
// names stay importable from here for the modules that import them from the session.
export { type CodecLike, codecIdentities } from './codec-identity.ts';
export type { MidRecord } from './mid-records.ts';

/** Options of `createSession`. */
export interface SessionOptions {
  /** What the local endpoint supports; copied, so later changes to it have no effect. */
  capabilities: Capabilities;
  /** ICE ufrag/pwd and DTLS fingerprints; fresh random ones (./credentials.ts) by default. */
  credentials?: TransportCredentials;
}

/** Options of `addTransceiver` (W3C webrtc-pc RTCRtpTransceiverInit). */
export interface TransceiverOptions {
  /** Defaults to `sendrecv`, as in W3C webrtc-pc. */
  direction?: Direction;
}

/** What a sending m-section announces about its track: a=msid and a=ssrc (RFC 8830, 5576). */
export interface SenderIdentity {
  /** The track id of `a=msid:- <trackId>`, a UUID as browsers write it. */
  readonly trackId: string;
  /** The primary SSRC. */
  readonly ssrc: number;
  /** The RTX SSRC of `a=ssrc-group:FID` (RFC 4588); video only. */
  readonly rtxSsrc: number | undefined;
}

/**
 * A transceiver: what the endpoint wants to do with one m-section. A live object: set
 * `direction` or `codecPreferences` before the next offer; set `stopped` to stop it for
 * good (its m-section is then rejected, RFC 9429 5.2.2).
 */
export interface Transceiver extends TransceiverCapability {
  /** The mid, once a description that binds it has been applied. */
  mid?: string;
  readonly kind: RtpKind;
  direction: Direction;
  stopped: boolean;
  /** The track and SSRCs this transceiver sends with; stable for the session's life. */
  readonly sender: SenderIdentity;
}

/** The type of an applied description. */
export type DescriptionType = Exclude<SdpType, 'rollback'>;

/** A description with its text and parsed form, as created or applied. */
export interface Description<T extends DescriptionType = DescriptionType> {
  readonly type: T;
  readonly sdp: string;
  readonly parsed: SessionDescription;
}

/** ICE credentials of one side of a transport. */
export interface IceCredentials {
  readonly ufrag: string;
  readonly pwd: string;
}

/** Everything a rollback restores (RFC 9429 5.7): the session as it was in `stable`. */
interface Snapshot {
  readonly transceivers: readonly Transceiver[];
  readonly mids: readonly (string | undefined)[];
  readonly credentials: TransportCredentials;
  readonly dataMid: string | undefined;
  readonly midRecords: ReadonlyMap<string, MidRecord>;
  readonly remoteIce: ReadonlyMap<string, IceCredentials>;
}

const SDP_TYPES: ReadonlySet<string> = new Set(['offer', 'answer', 'pranswer', 'rollback']);
const DIRECTIONS: ReadonlySet<string> = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);
const ICE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** ICE credentials of an m-section: its own, the session's, else its BUNDLE-tag's. */
function iceOf(desc: SessionDescription, media: MediaSection): IceCredentials | undefined {
  const own = (s: MediaSection) => {
    const ufrag = s.attribute('ice-ufrag') ?? desc.session.attribute('ice-ufrag');
    const pwd = s.attribute('ice-pwd') ?? desc.session.attribute('ice-pwd');
    return ufrag && pwd ? { ufrag: ufrag.ufrag, pwd: pwd.pwd } : undefined;
  };
  const found = own(media);
  if (found !== undefined || media.mid === undefined) return found;
  for (const g of desc.session.attributes('group')) {
    if (g.semantics !== 'BUNDLE' || !g.mids.includes(media.mid)) continue;
    for (const mid of g.mids) {
      const tag = desc.mediaByMid(mid);
      if (tag !== undefined && !tag.rejected) return own(tag);
    }
  }
  return undefined;
}

function randomText(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ICE_CHARS[b & 63];
  return out;
}

function assertCapabilities(caps: unknown): asserts caps is Capabilities {
  const c = caps as Partial<Capabilities> | null;
  if (typeof c !== 'object' || c === null) {
    throw new TypeError('options.capabilities must be a Capabilities object');
  }
  for (const field of ['codecs', 'headerExtensions'] as const) {
    const v = c[field];
    if (typeof v !== 'object' || v === null || !Array.isArray(v.audio) || !Array.isArray(v.video)) {
      throw new TypeError(`options.capabilities.${field} must hold audio and video arrays`);
    }
  }
  if (!Array.isArray(c.iceOptions)) {
    throw new TypeError('options.capabilities.iceOptions must be an array');
  }
}

function assertCredentials(creds: unknown): asserts creds is TransportCredentials {
  const c = creds as Partial<TransportCredentials> | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    typeof c.ufrag !== 'string' ||
    typeof c.pwd !== 'string' ||
    !Array.isArray(c.fingerprints) ||
    c.fingerprints.length === 0
  ) {
    throw new TypeError(
      'options.credentials must have a ufrag, a pwd and at least one fingerprint',
    );
  }
}

/** The negotiation state of one endpoint; create it with `createSession`. */
export class NegotiationSession {
  /** What the local endpoint supports (a copy of `options.capabilities`). */
  readonly capabilities: Capabilities;
  /** The o= `<sess-id>`, fixed for the session's life (RFC 8866 5.2, RFC 9429 5.2.1). */
  readonly sessionId: string;
  /** The RTCP CNAME of every sending m-section's `a=ssrc:<n> cname:` (RFC 7022). */
  readonly cname: string;

  #state: SignalingState = 'stable';
  #transceivers: Transceiver[] = [];
  readonly #remoteCreated = new WeakSet<Transceiver>();
  #dataChannel = false;
  #dataMid: string | undefined;
  #credentials: TransportCredentials;
  #midRecords = new Map<string, MidRecord>();
  #remoteIce = new Map<string, IceCredentials>();
  #currentLocal: Description | null = null;
  #pendingLocal: Description | null = null;
  #currentRemote: Description | null = null;
  #pendingRemote: Description | null = null;
  #snapshot: Snapshot | undefined;
  // libwebrtc starts at 1 and counts the first description, so Chromium's first offer has 2.
  #version = 1;
  #lastBody: string | undefined;
  readonly #ssrcs = new Set<number>();

  /** Use `createSession`. */
  constructor(options: SessionOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('createSession: options must be an object');
    }
    assertCapabilities(options.capabilities);
    if (options.credentials !== undefined) assertCredentials(options.credentials);
    this.capabilities = structuredClone(options.capabilities);
    this.#credentials = structuredClone(options.credentials ?? createTransportCredentials());
    this.sessionId = createSessionId();
    this.cname = randomText(16);
  }

  /** The signaling state (W3C webrtc-pc 4.3.1). */
  get signalingState(): SignalingState {
    return this.#state;
  }

  /** The o= `<sess-version>` of the last description this session generated. */
  get sessionVersion(): number {
    return this.#version;
  }

  /** The local ICE ufrag/pwd and DTLS fingerprints of the applied local description. */
  get credentials(): TransportCredentials {
    return this.#credentials;
  }

  /** The transceivers in creation order. */
  get transceivers(): readonly Transceiver[] {
    return this.#transceivers;
  }

  /** Was `createDataChannel()` called? Then offers carry an application m-section. */
  get dataChannel(): boolean {
    return this.#dataChannel;
  }

  /** The mid of the data channel m-section, once a description that has one is applied. */
  get dataMid(): string | undefined {
    return this.#dataMid;
  }

  /** What the applied local description negotiated, per mid. */
  get midRecords(): ReadonlyMap<string, MidRecord> {
    return this.#midRecords;
  }

  /** The remote ICE ufrag and pwd per mid, from the applied remote description. */
  get remoteIceCredentials(): ReadonlyMap<string, IceCredentials> {
    return this.#remoteIce;
  }

  /** W3C `localDescription`: the pending one if any, else the current one. */
  get localDescription(): Description | null {
    return this.#pendingLocal ?? this.#currentLocal;
  }

  /** W3C `remoteDescription`: the pending one if any, else the current one. */
  get remoteDescription(): Description | null {
    return this.#pendingRemote ?? this.#currentRemote;
  }

  /** The local description of the last completed offer/answer exchange. */
  get currentLocalDescription(): Description | null {
    return this.#currentLocal;
  }

  /** The local offer or pranswer of the exchange in progress. */
  get pendingLocalDescription(): Description | null {
    return this.#pendingLocal;
  }

  /** The remote description of the last completed offer/answer exchange. */
  get currentRemoteDescription(): Description | null {
    return this.#currentRemote;
  }

  /** The remote offer or pranswer of the exchange in progress. */
  get pendingRemoteDescription(): Description | null {
    return this.#pendingRemote;
  }

  /** Adds a transceiver (W3C webrtc-pc addTransceiver); it gets a mid when negotiated. */
  addTransceiver(kind: RtpKind, options: TransceiverOptions = {}): Transceiver {
    this.#assertOpen('addTransceiver()');
    if (kind !== 'audio' && kind !== 'video') {
      throw new TypeError(`addTransceiver: kind must be 'audio' or 'video', got ${String(kind)}`);
    }
    const direction = options.direction ?? 'sendrecv';
    if (!DIRECTIONS.has(direction)) {
      throw new TypeError(`addTransceiver: options.direction ${String(direction)} is not valid`);
    }
    const transceiver: Transceiver = {
      kind,
      direction,
      stopped: false,
      sender: {
        trackId: globalThis.crypto.randomUUID(),
        ssrc: this.#newSsrc(),
        rtxSsrc: kind === 'video' ? this.#newSsrc() : undefined,
      },
    };
    this.#transceivers.push(transceiver);
    return transceiver;
  }

  /** Asks for a data channel m-section (W3C createDataChannel, as far as SDP goes). */
  createDataChannel(): void {
    this.#assertOpen('createDataChannel()');
    if (this.capabilities.dataChannel === undefined) {
      throw new TypeError('createDataChannel: capabilities.dataChannel is not set');
    }
    this.#dataChannel = true;
  }

  /** Applies a local description, or rolls back (W3C setLocalDescription). */
  setLocalDescription(type: SdpType, sdp?: string): void {
    this.#apply('local', type, sdp);
  }

  /** Applies a remote description, or rolls back (W3C setRemoteDescription). */
  setRemoteDescription(type: SdpType, sdp?: string): void {
    this.#apply('remote', type, sdp);
  }

  /** Closes the session; later steps other than `close()` throw `NEG_ERR_CLOSED`. */
  close(): void {
    this.#state = nextSignalingState(this.#state, 'close()');
  }

  /**
   * The o= `<sess-version>` for a new local description whose text, o= line aside, is
   * `body`: the current version when `body` equals the last description generated, else
   * the next one (RFC 9429 5.2.2, 5.3.2). For description writers (createOffer/createAnswer).
   */
  versionFor(body: string): number {
    if (body !== this.#lastBody) {
      this.#version += 1;
      this.#lastBody = body;
    }
    return this.#version;
  }

  #assertOpen(step: NegotiationStep): void {
    if (this.#state === 'closed') throw invalidStateError(this.#state, step);
  }

  #newSsrc(): number {
    const word = new Uint32Array(1);
    for (;;) {
      globalThis.crypto.getRandomValues(word);
      const ssrc = word[0] as number;
      if (ssrc !== 0 && !this.#ssrcs.has(ssrc)) {
        this.#ssrcs.add(ssrc);
        return ssrc;
      }
    }
  }

  #apply(side: 'local' | 'remote', type: SdpType, sdp: string | undefined): void {
    const method = side === 'local' ? 'setLocalDescription' : 'setRemoteDescription';
    if (!SDP_TYPES.has(type)) throw new TypeError(`${method}: unknown type ${String(type)}`);
    const step = descriptionStep(side, type);
    const next = nextSignalingState(this.#state, step);
    if (type === 'rollback') {
      this.#rollback();
      return;
    }
    if (typeof sdp !== 'string') {
      throw new TypeError(`${method}: a description of type "${type}" needs its sdp text`);
    }
    const fail = (message: string, extra: { problems?: SdpProblem[]; cause?: unknown } = {}) =>
      new NegotiationError('NEG_ERR_INVALID_DESCRIPTION', `${step}: ${message}`, {
        state: this.#state,
        step,
        ...extra,
      });
    let parsed: SessionDescription;
    try {
      parsed = parse(sdp);
    } catch (cause) {
      throw fail(`the description does not parse: ${(cause as Error).message}`, { cause });
    }
    if (side === 'remote') {
      const problems = validate(parsed, { type });
      if (problems.length > 0) {
        const codes = [...new Set(problems.map((p) => p.code))].join(', ');
        throw fail(`the description is not acceptable (${codes})`, { problems });
      }
    }
    const missing = parsed.media.findIndex((m) => m.mid === undefined);
    if (missing >= 0) throw fail(`m-section ${missing} has no a=mid`);
    if (side === 'remote' && type === 'offer' && this.#state === 'have-local-offer') {
      this.#rollback();
    }
    const desc: Description = { type, sdp, parsed };
    const problem = this.#checkMLines(side, desc);
    if (problem !== undefined) throw fail(problem);
    const bind = type === 'offer' ? this.#bindOffer(side, parsed) : [];
    if (typeof bind === 'string') throw fail(bind);

    if (this.#state === 'stable') this.#snapshot = this.#takeSnapshot();
    for (const apply of bind) apply();
    if (side === 'local') {
      this.#midRecords = midRecordsOf(parsed);
      const tag = parsed.media.find((m) => !m.rejected);
      const ice = tag === undefined ? undefined : iceOf(parsed, tag);
      if (ice !== undefined) this.#credentials = { ...this.#credentials, ...ice };
    } else {
      this.#remoteIce = new Map();
      for (const m of parsed.media) {
        const ice = iceOf(parsed, m);
        if (ice !== undefined && m.mid !== undefined) this.#remoteIce.set(m.mid, ice);
      }
    }
    this.#store(side, desc);
    if (type === 'answer') {
      for (const m of parsed.media) {
        const t = this.#transceivers.find((x) => x.mid === m.mid);
        if (t !== undefined && m.rejected) t.stopped = true;
      }
    }
    this.#state = next;
    if (next === 'stable') this.#snapshot = undefined;
  }

  /** W3C webrtc-pc 4.4.1.5: which description slots an applied description fills. */
  #store(side: 'local' | 'remote', desc: Description): void {
    if (desc.type === 'answer') {
      if (side === 'local') {
        this.#currentLocal = desc;
        this.#currentRemote = this.#pendingRemote;
      } else {
        this.#currentRemote = desc;
        this.#currentLocal = this.#pendingLocal;
      }
      this.#pendingLocal = null;
      this.#pendingRemote = null;
    } else if (side === 'local') {
      this.#pendingLocal = desc;
    } else {
      this.#pendingRemote = desc;
    }
  }

  /**
   * What an offer or answer must keep of the m-lines before it, or undefined when it
   * does: an answer has the offer's m-sections with their mids, in order (RFC 9429
   * 5.3.1); an offer keeps every m-section of the previous one at its index, with its
   * mid and kind (RFC 9429 5.2.2; libwebrtc rejects others as an m-line order mismatch).
   */
  #checkMLines(side: 'local' | 'remote', desc: Description): string | undefined {
    const media = desc.parsed.media;
    if (desc.type !== 'offer') {
      const offer = side === 'local' ? this.#pendingRemote : this.#pendingLocal;
      const mids = offer?.parsed.media.map((m) => m.mid) ?? [];
      const got = media.map((m) => m.mid);
      if (mids.length !== got.length || mids.some((mid, i) => mid !== got[i])) {
        return `the ${desc.type} has mids [${got.join(' ')}], the offer [${mids.join(' ')}]`;
      }
      return undefined;
    }
    const previous =
      side === 'local'
        ? (this.#pendingLocal ?? this.#currentLocal)
        : (this.#pendingRemote ?? this.#currentRemote);
    const before = previous?.parsed.media ?? [];
    for (let i = 0; i < before.length; i++) {
      const was = before[i] as MediaSection;
      const now = media[i];
      if (now === undefined || now.mid !== was.mid || now.kind !== was.kind) {
        return `m-section ${i} was ${was.kind} mid ${was.mid}; an offer must keep it`;
      }
    }
    return undefined;
  }

  /**
   * How an offer binds its m-sections to transceivers and the data channel: the changes
   * to make once every check has passed, or the reason it cannot be applied.
   */
  #bindOffer(side: 'local' | 'remote', parsed: SessionDescription): (() => void)[] | string {
    const changes: (() => void)[] = [];
    const taken = new Set<Transceiver>();
    for (const m of parsed.media) {
      const mid = m.mid as string;
      if (m.kind === 'application') {
        if (!m.rejected) changes.push(() => (this.#dataMid = mid));
        continue;
      }
      if (m.kind !== 'audio' && m.kind !== 'video') continue;
      const kind: RtpKind = m.kind;
      const bound = this.#transceivers.find((t) => t.mid === mid);
      if (bound !== undefined) {
        if (bound.kind !== kind)
          return `mid ${mid} is ${kind} but its transceiver is ${bound.kind}`;
        continue;
      }
      if (side === 'remote') {
        changes.push(() => {
          const t = this.addTransceiver(kind, { direction: 'recvonly' });
          t.mid = mid;
          if (m.rejected) t.stopped = true;
          this.#remoteCreated.add(t);
        });
        continue;
      }
      const free = this.#transceivers.find(
        (t) => t.mid === undefined && !t.stopped && t.kind === kind && !taken.has(t),
      );
      if (free === undefined) {
        if (m.rejected) continue;
        return `no ${kind} transceiver is free for mid ${mid}`;
      }
      taken.add(free);
      changes.push(() => (free.mid = mid));
    }
    return changes;
  }

  #takeSnapshot(): Snapshot {
    return {
      transceivers: [...this.#transceivers],
      mids: this.#transceivers.map((t) => t.mid),
      credentials: this.#credentials,
      dataMid: this.#dataMid,
      midRecords: this.#midRecords,
      remoteIce: this.#remoteIce,
    };
  }

  /** RFC 9429 5.7: back to `stable` with the pending descriptions dropped. */
  #rollback(): void {
    const snap = this.#snapshot;
    if (snap !== undefined) {
      const before = new Map(snap.transceivers.map((t, i) => [t, snap.mids[i]]));
      this.#transceivers = this.#transceivers.filter(
        (t) => before.has(t) || !this.#remoteCreated.has(t),
      );
      for (const t of this.#transceivers) {
        const mid = before.get(t);
        if (mid === undefined) delete t.mid;
        else t.mid = mid;
      }
      this.#credentials = snap.credentials;
      this.#dataMid = snap.dataMid;
      this.#midRecords = new Map(snap.midRecords);
      this.#remoteIce = new Map(snap.remoteIce);
    }
    this.#pendingLocal = null;
    this.#pendingRemote = null;
    this.#snapshot = undefined;
    this.#state = 'stable';
  }
}

/**
 * Creates a negotiation session for an endpoint with these capabilities.
 *
 * @example
 * ```ts
 * const session = createSession({ capabilities: chromiumCapabilities() });
 * session.addTransceiver('audio');
 * const offer = createOffer(session);
 * session.setLocalDescription('offer', offer.sdp);
 * ```
 */
export function createSession(options: SessionOptions): NegotiationSession {
  return new NegotiationSession(options);
}
