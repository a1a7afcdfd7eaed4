/**
 * A scripted stand-in for RTCPeerConnection: the signaling state machine of JSEP (offer,
 * answer, rollback), candidates that need a remote description, and ICE states a test sets.
 * It records every call, so tests assert what a peer session did in W3C notation. Real
 * negotiation is tested with @roamhq/wrtc; this is for what real stacks cannot be made to do
 * on demand (ICE failing, a server pushing ICE servers).
 */
import type { PeerSignaling, SignalingClientEventMap } from 'switchboard/client';
import type { IceServer, SignalPayload } from 'switchboard/protocol';

export interface FakePeerConnectionOptions {
  /** setRemoteDescription(offer) in have-local-offer rolls back first (modern browsers). */
  implicitRollback?: boolean;
  /** setLocalDescription() without arguments works (modern browsers). */
  implicitLocalDescription?: boolean;
}

function invalidState(message: string): DOMException {
  return new DOMException(message, 'InvalidStateError');
}

export class FakePeerConnection extends EventTarget {
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  configuration: RTCConfiguration;
  readonly calls: string[] = [];
  readonly #options: Required<FakePeerConnectionOptions>;
  #offers = 0;

  constructor(configuration: RTCConfiguration, options: FakePeerConnectionOptions = {}) {
    super();
    this.configuration = configuration;
    this.#options = { implicitRollback: true, implicitLocalDescription: true, ...options };
  }

  async createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit> {
    this.calls.push(options?.iceRestart ? 'createOffer(iceRestart)' : 'createOffer');
    this.#offers += 1;
    return { type: 'offer', sdp: `offer-${this.#offers}` };
  }

  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    this.calls.push('createAnswer');
    return { type: 'answer', sdp: `answer-to-${this.remoteDescription?.sdp}` };
  }

  async setLocalDescription(description?: RTCSessionDescriptionInit): Promise<void> {
    if (description === undefined) {
      if (!this.#options.implicitLocalDescription) throw new TypeError('Expected an object');
      description =
        this.signalingState === 'have-remote-offer'
          ? await this.createAnswer()
          : await this.createOffer();
    }
    this.calls.push(`setLocal(${description.type})`);
    const state = this.signalingState;
    switch (description.type) {
      case 'offer':
        if (state !== 'stable' && state !== 'have-local-offer')
          throw invalidState(`${state} -> setLocal(offer)`);
        this.signalingState = 'have-local-offer';
        this.localDescription = description;
        return;
      case 'answer':
        if (state !== 'have-remote-offer') throw invalidState(`${state} -> setLocal(answer)`);
        this.signalingState = 'stable';
        this.localDescription = description;
        return;
      case 'rollback':
        if (state !== 'have-local-offer') throw invalidState(`${state} -> setLocal(rollback)`);
        this.signalingState = 'stable';
        this.localDescription = null;
        return;
      default:
        throw new TypeError(`unsupported ${description.type}`);
    }
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.calls.push(`setRemote(${description.type})`);
    const state = this.signalingState;
    switch (description.type) {
      case 'offer':
        if (state === 'have-local-offer') {
          if (!this.#options.implicitRollback) throw invalidState(`${state} -> setRemote(offer)`);
          this.calls.push('(implicit rollback)');
          this.localDescription = null;
        } else if (state !== 'stable' && state !== 'have-remote-offer') {
          throw invalidState(`${state} -> setRemote(offer)`);
        }
        this.signalingState = 'have-remote-offer';
        this.remoteDescription = description;
        return;
      case 'answer':
        if (state !== 'have-local-offer') throw invalidState(`${state} -> setRemote(answer)`);
        this.signalingState = 'stable';
        this.remoteDescription = description;
        return;
      default:
        throw new TypeError(`unsupported ${description.type}`);
    }
  }

  async addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (!this.remoteDescription) throw invalidState('addIceCandidate without a remote description');
    this.calls.push(`addIceCandidate(${candidate.candidate})`);
  }

  restartIce(): void {
    this.calls.push('restartIce');
    queueMicrotask(() => this.fire('negotiationneeded'));
  }

  getConfiguration(): RTCConfiguration {
    return this.configuration;
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.calls.push(`setConfiguration(${JSON.stringify(configuration.iceServers)})`);
    this.configuration = configuration;
  }

  close(): void {
    this.calls.push('close');
    this.signalingState = 'closed';
    this.connectionState = 'closed';
  }

  /** Dispatches a plain event of `type`, with extra fields. */
  fire(type: string, fields: Record<string, unknown> = {}): void {
    this.dispatchEvent(Object.assign(new Event(type), fields));
  }

  /** Sets the ICE connection state and fires its change event. */
  setIceConnectionState(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.fire('iceconnectionstatechange');
  }

  /** Sets the connection state and fires its change event. */
  setConnectionState(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.fire('connectionstatechange');
  }
}

/** A signaling client stand-in: records what is sent and lets a test emit client events. */
export class FakeSignaling implements PeerSignaling {
  readonly sent: Array<{ room: string; to: string; payload: SignalPayload }> = [];
  iceServers: readonly IceServer[] = [];
  readonly #listeners = new Map<string, Set<(event: never) => void>>();

  signal(room: string, to: string, payload: SignalPayload): number {
    this.sent.push({ room, to, payload });
    return this.sent.length;
  }

  on<K extends keyof SignalingClientEventMap>(
    type: K,
    listener: (event: SignalingClientEventMap[K]) => void,
  ): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  off(): void {}

  emit<K extends keyof SignalingClientEventMap>(type: K, event: SignalingClientEventMap[K]): void {
    for (const listener of this.#listeners.get(type) ?? []) {
      (listener as (event: SignalingClientEventMap[K]) => void)(event);
    }
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }

  /** The kinds (and description types) sent so far: `description(offer)`, `candidate`. */
  kinds(): string[] {
    return this.sent.map(({ payload }) =>
      payload.kind === 'description' ? `description(${payload.description.type})` : payload.kind,
    );
  }
}
