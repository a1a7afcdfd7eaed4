/**
 * What the call's logic tells the page to show: the {@link CallUi} the controller drives and
 * the values it passes. The DOM side (call-view.ts) implements it.
 */
import type { PeerSessionState } from 'switchboard/client';
import type { CallErrorText } from './call-errors.ts';
import type { PeerStats } from './peer-stats.ts';

/** Where the call is. */
export type CallPhase = 'idle' | 'joining' | 'joined' | 'reconnecting';

/** A remote participant as the page shows it. */
export interface PeerInfo {
  readonly peer: string;
  readonly name: string;
  readonly audio: boolean;
  readonly video: boolean;
}

/** One line of the chat log. */
export interface ChatEntry {
  readonly from: 'self' | 'peer' | 'system';
  readonly name: string;
  readonly text: string;
  readonly at: number;
}

/** What the controller tells the page to show. */
export interface CallUi {
  /** The call's phase; `idle` takes every tile down. */
  phase(phase: CallPhase, room: string | undefined): void;
  /** The local preview: the camera's stream, or none (chat only). */
  localMedia(stream: MediaStream | undefined, name: string): void;
  peerJoined(info: PeerInfo): void;
  peerUpdated(info: PeerInfo): void;
  peerLeft(peer: string): void;
  peerState(peer: string, state: PeerSessionState): void;
  peerStream(peer: string, stream: MediaStream): void;
  peerStats(peer: string, stats: PeerStats): void;
  chat(entry: ChatEntry): void;
  /** Shows an error, or clears the shown one with undefined. */
  error(text: CallErrorText | undefined): void;
}
