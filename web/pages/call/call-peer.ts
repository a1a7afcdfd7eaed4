/**
 * One remote participant of a call: its peer session (from the room), given the local
 * tracks and a negotiated `chat` data channel (id 0, so both sides open the same one).
 *
 * The impolite side adds them at once and so makes the first offer. The polite side adds
 * them when that offer is being applied (`have-remote-offer`, before the SDK answers), so
 * its answer carries them and it never makes a first offer of its own: a first offer that
 * collides is rolled back, and a Chromium peer connection that rolled back its first offer
 * sometimes never starts ICE at all (no candidates gathered, restarts do not help). If no
 * offer comes within {@link FIRST_OFFER_FALLBACK_MS}, the polite side adds them anyway.
 *
 * It reports state, chat and stats to the {@link CallUi}. A connection that worked and then
 * dropped is the SDK's business (it restarts ICE that stays disconnected); the page restarts
 * ICE only when a new connection has not connected after {@link CONNECT_TIMEOUT_MS}:
 * Chromium's ICE agent can stay idle for good after a first offer was rolled back, and a
 * restart gathers afresh.
 */
import type { PeerSession, PeerSessionState } from 'switchboard/client';
import type { Member } from 'switchboard/protocol';
import type { CallUi, PeerInfo } from './call-ui.ts';
import { decodeChat } from './chat-message.ts';
import { normalizeDisplayName } from './params.ts';
import { type StatsEntry, type StatsSample, summarizeStats } from './peer-stats.ts';

/** How long a new connection may take to connect before ICE is restarted (ms). */
export const CONNECT_TIMEOUT_MS = 8000;
/** How long the polite side waits for the first offer before adding its media anyway (ms). */
export const FIRST_OFFER_FALLBACK_MS = 5000;

/** What a member tells about itself in its presence, for the page; defaults fill gaps. */
export function memberInfo(member: Member): PeerInfo {
  const { name, audio, video } = member.presence as Record<string, unknown>;
  return {
    peer: member.peer,
    name:
      (typeof name === 'string' && normalizeDisplayName(name)) ||
      `Guest ${member.peer.slice(0, 4)}`,
    audio: audio !== false,
    video: video !== false,
  };
}

/** A remote participant; see the module comment. */
export class CallPeer {
  readonly peer: string;
  readonly session: PeerSession;
  #name: string;
  #chat: RTCDataChannel | undefined;
  readonly #ui: CallUi;
  readonly #record: (entry: string) => void;
  readonly #unsubscribe: Array<() => void> = [];
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #sample: StatsSample | undefined;
  #sampling = false;
  #closed = false;

  /** Sets up `session` (call it from the room's `setupPeer`) and shows the new tile. */
  constructor(
    session: PeerSession,
    member: Member,
    local: MediaStream | undefined,
    ui: CallUi,
    record: (entry: string) => void,
  ) {
    const info = memberInfo(member);
    this.peer = member.peer;
    this.session = session;
    this.#name = info.name;
    this.#ui = ui;
    this.#record = record;
    const pc = session.connection;
    let fallback: ReturnType<typeof setTimeout> | undefined;
    const attach = () => {
      if (this.#chat !== undefined || this.#closed) return;
      clearTimeout(fallback);
      this.#attach(local);
    };
    if (!session.polite) attach();
    else fallback = setTimeout(attach, FIRST_OFFER_FALLBACK_MS);
    const onSignaling = () => {
      record(`signaling:${this.peer}:${pc.signalingState}`);
      if (pc.signalingState === 'have-remote-offer') attach();
    };
    const onGathering = () => record(`gathering:${this.peer}:${pc.iceGatheringState}`);
    pc.addEventListener('signalingstatechange', onSignaling);
    pc.addEventListener('icegatheringstatechange', onGathering);
    this.#unsubscribe.push(
      session.on('statechange', ({ state }) => this.#onState(state)),
      () => pc.removeEventListener('signalingstatechange', onSignaling),
      () => pc.removeEventListener('icegatheringstatechange', onGathering),
      () => clearTimeout(fallback),
    );
    ui.peerJoined(info);
    ui.peerState(this.peer, session.state);
    this.#scheduleIceRestart(CONNECT_TIMEOUT_MS);
    ui.chat({ from: 'system', name: info.name, text: 'joined', at: Date.now() });
  }

  get name(): string {
    return this.#name;
  }

  /** The member's presence changed. */
  update(member: Member): void {
    const info = memberInfo(member);
    this.#name = info.name;
    this.#ui.peerUpdated(info);
  }

  /** Sends an encoded chat message if the channel is open; returns whether it went. */
  send(encoded: string): boolean {
    if (this.#chat?.readyState !== 'open') return false;
    this.#chat.send(encoded);
    return true;
  }

  /** Samples getStats and shows it; skipped while the previous sample is under way. */
  sampleStats(): void {
    if (this.#sampling || this.#closed) return;
    this.#sampling = true;
    this.session.connection
      .getStats()
      .then((report) => {
        if (this.#closed) return;
        const stats = summarizeStats(report.values() as IterableIterator<StatsEntry>, this.#sample);
        this.#sample = stats.sample;
        this.#ui.peerStats(this.peer, stats);
      })
      .catch(() => {
        // A connection closing while sampled has no stats; the next tick moves on.
      })
      .finally(() => {
        this.#sampling = false;
      });
  }

  /** Stops listening and takes the tile down (the room closes the session itself). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    if (this.#chat) this.#chat.onmessage = null;
    this.#ui.peerLeft(this.peer);
  }

  /** Adds the local tracks and the chat channel to the peer connection. */
  #attach(local: MediaStream | undefined): void {
    const pc = this.session.connection;
    for (const track of local?.getTracks() ?? []) pc.addTrack(track, local as MediaStream);
    const chat = pc.createDataChannel('chat', { negotiated: true, id: 0 });
    chat.onmessage = (event) => {
      const message = decodeChat(event.data);
      if (message) {
        this.#ui.chat({ from: 'peer', name: this.#name, text: message.text, at: Date.now() });
      }
    };
    this.#chat = chat;
  }

  #onState(state: PeerSessionState): void {
    this.#record(`state:${this.peer}:${state}`);
    this.#ui.peerState(this.peer, state);
    if (state === 'connected') {
      clearTimeout(this.#restartTimer);
      this.#restartTimer = undefined;
    }
  }

  /** Restarts ICE if the connection is not (back) up after `delayMs`, and again after as long. */
  #scheduleIceRestart(delayMs: number): void {
    if (this.#restartTimer !== undefined) return;
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      if (this.#closed || this.session.state === 'connected') return;
      this.#record(`ice-restart:${this.peer}`);
      this.session.restartIce();
      this.#scheduleIceRestart(delayMs);
    }, delayMs);
  }
}
