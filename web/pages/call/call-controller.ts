/**
 * The call: local media, the signaling session and the room's mesh of peer connections,
 * through the public client API only (`switchboard/client`). It knows nothing of the DOM;
 * it tells a {@link CallUi} what to show. Each remote participant is a {@link CallPeer}.
 */
import {
  createRoom,
  createSignalingClient,
  type Room,
  type SignalingClient,
} from 'switchboard/client';
import { callErrorText, describeCallError } from './call-errors.ts';
import { CallPeer } from './call-peer.ts';
import type { CallUi } from './call-ui.ts';
import { chatText, encodeChat } from './chat-message.ts';
import { openLocalMedia } from './media.ts';
import type { MediaMode } from './params.ts';

/** The most people in one call, this page included: each one is a peer connection to all. */
export const MAX_PARTICIPANTS = 6;
/** How often each peer connection's stats are sampled (ms). */
export const STATS_INTERVAL_MS = 1000;
/** The most entries the debug log keeps. */
const MAX_LOG = 500;

/** Options of {@link CallController}. */
export interface CallControllerOptions {
  /** The signaling WebSocket URL. */
  url: string;
  token?: string | undefined;
  iceTransportPolicy: RTCIceTransportPolicy;
  ui: CallUi;
}

/** A call: join, talk, chat, leave; see the module comment. */
export class CallController {
  readonly #options: CallControllerOptions;
  readonly #ui: CallUi;
  readonly #peers = new Map<string, CallPeer>();
  readonly #log: string[] = [];
  #client: SignalingClient | undefined;
  #room: Room | undefined;
  #local: MediaStream | undefined;
  #name = '';
  #audio = true;
  #video = true;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  /** Bumped by every join and leave, so a join that was overtaken stops where it is. */
  #generation = 0;

  constructor(options: CallControllerOptions) {
    this.#options = options;
    this.#ui = options.ui;
  }

  get client(): SignalingClient | undefined {
    return this.#client;
  }

  get room(): Room | undefined {
    return this.#room;
  }

  get localStream(): MediaStream | undefined {
    return this.#local;
  }

  /** Notable events, oldest first: `open`, `resumed`, `peerjoined:<peer>`, ... */
  get log(): readonly string[] {
    return this.#log;
  }

  get joined(): boolean {
    return this.#room !== undefined;
  }

  /** Opens local media, connects, and joins `roomName`; errors end up on the UI. */
  async join(roomName: string, displayName: string, media: MediaMode): Promise<boolean> {
    await this.leave();
    const generation = ++this.#generation;
    const stale = () => generation !== this.#generation;
    this.#name = displayName;
    this.#ui.error(undefined);
    this.#ui.phase('joining', roomName);
    try {
      this.#local = await openLocalMedia(media);
      if (stale()) return this.#dispose(this.#local);
      this.#audio = this.#local?.getAudioTracks().some((t) => t.enabled) ?? false;
      this.#video = this.#local?.getVideoTracks().some((t) => t.enabled) ?? false;
      this.#ui.localMedia(this.#local, displayName);

      const client = createSignalingClient({
        url: this.#options.url,
        ...(this.#options.token === undefined ? {} : { token: this.#options.token }),
      });
      this.#client = client;
      this.#listenToClient(client);
      await client.connect();
      if (stale()) return false;
      this.#record(`open:${client.session?.session}:${client.peer}`);

      const room = createRoom(client, roomName, {
        presence: this.#presence(),
        createPeerConnection: (configuration) => new RTCPeerConnection(configuration),
        ...(this.#options.iceTransportPolicy === 'relay'
          ? { configuration: { iceTransportPolicy: 'relay' } }
          : {}),
        setupPeer: (session, member) => {
          this.#peers.set(
            member.peer,
            new CallPeer(session, member, this.#local, this.#ui, (entry) => this.#record(entry)),
          );
        },
      });
      this.#room = room;
      this.#listenToRoom(room);
      await room.join();
      if (stale()) return false;
      if (room.members.size + 1 > MAX_PARTICIPANTS) {
        const maxParticipants = this.#maxParticipants();
        await this.leave();
        this.#ui.error(callErrorText('room-full', { maxParticipants }));
        return false;
      }
      this.#record(`joined:${roomName}`);
      this.#statsTimer = setInterval(() => {
        for (const peer of this.#peers.values()) peer.sampleStats();
      }, STATS_INTERVAL_MS);
      this.#ui.phase('joined', roomName);
      return true;
    } catch (error) {
      if (stale()) return false;
      this.#record(`join-failed:${(error as { code?: string }).code ?? (error as Error).name}`);
      const context = {
        hadToken: this.#options.token !== undefined,
        maxParticipants: this.#maxParticipants(),
      };
      await this.leave();
      this.#ui.error(describeCallError(error, context));
      return false;
    }
  }

  /** Leaves the room, ends the signaling session (others see the peer leave at once), stops media. */
  async leave(): Promise<void> {
    this.#generation++;
    clearInterval(this.#statsTimer);
    this.#statsTimer = undefined;
    const room = this.#room;
    const client = this.#client;
    this.#room = undefined;
    this.#client = undefined;
    for (const peer of [...this.#peers.keys()]) this.#removePeer(peer);
    // Closing the client with 1000 ends the session, which removes it from the room too;
    // the leave request only makes that explicit when the socket is up.
    const left = room?.leave().catch(() => {});
    client?.close();
    await left;
    const hadSomething = room !== undefined || client !== undefined || this.#local !== undefined;
    this.#dispose(this.#local);
    this.#local = undefined;
    if (hadSomething) {
      this.#record('left');
      this.#ui.phase('idle', undefined);
    }
  }

  /** Turns the microphone on or off (the track keeps running, muted). */
  setMicEnabled(enabled: boolean): void {
    for (const track of this.#local?.getAudioTracks() ?? []) track.enabled = enabled;
    this.#audio = enabled && (this.#local?.getAudioTracks().length ?? 0) > 0;
    this.#publishPresence();
  }

  /** Turns the camera on or off (the track sends black frames while off). */
  setCameraEnabled(enabled: boolean): void {
    for (const track of this.#local?.getVideoTracks() ?? []) track.enabled = enabled;
    this.#video = enabled && (this.#local?.getVideoTracks().length ?? 0) > 0;
    this.#publishPresence();
  }

  get micEnabled(): boolean {
    return this.#audio;
  }

  get cameraEnabled(): boolean {
    return this.#video;
  }

  /** Sends a chat message to everyone; false when there was nothing to send. */
  sendChat(typed: string): boolean {
    const text = chatText(typed);
    if (text === undefined || !this.joined) return false;
    const encoded = encodeChat(text);
    for (const peer of this.#peers.values()) peer.send(encoded);
    this.#ui.chat({ from: 'self', name: this.#name, text, at: Date.now() });
    return true;
  }

  /** Starts a renegotiation with every peer: an ICE restart, so a new offer follows at once. */
  renegotiate(): void {
    for (const { peer, session } of this.#peers.values()) {
      this.#record(`renegotiate:${peer}`);
      session.restartIce();
    }
  }

  /** The most people in a call: the page's limit, or the server's when that is lower. */
  #maxParticipants(): number {
    return Math.min(MAX_PARTICIPANTS, this.#client?.limits?.maxPeersPerRoom ?? MAX_PARTICIPANTS);
  }

  #record(entry: string): void {
    this.#log.push(entry);
    if (this.#log.length > MAX_LOG) this.#log.splice(0, this.#log.length - MAX_LOG);
  }

  #dispose(stream: MediaStream | undefined): false {
    for (const track of stream?.getTracks() ?? []) track.stop();
    return false;
  }

  #presence(): Record<string, unknown> {
    return { name: this.#name, audio: this.#audio, video: this.#video };
  }

  #publishPresence(): void {
    this.#room?.setPresence(this.#presence()).catch((error: unknown) => {
      this.#record(`presence-failed:${(error as { code?: string }).code ?? 'error'}`);
    });
  }

  #listenToClient(client: SignalingClient): void {
    client.on('reconnecting', ({ attempt }) => {
      this.#record(`reconnecting:${attempt}`);
      if (this.#room) this.#ui.phase('reconnecting', this.#room.name);
    });
    client.on('resumed', ({ session, replayed }) => {
      this.#record(`resumed:${session}:${replayed}`);
      if (this.#room) this.#ui.phase('joined', this.#room.name);
    });
    client.on('open', ({ session, lost }) => {
      if (lost === undefined) return;
      // The room joins again on its own; the peers reconnect as new sessions.
      this.#record(`session-lost:${lost.session}:${session}`);
      if (this.#room) this.#ui.phase('joined', this.#room.name);
    });
    client.on('close', ({ error }) => {
      if (error === undefined || client !== this.#client) return;
      this.#record(`closed:${error.code}`);
      void this.leave().then(() => this.#ui.error(describeCallError(error)));
    });
  }

  #listenToRoom(room: Room): void {
    room.on('peerjoined', ({ peer }) => this.#record(`peerjoined:${peer}`));
    room.on('peerupdated', ({ peer, member }) => this.#peers.get(peer)?.update(member));
    room.on('peerleft', ({ peer, reason }) => {
      this.#record(`peerleft:${peer}:${reason}`);
      const entry = this.#peers.get(peer);
      if (!entry) return;
      this.#removePeer(peer);
      if (reason !== 'session-lost') {
        this.#ui.chat({ from: 'system', name: entry.name, text: 'left', at: Date.now() });
      }
    });
    room.on('track', ({ peer, streams, track }) => {
      if (!this.#peers.has(peer)) return;
      this.#ui.peerStream(peer, streams[0] ?? new MediaStream([track]));
    });
    room.on('error', ({ peer, error }) => {
      this.#record(`error:${peer ?? '-'}:${(error as { code?: string }).code ?? error.name}`);
    });
  }

  #removePeer(peer: string): void {
    this.#peers.get(peer)?.close();
    this.#peers.delete(peer);
  }
}
