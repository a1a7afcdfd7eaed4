/**
 * One RTCPeerConnection to one remote peer, negotiated with the W3C "perfect negotiation"
 * pattern (webrtc-pc, section 10.7 "Perfect Negotiation Example"): either side may start a
 * negotiation whenever it wants (tracks, data channels, ICE restarts); when both offer at
 * once, the impolite side ignores the other's offer and the polite side rolls its own back.
 * The server assigns the roles (`polite` of a room member), so the two sides always agree.
 *
 * Two details go beyond the W3C example so that stacks without the newest API work too
 * (@roamhq/wrtc lacks both): `setLocalDescription()` without arguments falls back to
 * createOffer/createAnswer, and where `setRemoteDescription(offer)` in have-local-offer
 * does not roll back implicitly, the session rolls back explicitly first. Every step runs on
 * one queue, so an explicit createOffer/setLocalDescription pair cannot interleave with a
 * remote description.
 */
import type { IceServer, SignalPayload } from 'switchboard/protocol';
import { type Clock, type ClockTimer, systemClock } from './clock.ts';
import { Emitter, type EventSource } from './emitter.ts';
import { ClientError } from './errors.ts';
import {
  type FirstOfferRule,
  FirstOfferWait,
  firstOfferWaitMs,
  needsOwnOffer,
} from './first-offer.ts';
import type { SignalingClient } from './signaling-types.ts';

/** The connection state of a session, from the peer connection's `connectionState`. */
export type PeerSessionState = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';

/** Events of a peer session, by name. */
export interface PeerSessionEventMap {
  /** The connection state changed. */
  statechange: { state: PeerSessionState; previous: PeerSessionState };
  /** A remote track arrived (the peer connection's `track` event). */
  track: {
    track: MediaStreamTrack;
    streams: readonly MediaStream[];
    transceiver: RTCRtpTransceiver;
    receiver: RTCRtpReceiver;
  };
  /** The remote side opened a data channel (the peer connection's `datachannel` event). */
  datachannel: { channel: RTCDataChannel };
  /** Application data the remote side sent through the signaling server (`send()`). */
  data: { data: unknown };
  /** A negotiation step failed; the session goes on (the next negotiation may succeed). */
  error: { error: ClientError };
}

/** The part of a signaling client a peer session uses. */
export type PeerSignaling = Pick<SignalingClient, 'signal' | 'on' | 'iceServers'>;

/** Creates the peer connection of a session: `(config) => new RTCPeerConnection(config)`. */
export type CreatePeerConnection = (configuration: RTCConfiguration) => RTCPeerConnection;

/** Options of {@link createPeerSession}. */
export interface PeerSessionOptions {
  /** The signaling client signals go through. */
  signaling: PeerSignaling;
  /** The room the remote peer was met in. */
  room: string;
  /** The remote peer id. */
  peer: string;
  /** Whether this side is polite towards `peer` (the member's `polite` from the server). */
  polite: boolean;
  createPeerConnection: CreatePeerConnection;
  /**
   * Configuration of the peer connection. `iceServers` defaults to the client's (from
   * `welcome`), and is replaced whenever the server pushes fresh ones.
   */
  configuration?: RTCConfiguration;
  /**
   * Who makes the first offer. `'either'` (the default): whichever side needs negotiating
   * offers, and perfect negotiation resolves a collision. `'impolite'` (what rooms use): the
   * polite side makes no offer of its own before it answered the impolite side's first one,
   * or waited `firstOfferWaitMs` for it, so the first offers do not collide; see
   * first-offer.ts for why that matters.
   */
  firstOffer?: FirstOfferRule;
  /** How long the polite side waits for the first offer. Default `FIRST_OFFER_WAIT.defaultMs`. */
  firstOfferWaitMs?: number;
  /**
   * How long ICE may stay `disconnected` before the session restarts it (ms); 0: only when
   * it `failed`, which browsers declare tens of seconds later. Default
   * {@link ICE_DISCONNECTED_RESTART_MS}.
   */
  iceDisconnectedRestartMs?: number;
  /** The time source of the session's waits. Default: the real clock. */
  clock?: Clock;
}

/**
 * How long ICE may stay `disconnected` before a session restarts it, by default (ms). A
 * path that lost a few checks comes back on its own within a second or two; one that is
 * gone stays disconnected until the browser gives up (`failed`), far later.
 */
export const ICE_DISCONNECTED_RESTART_MS = 3000;

/** A negotiated connection to one remote peer; see {@link createPeerSession}. */
export interface PeerSession extends EventSource<PeerSessionEventMap> {
  readonly room: string;
  readonly peer: string;
  readonly polite: boolean;
  /** The peer connection: add tracks and data channels to it; negotiation follows on its own. */
  readonly connection: RTCPeerConnection;
  readonly state: PeerSessionState;
  /** Handles a signal that came from the remote peer (a room routes them here). */
  receive(payload: SignalPayload): void;
  /** Restarts ICE: a new offer with fresh credentials follows. */
  restartIce(): void;
  /** Sends application data to the remote peer through the signaling server. */
  send(data: unknown): void;
  /** Resolves once every negotiation step queued so far has run. */
  whenIdle(): Promise<void>;
  /** Closes the peer connection and stops listening; done on its own when the peer leaves. */
  close(): void;
}

/**
 * Creates the peer connection and starts listening; nothing is sent until something needs
 * negotiating (`addTrack`, `createDataChannel`, `restartIce`) or the remote side offers.
 * Signals from the remote peer must be passed to `receive()` (a room does this).
 */
export function createPeerSession(options: PeerSessionOptions): PeerSession {
  return new PeerSessionImpl(options);
}

const CONNECTION_STATES: Record<RTCPeerConnectionState, PeerSessionState> = {
  new: 'new',
  connecting: 'connecting',
  connected: 'connected',
  // ICE lost connectivity and may regain it (or fail and be restarted).
  disconnected: 'connecting',
  failed: 'failed',
  closed: 'closed',
};

const ICE_STATES: Record<RTCIceConnectionState, PeerSessionState> = {
  new: 'new',
  checking: 'connecting',
  connected: 'connected',
  completed: 'connected',
  disconnected: 'connecting',
  failed: 'failed',
  closed: 'closed',
};

function toIceServers(servers: readonly IceServer[]): RTCIceServer[] {
  return servers.map((server) => ({ ...server }));
}

class PeerSessionImpl extends Emitter<PeerSessionEventMap> implements PeerSession {
  readonly room: string;
  readonly peer: string;
  readonly polite: boolean;
  readonly connection: RTCPeerConnection;
  readonly #signaling: PeerSignaling;
  readonly #configuration: RTCConfiguration;
  readonly #unsubscribe: Array<() => void> = [];

  #state: PeerSessionState = 'new';
  #closed = false;
  /** Every negotiation step runs on this chain, one after the other. */
  #chain: Promise<void> = Promise.resolve();

  // The W3C example's flags.
  #makingOffer = false;
  #ignoreOffer = false;
  /** negotiationneeded arrived outside stable: offer once stable again. */
  #negotiationPending = false;
  /** Remote candidates that arrived before a remote description. */
  #pendingCandidates: Array<RTCIceCandidateInit> = [];
  /** The polite side's wait for the first offer (`firstOffer: 'impolite'`). */
  #firstOfferWait: FirstOfferWait | undefined;
  readonly #clock: Clock;
  readonly #iceDisconnectedRestartMs: number;
  /** Runs while ICE is `disconnected`: restarts it unless it recovers first. */
  #disconnectedTimer: ClockTimer | undefined;

  // What the stack supports, learnt on first use.
  #implicitLocalDescription: boolean | undefined;
  #implicitRollback: boolean | undefined;
  #iceRestartRequested = false;

  constructor(options: PeerSessionOptions) {
    super();
    if (typeof options?.createPeerConnection !== 'function') {
      throw new TypeError('createPeerSession option `createPeerConnection` must be a function');
    }
    this.room = options.room;
    this.peer = options.peer;
    this.polite = options.polite;
    this.#signaling = options.signaling;
    this.#clock = options.clock ?? systemClock;
    const restartMs = options.iceDisconnectedRestartMs ?? ICE_DISCONNECTED_RESTART_MS;
    if (typeof restartMs !== 'number' || !(restartMs >= 0)) {
      throw new RangeError('createPeerSession option `iceDisconnectedRestartMs` must be >= 0');
    }
    this.#iceDisconnectedRestartMs = restartMs;
    this.#configuration = {
      ...options.configuration,
      iceServers: options.configuration?.iceServers ?? toIceServers(options.signaling.iceServers),
    };
    const pc = options.createPeerConnection(this.#configuration);
    this.connection = pc;

    const listen = <K extends keyof RTCPeerConnectionEventMap>(
      type: K,
      listener: (event: RTCPeerConnectionEventMap[K]) => void,
    ) => {
      pc.addEventListener(type, listener);
      this.#unsubscribe.push(() => pc.removeEventListener(type, listener));
    };
    listen('negotiationneeded', () => this.#negotiate());
    listen('icecandidate', (event) => this.#sendCandidate(event.candidate));
    listen('iceconnectionstatechange', () => this.#onIceConnectionState());
    listen('connectionstatechange', () => this.#updateState());
    listen('track', (event) =>
      this.emit('track', {
        track: event.track,
        streams: event.streams ?? [],
        transceiver: event.transceiver,
        receiver: event.receiver,
      }),
    );
    listen('datachannel', (event) => this.emit('datachannel', { channel: event.channel }));

    this.#unsubscribe.push(
      this.#signaling.on('iceservers', ({ iceServers }) => this.#setIceServers(iceServers)),
      this.#signaling.on('peerleft', ({ room, peer }) => {
        if (room === this.room && peer === this.peer) this.close();
      }),
      this.#signaling.on('resumed', () => {
        // ICE may have dropped while signaling was down; a restart could not be signaled.
        const ice = pc.iceConnectionState;
        if (ice === 'disconnected' || ice === 'failed') this.restartIce();
      }),
    );

    if (options.firstOffer === 'impolite' && this.polite) {
      this.#firstOfferWait = new FirstOfferWait(
        this.#clock,
        options.firstOfferWaitMs ?? firstOfferWaitMs(undefined),
        (held) => {
          if (held) this.#negotiate();
        },
      );
    }
  }

  get state(): PeerSessionState {
    return this.#state;
  }

  receive(payload: SignalPayload): void {
    if (this.#closed) return;
    switch (payload.kind) {
      case 'description':
        this.#enqueue('setRemoteDescription', () =>
          this.#onDescription(payload.description as RTCSessionDescriptionInit),
        );
        return;
      case 'candidate':
        this.#enqueue('addIceCandidate', () => this.#onCandidate(payload.candidate));
        return;
      case 'end-of-candidates':
        this.#enqueue('addIceCandidate', () =>
          this.#onCandidate({ candidate: '', sdpMid: payload.sdpMid ?? null }),
        );
        return;
      case 'data':
        this.emit('data', { data: payload.data });
        return;
    }
  }

  restartIce(): void {
    if (this.#closed) return;
    const pc = this.connection;
    if (typeof pc.restartIce === 'function') {
      pc.restartIce(); // Fires negotiationneeded.
    } else {
      this.#iceRestartRequested = true;
      this.#negotiate();
    }
  }

  send(data: unknown): void {
    this.#signal({ kind: 'data', data });
  }

  whenIdle(): Promise<void> {
    return this.#chain;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#firstOfferWait?.stop();
    this.#stopDisconnectedTimer();
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#pendingCandidates = [];
    try {
      this.connection.close();
    } catch {
      // Closing twice is not an error worth reporting.
    }
    this.#setState('closed');
  }

  // ---- negotiation -----------------------------------------------------------------------

  #enqueue(step: string, run: () => Promise<void>): void {
    this.#chain = this.#chain.then(async () => {
      if (this.#closed) return;
      try {
        await run();
      } catch (error) {
        if (!this.#closed) this.#fail(step, error);
      }
    });
  }

  /** negotiationneeded: make an offer (W3C: makingOffer, setLocalDescription(), send). */
  #negotiate(): void {
    if (this.#firstOfferWait?.hold()) return;
    this.#enqueue('createOffer', async () => {
      const pc = this.connection;
      if (pc.signalingState !== 'stable') {
        this.#negotiationPending = true;
        return;
      }
      this.#negotiationPending = false;
      this.#makingOffer = true;
      try {
        await this.#setLocalDescription();
        this.#sendLocalDescription();
      } finally {
        this.#makingOffer = false;
      }
    });
  }

  async #onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const pc = this.connection;
    // The chain runs one step at a time, so makingOffer is only ever true inside #negotiate;
    // it stays in the test to read as the W3C example does.
    const offerCollision =
      description.type === 'offer' && (this.#makingOffer || pc.signalingState !== 'stable');
    this.#ignoreOffer = !this.polite && offerCollision;
    if (this.#ignoreOffer) return;

    if (offerCollision && this.#implicitRollback === false) {
      await pc.setLocalDescription({ type: 'rollback' });
    }
    try {
      await pc.setRemoteDescription(description);
      if (offerCollision) this.#implicitRollback ??= true;
    } catch (error) {
      // A stack without implicit rollback refuses the offer in have-local-offer: roll back
      // explicitly and apply it again.
      if (!offerCollision || this.#implicitRollback !== undefined) throw error;
      if (pc.signalingState !== 'have-local-offer') throw error;
      this.#implicitRollback = false;
      await pc.setLocalDescription({ type: 'rollback' });
      await pc.setRemoteDescription(description);
    }
    await this.#addPendingCandidates();
    if (description.type === 'offer') {
      await this.#setLocalDescription();
      this.#sendLocalDescription();
      this.#afterFirstAnswer(description.sdp ?? '');
    }
    if (this.#negotiationPending && pc.signalingState === 'stable') this.#negotiate();
  }

  /** The first offer is answered: offer now what it left out, if this side held anything. */
  #afterFirstAnswer(offer: string): void {
    const wait = this.#firstOfferWait;
    if (!wait) return;
    this.#firstOfferWait = undefined;
    const held = wait.answered();
    if (held && (this.#iceRestartRequested || needsOwnOffer(this.connection, offer))) {
      this.#negotiationPending = true;
    }
  }

  async #onCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    // Candidates of an offer this side ignored belong to nothing it will ever apply.
    if (this.#ignoreOffer) return;
    if (!this.connection.remoteDescription) {
      this.#pendingCandidates.push(candidate);
      return;
    }
    await this.#addCandidate(candidate);
  }

  async #addPendingCandidates(): Promise<void> {
    const candidates = this.#pendingCandidates;
    this.#pendingCandidates = [];
    for (const candidate of candidates) {
      try {
        await this.#addCandidate(candidate);
      } catch (error) {
        this.#fail('addIceCandidate', error);
      }
    }
  }

  async #addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.connection.addIceCandidate(candidate);
    } catch (error) {
      // End-of-candidates is a hint some stacks refuse; the ICE agent does without it.
      if (candidate.candidate === '') return;
      if (!this.#ignoreOffer) throw error;
    }
  }

  /** setLocalDescription() without arguments, or its explicit equivalent. */
  async #setLocalDescription(): Promise<void> {
    const pc = this.connection;
    const iceRestart = this.#iceRestartRequested;
    if (this.#implicitLocalDescription !== false && !iceRestart) {
      try {
        await pc.setLocalDescription();
        this.#implicitLocalDescription = true;
        return;
      } catch (error) {
        if (this.#implicitLocalDescription === true || !(error instanceof TypeError)) throw error;
        this.#implicitLocalDescription = false;
      }
    }
    const answering =
      pc.signalingState === 'have-remote-offer' || pc.signalingState === 'have-local-pranswer';
    const description = answering
      ? await pc.createAnswer()
      : await pc.createOffer(iceRestart ? { iceRestart: true } : undefined);
    await pc.setLocalDescription(description);
    if (!answering) this.#iceRestartRequested = false;
  }

  #sendLocalDescription(): void {
    const local = this.connection.localDescription;
    if (!local) return;
    this.#signal({
      kind: 'description',
      description: { type: local.type, sdp: local.sdp },
    });
  }

  #sendCandidate(candidate: RTCIceCandidate | null): void {
    if (this.#closed) return;
    if (!candidate || candidate.candidate === '') {
      const sdpMid = candidate?.sdpMid;
      this.#signal(
        sdpMid == null ? { kind: 'end-of-candidates' } : { kind: 'end-of-candidates', sdpMid },
      );
      return;
    }
    const init: RTCIceCandidateInit =
      typeof candidate.toJSON === 'function' ? candidate.toJSON() : candidate;
    this.#signal({
      kind: 'candidate',
      candidate: {
        candidate: init.candidate ?? candidate.candidate,
        sdpMid: init.sdpMid ?? null,
        sdpMLineIndex: init.sdpMLineIndex ?? null,
        usernameFragment: init.usernameFragment ?? null,
      },
    });
  }

  #signal(payload: SignalPayload): void {
    if (this.#closed) return;
    try {
      this.#signaling.signal(this.room, this.peer, payload);
    } catch (error) {
      this.emit('error', {
        error:
          error instanceof ClientError
            ? error
            : new ClientError('CLIENT_ERR_NEGOTIATION', 'sending a signal failed', {
                cause: error,
              }),
      });
    }
  }

  // ---- ICE and state ---------------------------------------------------------------------

  #onIceConnectionState(): void {
    const ice = this.connection.iceConnectionState;
    if (ice === 'failed') this.restartIce();
    if (ice !== 'disconnected') {
      this.#stopDisconnectedTimer();
    } else if (this.#disconnectedTimer === undefined && this.#iceDisconnectedRestartMs > 0) {
      this.#disconnectedTimer = this.#clock.setTimeout(() => {
        this.#disconnectedTimer = undefined;
        if (!this.#closed && this.connection.iceConnectionState === 'disconnected') {
          this.restartIce();
        }
      }, this.#iceDisconnectedRestartMs);
    }
    this.#updateState();
  }

  #stopDisconnectedTimer(): void {
    if (this.#disconnectedTimer === undefined) return;
    this.#clock.clearTimeout(this.#disconnectedTimer);
    this.#disconnectedTimer = undefined;
  }

  #updateState(): void {
    const pc = this.connection;
    const state =
      pc.connectionState !== undefined
        ? CONNECTION_STATES[pc.connectionState]
        : ICE_STATES[pc.iceConnectionState];
    if (state && !this.#closed) this.#setState(state);
  }

  #setState(state: PeerSessionState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.emit('statechange', { state, previous });
  }

  #setIceServers(iceServers: readonly IceServer[]): void {
    if (this.#closed) return;
    this.#configuration.iceServers = toIceServers(iceServers);
    try {
      this.connection.setConfiguration(this.#configuration);
    } catch (error) {
      this.#fail('setConfiguration', error);
    }
  }

  #fail(step: string, cause: unknown): void {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    this.emit('error', {
      error: new ClientError('CLIENT_ERR_NEGOTIATION', `${step} failed (${detail})`, { cause }),
    });
  }
}
