/**
 * A room as a mesh: one {@link PeerSession} to every other member, created when the member
 * is met (the roster of `joined`, then `peer-joined`) and closed when it leaves. The room
 * routes each member's signals to its session; signals that arrive before the session
 * exists (a fast peer may offer in the same read as the roster) wait for it. The polite
 * member of each pair lets the impolite one offer first (`firstOffer: 'impolite'`,
 * first-offer.ts): both sides create their session at about the same moment, and colliding
 * first offers make the connection slower to come up.
 */
import type { Member, SignalPayload } from 'switchboard/protocol';
import { systemClock } from './clock.ts';
import { Emitter, type EventSource } from './emitter.ts';
import type { ClientError } from './errors.ts';
import { firstOfferWaitMs } from './first-offer.ts';
import {
  type CreatePeerConnection,
  createPeerSession,
  type PeerSession,
  type PeerSessionEventMap,
} from './peer-session.ts';
import type { SignalingClient } from './signaling-types.ts';

/** Why a peer session of a room ended. */
export type PeerLeftReason = 'left' | 'expired' | 'kicked' | 'session-lost' | 'room-left';

/** Events of a room, by name. */
export interface RoomEventMap {
  /** A session to a member was created: the roster's members during join, later joiners after. */
  peerjoined: { peer: string; session: PeerSession; member: Member };
  /** A member's presence changed. */
  peerupdated: { peer: string; member: Member; previous: Member };
  /** A member's session closed. */
  peerleft: { peer: string; reason: PeerLeftReason };
  /** A remote track arrived from `peer`. */
  track: { peer: string; session: PeerSession } & PeerSessionEventMap['track'];
  /** `peer` opened a data channel. */
  datachannel: { peer: string; session: PeerSession } & PeerSessionEventMap['datachannel'];
  /** `peer` sent application data through the signaling server. */
  data: { peer: string; session: PeerSession } & PeerSessionEventMap['data'];
  /** Negotiation with `peer` failed a step, or rejoining after a lost session failed. */
  error: { peer: string | undefined; error: ClientError | Error };
}

/** Options of {@link joinRoom}. */
export interface RoomOptions {
  /** Creates each member's peer connection: `(config) => new RTCPeerConnection(config)`. */
  createPeerConnection: CreatePeerConnection;
  /** This client's presence in the room. */
  presence?: Record<string, unknown>;
  /** Peer connection configuration; `iceServers` defaults to the server's. */
  configuration?: RTCConfiguration;
  /**
   * Called with every session as soon as it exists, before it handles any signal: the place
   * to add tracks and data channels, roster members included.
   */
  setupPeer?: (session: PeerSession, member: Member) => void;
  /** Join again when the signaling session was lost (resume failed). Default true. */
  rejoin?: boolean;
  /** Signals held per member whose session does not exist yet. Default 256. */
  maxEarlySignals?: number;
}

/** A joined room; see {@link joinRoom}. */
export interface Room extends EventSource<RoomEventMap> {
  readonly name: string;
  /** The sessions to the other members, by peer id. */
  readonly peers: ReadonlyMap<string, PeerSession>;
  /** The other members with their presence, by peer id. */
  readonly members: ReadonlyMap<string, Member>;
  /** Joins (again); `joinRoom` does this for you. Resolves once every roster session exists. */
  join(): Promise<void>;
  /** Replaces this client's presence in the room. */
  setPresence(presence: Record<string, unknown>): Promise<void>;
  /** Closes every session and leaves the room. */
  leave(): Promise<void>;
}

/** A room that has not joined yet: attach listeners, then call `join()`. */
export function createRoom(client: SignalingClient, name: string, options: RoomOptions): Room {
  return new RoomImpl(client, name, options);
}

/**
 * Joins `name` and connects to every member (a mesh). Resolves once the sessions to the
 * roster exist; their `peerjoined` events fired before, so prepare them in `setupPeer`, or
 * use {@link createRoom} to listen first.
 */
export async function joinRoom(
  client: SignalingClient,
  name: string,
  options: RoomOptions,
): Promise<Room> {
  const room = createRoom(client, name, options);
  try {
    await room.join();
  } catch (error) {
    void room.leave().catch(() => {});
    throw error;
  }
  return room;
}

class RoomImpl extends Emitter<RoomEventMap> implements Room {
  readonly name: string;
  readonly #client: SignalingClient;
  readonly #options: RoomOptions;
  readonly #maxEarlySignals: number;
  readonly #sessions = new Map<string, PeerSession>();
  readonly #sessionUnsubscribe = new Map<string, Array<() => void>>();
  readonly #early = new Map<string, SignalPayload[]>();
  readonly #unsubscribe: Array<() => void>;
  #presence: Record<string, unknown> | undefined;
  #left = false;
  /** How long the last join request took to be answered: the polite sides' first-offer wait. */
  #joinRoundTripMs: number | undefined;

  constructor(client: SignalingClient, name: string, options: RoomOptions) {
    super();
    if (typeof options?.createPeerConnection !== 'function') {
      throw new TypeError('joinRoom option `createPeerConnection` must be a function');
    }
    this.name = name;
    this.#client = client;
    this.#options = options;
    this.#presence = options.presence;
    this.#maxEarlySignals = options.maxEarlySignals ?? 256;
    this.#unsubscribe = [
      client.on('signal', ({ room, from, payload }) => {
        if (room === name) this.#route(from, payload);
      }),
      client.on('peerjoined', ({ room, member }) => {
        if (room === name) this.#ensureSession(member);
      }),
      client.on('peerupdated', ({ room, member, previous }) => {
        if (room === name) this.emit('peerupdated', { peer: member.peer, member, previous });
      }),
      client.on('peerleft', ({ room, peer, reason }) => {
        if (room === name) this.#removeSession(peer, reason);
      }),
      client.on('open', ({ lost }) => {
        if (lost?.rooms.includes(name)) this.#onSessionLost();
      }),
    ];
  }

  get peers(): ReadonlyMap<string, PeerSession> {
    return this.#sessions;
  }

  get members(): ReadonlyMap<string, Member> {
    return this.#client.members(this.name) ?? new Map();
  }

  async join(): Promise<void> {
    const sent = systemClock.now();
    await this.#client.join(this.name, this.#presence);
    this.#joinRoundTripMs = systemClock.now() - sent;
    if (this.#left) return;
    // The client's roster is current (it applied every event since the reply), unlike the
    // reply itself: a roster member may already have left.
    for (const member of this.#client.members(this.name)?.values() ?? []) {
      this.#ensureSession(member);
    }
    this.#early.clear(); // From peers that are not members (any more).
  }

  async setPresence(presence: Record<string, unknown>): Promise<void> {
    this.#presence = presence;
    await this.#client.setPresence(this.name, presence);
  }

  async leave(): Promise<void> {
    if (this.#left) return;
    this.#left = true;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    for (const peer of [...this.#sessions.keys()]) this.#removeSession(peer, 'room-left');
    this.#early.clear();
    if (this.#client.rooms.includes(this.name)) await this.#client.leave(this.name);
  }

  #route(from: string, payload: SignalPayload): void {
    const session = this.#sessions.get(from);
    if (session) {
      session.receive(payload);
      return;
    }
    let early = this.#early.get(from);
    if (!early) {
      early = [];
      this.#early.set(from, early);
    }
    if (early.length < this.#maxEarlySignals) early.push(payload);
  }

  #ensureSession(member: Member): void {
    if (this.#left || this.#sessions.has(member.peer)) return;
    const peer = member.peer;
    const session = createPeerSession({
      signaling: this.#client,
      room: this.name,
      peer,
      polite: member.polite,
      // Members set up their side at once; the first offers must not collide.
      firstOffer: 'impolite',
      firstOfferWaitMs: firstOfferWaitMs(this.#joinRoundTripMs),
      createPeerConnection: this.#options.createPeerConnection,
      configuration: this.#options.configuration,
    });
    this.#sessions.set(peer, session);
    this.#sessionUnsubscribe.set(peer, [
      session.on('track', (event) => this.emit('track', { peer, session, ...event })),
      session.on('datachannel', (event) => this.emit('datachannel', { peer, session, ...event })),
      session.on('data', (event) => this.emit('data', { peer, session, ...event })),
      session.on('error', ({ error }) => this.emit('error', { peer, error })),
    ]);
    try {
      this.#options.setupPeer?.(session, member);
    } catch (error) {
      this.emit('error', {
        peer,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
    const early = this.#early.get(peer);
    this.#early.delete(peer);
    for (const payload of early ?? []) session.receive(payload);
    this.emit('peerjoined', { peer, session, member });
  }

  #removeSession(peer: string, reason: PeerLeftReason): void {
    this.#early.delete(peer);
    const session = this.#sessions.get(peer);
    if (!session) return;
    this.#sessions.delete(peer);
    for (const unsubscribe of this.#sessionUnsubscribe.get(peer) ?? []) unsubscribe();
    this.#sessionUnsubscribe.delete(peer);
    session.close();
    this.emit('peerleft', { peer, reason });
  }

  #onSessionLost(): void {
    for (const peer of [...this.#sessions.keys()]) this.#removeSession(peer, 'session-lost');
    if (this.#options.rejoin === false || this.#left) return;
    this.join().catch((error: unknown) => {
      this.emit('error', {
        peer: undefined,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    });
  }
}
