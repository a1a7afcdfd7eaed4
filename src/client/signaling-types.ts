/**
 * The public face of a signaling client: its interface, its events by name and the shapes
 * they carry. The implementation is in signaling-client.ts.
 */
import type { IceServer, Limits, Member, SignalPayload } from 'switchboard/protocol';
import type { EventSource } from './emitter.ts';
import type { ClientError } from './errors.ts';
import type { SignalingTransport } from './transport-selection.ts';

/** The lifecycle of a client: `connect()` moves it out of idle, `close()` into closed. */
export type SignalingClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What the server's `welcome` said about the session. */
export interface SessionInfo {
  /** The session id. */
  readonly session: string;
  /** This client's peer id, as others see it in rooms. */
  readonly peer: string;
  /** True when the welcome resumed an earlier session. */
  readonly resumed: boolean;
  /** The interval (ms) the server expects traffic at. */
  readonly heartbeat: number;
  /** How long (ms) the server keeps a dropped session resumable. */
  readonly resumeWindow: number;
  readonly limits: Limits;
  readonly iceServers: readonly IceServer[];
}

/** A signal this client sent, as held until the server acknowledged it. */
export interface SentSignal {
  readonly seq: number;
  readonly room: string;
  readonly to: string;
  readonly payload: SignalPayload;
}

/** What was lost when a session could not be resumed. */
export interface LostSession {
  /** The session that ended. */
  readonly session: string;
  /** The rooms it was in; the server no longer counts this client as a member. */
  readonly rooms: readonly string[];
  /** Its signals the server had not acknowledged: they were never delivered. */
  readonly signals: readonly SentSignal[];
  readonly error: ClientError;
}

/** The reply to `join`: who else is in the room. */
export interface JoinResult {
  readonly room: string;
  /** This client as a member: its peer id and presence version. */
  readonly self: { readonly peer: string; readonly version: number };
  /** The other members, each with the role (`polite`) this client has towards them. */
  readonly peers: readonly Member[];
}

/** Events of a signaling client, by name. */
export interface SignalingClientEventMap {
  /** The state changed. */
  statechange: { state: SignalingClientState; previous: SignalingClientState };
  /**
   * A session started: the first connection, or a new session after a resume failed (then
   * `lost` says what did not survive).
   */
  open: SessionInfo & { lost: LostSession | undefined };
  /** The connection dropped and an attempt to reconnect follows after `delayMs`. */
  reconnecting: { attempt: number; delayMs: number; error: ClientError };
  /** The session resumed after a drop; `replayed` signals were sent again. */
  resumed: SessionInfo & { replayed: number };
  /** The client closed for good; `error` says why unless `close()` was called. */
  close: { code: number; reason: string; error: ClientError | undefined };
  /** A member joined a room this client is in. */
  peerjoined: { room: string; member: Member };
  /** A member's presence changed (never reported for an older version than known). */
  peerupdated: { room: string; member: Member; previous: Member };
  /** A member left a room this client is in. */
  peerleft: { room: string; peer: string; reason: 'left' | 'expired' | 'kicked'; member: Member };
  /** A signal from another member. */
  signal: { room: string; from: string; payload: SignalPayload; seq: number };
  /** The server could not deliver the signal this client sent with seq `ref`. */
  undeliverable: { ref: number; to: string; reason: 'not-in-room' | 'buffer-full' };
  /** Signals buffered for `to` expired because its session did not resume in time. */
  expired: { refs: readonly number[]; to: string };
  /** The ICE servers changed (fresh TURN credentials); apply them with `setConfiguration`. */
  iceservers: { iceServers: readonly IceServer[] };
  /** The server asked to reconnect after `reconnectIn` ms; the client does so on its own. */
  goaway: { reason: string; reconnectIn: number };
  /** An error that belongs to no request: a rejected signal, an undecodable frame. */
  error: { error: ClientError };
}

/** A signaling session with a Switchboard server; see {@link createSignalingClient}. */
export interface SignalingClient extends EventSource<SignalingClientEventMap> {
  readonly state: SignalingClientState;
  /** The current session, once welcomed. */
  readonly session: SessionInfo | undefined;
  /** This client's peer id, once welcomed. */
  readonly peer: string | undefined;
  /** The ICE servers of the latest `welcome` or `ice-servers` message. */
  readonly iceServers: readonly IceServer[];
  /** The transport of the current (or last) connection, once one opened. */
  readonly transport: SignalingTransport | undefined;
  /** The limits the server announced. */
  readonly limits: Limits | undefined;
  /** The rooms this client is in. */
  readonly rooms: readonly string[];
  /** The other members of `room`, or undefined when not in it. */
  members(room: string): ReadonlyMap<string, Member> | undefined;
  /**
   * Opens the session. Resolves on the first `welcome`; rejects (and returns to idle) when
   * the first connection fails: only an established session reconnects on its own.
   */
  connect(): Promise<SessionInfo>;
  /** Joins `room`; resolves with the roster. */
  join(room: string, presence?: Record<string, unknown>): Promise<JoinResult>;
  /** Leaves `room`. */
  leave(room: string): Promise<void>;
  /**
   * Replaces this client's presence in `room`; resolves when the server answers
   * `presence-updated` (the other members have their `peer-updated` queued by then).
   */
  setPresence(room: string, presence: Record<string, unknown>): Promise<void>;
  /** Sends a fresh token (default: asks the `token` function); resolves with its expiry. */
  refresh(token?: string): Promise<{ expiresAt: number | undefined }>;
  /**
   * Sends a signal to `to` in `room` and returns its seq. Delivered exactly once and in order
   * across reconnects; while disconnected it waits in the outbound buffer.
   */
  signal(room: string, to: string, payload: SignalPayload): number;
  /**
   * Ends the session for good: WebSocket close 1000, which tells the server to end it now
   * (the others see `peer-left`) instead of keeping it resumable. Pending requests reject.
   */
  close(): void;
}
