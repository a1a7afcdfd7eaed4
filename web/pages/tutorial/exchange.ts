/**
 * The same-page offer/answer exchange of the tutorial: two RTCPeerConnections, pc1 (the
 * offerer, holding the camera and microphone) and pc2 (the answerer), wired together
 * without a server. Every step JSEP takes is reported to an observer: signaling states with
 * their times, each trickled candidate, the offer and the answer.
 *
 * The order is the one of RFC 9429 section 1.3: pc1 createOffer, setLocalDescription;
 * pc2 setRemoteDescription, createAnswer, setLocalDescription; pc1 setRemoteDescription.
 * Candidates go to the other peer as they are gathered, queued until it has a remote
 * description (addIceCandidate before that throws InvalidStateError).
 */

/** The two peers, as the tutorial names them. */
export type PeerName = 'pc1' | 'pc2';

/** One negotiation: the offer pc1 made and the answer pc2 gave, with the options used. */
export interface Negotiation {
  readonly round: number;
  readonly options: RTCOfferOptions;
  readonly offer: string;
  readonly answer: string;
}

/** What the exchange reports, each with `at`: milliseconds since the first call. */
export interface ExchangeObserver {
  signalingState(peer: PeerName, state: RTCSignalingState | 'closed', at: number): void;
  candidate(peer: PeerName, candidate: RTCIceCandidate | null, at: number): void;
  connectionState(peer: PeerName, state: RTCPeerConnectionState, at: number): void;
  negotiated(negotiation: Negotiation, at: number): void;
  remoteStream(stream: MediaStream): void;
  /** A step that failed outside a `call()` promise (a trickled candidate was refused). */
  failed(error: unknown): void;
}

/** pc1 and pc2 of one call, with the candidates waiting for a remote description. */
interface Peers {
  readonly pc1: RTCPeerConnection;
  readonly pc2: RTCPeerConnection;
}

/** The tutorial's exchange; `start`, then `call` (again to renegotiate), then `hangUp`. */
export class SamePageExchange {
  #stream: MediaStream | undefined;
  #peers: Peers | undefined;
  #rounds = 0;
  #origin = 0;

  constructor(
    readonly observer: ExchangeObserver,
    readonly now: () => number = () => performance.now(),
  ) {}

  /** True once `start` has the local media. */
  get started(): boolean {
    return this.#stream !== undefined;
  }

  /** True while a call is up. */
  get inCall(): boolean {
    return this.#peers !== undefined;
  }

  /** Asks for the camera and microphone; resolves with the local stream. */
  async start(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.#stream ??= await navigator.mediaDevices.getUserMedia(constraints);
    return this.#stream;
  }

  /**
   * Negotiates once: on the first call it creates pc1 and pc2 and adds the local tracks to
   * pc1; later calls renegotiate on the same connections (with `iceRestart`, under new
   * ICE credentials).
   */
  async call(options: RTCOfferOptions): Promise<Negotiation> {
    const stream = this.#stream;
    if (!stream) throw new Error('start() must succeed before call()');
    const peers = this.#peers ?? this.#connect(stream);
    const { pc1, pc2 } = peers;
    const offer = await pc1.createOffer(options);
    await pc1.setLocalDescription(offer);
    await pc2.setRemoteDescription(offer);
    const answer = await pc2.createAnswer();
    await pc2.setLocalDescription(answer);
    await pc1.setRemoteDescription(answer);
    this.#rounds += 1;
    const negotiation: Negotiation = {
      round: this.#rounds,
      options: { ...options },
      offer: offer.sdp ?? '',
      answer: answer.sdp ?? '',
    };
    this.observer.negotiated(negotiation, this.#at());
    return negotiation;
  }

  /** Closes both peers (the local media stays, so another call can follow). */
  hangUp(): void {
    const peers = this.#peers;
    if (!peers) return;
    this.#peers = undefined;
    for (const [name, pc] of [
      ['pc1', peers.pc1],
      ['pc2', peers.pc2],
    ] as const) {
      pc.close();
      // close() changes the state without a signalingstatechange event (W3C webrtc-pc 4.4.1.5).
      this.observer.signalingState(name, 'closed', this.#at());
    }
  }

  /** Stops the local media as well. */
  stop(): void {
    this.hangUp();
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = undefined;
  }

  #at(): number {
    return this.now() - this.#origin;
  }

  #connect(stream: MediaStream): Peers {
    this.#origin = this.now();
    this.#rounds = 0;
    // No ICE servers: the two peers share a host, so host candidates connect them.
    const pc1 = new RTCPeerConnection({ iceServers: [] });
    const pc2 = new RTCPeerConnection({ iceServers: [] });
    const peers = { pc1, pc2 };
    this.#peers = peers;
    this.#watch('pc1', pc1, pc2);
    this.#watch('pc2', pc2, pc1);
    pc2.addEventListener('track', (event) => {
      const [remote] = event.streams;
      if (remote) this.observer.remoteStream(remote);
    });
    for (const track of stream.getTracks()) pc1.addTrack(track, stream);
    return peers;
  }

  /** Reports `pc`'s events and trickles its candidates to `other`. */
  #watch(name: PeerName, pc: RTCPeerConnection, other: RTCPeerConnection): void {
    this.observer.signalingState(name, pc.signalingState, this.#at());
    pc.addEventListener('signalingstatechange', () => {
      this.observer.signalingState(name, pc.signalingState, this.#at());
    });
    pc.addEventListener('connectionstatechange', () => {
      this.observer.connectionState(name, pc.connectionState, this.#at());
    });
    const pending: RTCIceCandidate[] = [];
    const deliver = (candidate: RTCIceCandidate) => {
      other.addIceCandidate(candidate).catch((error: unknown) => {
        // A call hung up while candidates were in flight: nothing to deliver to.
        if (other.signalingState !== 'closed') this.observer.failed(error);
      });
    };
    other.addEventListener('signalingstatechange', () => {
      if (other.remoteDescription === null) return;
      for (const candidate of pending.splice(0)) deliver(candidate);
    });
    pc.addEventListener('icecandidate', (event) => {
      this.observer.candidate(name, event.candidate, this.#at());
      if (event.candidate === null) return;
      if (other.remoteDescription === null) pending.push(event.candidate);
      else deliver(event.candidate);
    });
  }
}
