/**
 * The call page's automation hook, `window.switchboardCall`: what tests (and a curious
 * console) may drive and read. It is a debugging aid, not a stable API; the page sets it up
 * in main.ts, and test/e2e/support drives it.
 */
import type { Room, SignalingClient } from 'switchboard/client';

/** `window.switchboardCall`. */
export interface SwitchboardCallHandle {
  /** The signaling client of the current call. */
  readonly client: SignalingClient | undefined;
  /** The joined room, with one peer session per remote peer (`room.peers`). */
  readonly room: Room | undefined;
  /** The camera and microphone stream; undefined with `media=none`. */
  readonly localStream: MediaStream | undefined;
  /**
   * Notable events, oldest first: `open:<session>:<peer>`, `joined:<room>`,
   * `peerjoined:<peer>`, `state:<peer>:<state>`, `signaling:<peer>:<signalingState>`,
   * `gathering:<peer>:<iceGatheringState>`, `reconnecting:<attempt>`,
   * `resumed:<session>:<replayed>`, `session-lost:<old>:<new>`, `ice-restart:<peer>`,
   * `renegotiate:<peer>`, `peerleft:<peer>:<reason>`, `error:<peer>:<code>`,
   * `join-failed:<code>`, `closed:<code>`, `left`. The last 500 are kept.
   */
  readonly log: readonly string[];
  /** Starts a renegotiation with every peer now (an ICE restart): two at once make glare. */
  renegotiate(): void;
  /** Joins the room in the form, as the Join button does. */
  join(): Promise<void>;
  /** Leaves the call, as the Leave button does. */
  leave(): Promise<void>;
}

declare global {
  interface Window {
    switchboardCall: SwitchboardCallHandle;
  }
}
