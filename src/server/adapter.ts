/**
 * The state a signaling server keeps, behind one asynchronous interface so that it can live
 * outside the process: rooms and their members (with presence and versions), sessions (with
 * resume tokens and client/server sequence numbers), each session's outbound buffer of
 * numbered messages, and delivery to whichever server instance holds a session's socket.
 *
 * The in-memory implementation is `createMemoryAdapter`; every implementation runs the
 * contract suite in `switchboard/testing` (`runAdapterContract`). Each method is atomic:
 * a Redis implementation maps each to one Lua script or MULTI, and `subscribe`/`publish`
 * to pub/sub on a per-session channel, so a session can resume on another instance.
 *
 * Methods never read a clock: callers pass `now` where time matters. They return copies,
 * never live references to stored state.
 */
import type { CloseCode, ServerMessage } from 'switchboard/protocol';
import type { Identity } from './auth.ts';

/** A server message that carries a `seq` (room events, signals, delivery feedback). */
export type SequencedMessage = Extract<ServerMessage, { seq: number }>;

/** A sequenced message before the adapter numbers it. */
export type UnsequencedMessage = SequencedMessage extends infer M
  ? M extends SequencedMessage
    ? Omit<M, 'seq'>
    : never
  : never;

/** A session as stored. */
export interface SessionRecord {
  /** Random id (UUID), named in `welcome.session`. */
  readonly id: string;
  /** The peer id the session speaks as. */
  readonly peer: string;
  /** SHA-256 (hex) of the resume token; the token itself is never stored. */
  readonly tokenHash: string;
  /** What the session may do. */
  identity: Identity;
  /** Rooms the session is a member of, in join order. */
  rooms: string[];
  /** The last client seq received (signals), announced as `welcome.ack` on resume. */
  received: number;
  /** The last server seq the client acknowledged. */
  acked: number;
  /** The last server seq assigned to this session. */
  seq: number;
  /** The connection holding the session's socket; undefined while dropped. */
  connection: string | undefined;
  /** While dropped: when the resume window ends (ms since the epoch). */
  expiresAt: number | undefined;
  /** When the session was created (ms since the epoch). */
  readonly createdAt: number;
}

/** What `createSession` needs; sequence numbers start at 0. */
export interface NewSession {
  id: string;
  peer: string;
  tokenHash: string;
  identity: Identity;
  connection: string;
  createdAt: number;
}

/** Who sent a buffered signal: feedback (`expired`, `undeliverable`) goes back to them. */
export interface MessageOrigin {
  /** The sender's session. */
  session: string;
  /** The client seq of the signal in the sender's stream. */
  ref: number;
}

/** A message in a session's outbound buffer. */
export interface BufferedMessage {
  /** The server seq assigned to it in the receiving session. */
  readonly seq: number;
  readonly message: SequencedMessage;
  /** Its encoded size, counted against `maxBytes`. */
  readonly bytes: number;
  /** When it was appended (ms since the epoch), for relay latency. */
  readonly at: number;
  /** For relayed signals: who sent it. */
  readonly origin?: MessageOrigin;
  /**
   * The `head` it was appended with, if the adapter kept it: its frame is `${head}${seq}}`.
   * The in-memory adapter keeps it in the entry `append` returns (for the publish that
   * follows), not in the buffered one.
   */
  readonly head?: string;
}

/** What to append to a session's buffer. */
export interface AppendInput {
  message: UnsequencedMessage;
  bytes: number;
  at: number;
  origin?: MessageOrigin;
  /**
   * The JSON text of `message` with `,"seq":` in place of its closing brace, so that the
   * frame of the numbered message, `${head}${seq}}`, is never serialized again. An adapter
   * keeps it as the entry's `head` (or drops it: the frame is then encoded from `message`).
   */
  head?: string;
}

/** Bounds of one append: exceeding either refuses it with `buffer-full`. */
export interface BufferLimits {
  maxMessages: number;
  maxBytes: number;
}

/** The outcome of `append`. */
export type AppendResult =
  | { ok: true; entry: BufferedMessage }
  | { ok: false; reason: 'buffer-full' | 'unknown-session' };

/** A member of a room as stored. */
export interface RoomMember {
  peer: string;
  session: string;
  presence: Record<string, unknown>;
  /** The room-wide version at this member's last change (join or presence). */
  version: number;
}

/** Limits and policy of a join. */
export interface JoinOptions {
  createOnJoin: boolean;
  maxPeers: number;
  maxRoomsPerSession: number;
  now: number;
}

/** The outcome of `join`. */
export type JoinResult =
  | {
      ok: true;
      /** The joining member as stored now. */
      self: RoomMember;
      /** The other members, in join order. */
      others: RoomMember[];
      /** The room did not exist and was created by this join. */
      created: boolean;
      /** The session was a member already; nothing changed. */
      already: boolean;
      /**
       * Another session held the same peer id in this room and was replaced: its member
       * record is gone (`version` is the version of its departure, lower than `self.version`).
       */
      replaced?: { member: RoomMember; version: number };
    }
  | { ok: false; reason: 'full' | 'not-found' | 'too-many-rooms' | 'unknown-session' };

/** A member's departure from one room. */
export interface Departure {
  room: string;
  member: RoomMember;
  /** The version of the departure (higher than any before in the room). */
  version: number;
  /** The members left in the room, to be told. */
  remaining: RoomMember[];
}

/** A session removed from the adapter, with what it left behind. */
export interface EndedSession {
  session: SessionRecord;
  /** Its rooms, each left (in the order it joined them). */
  departures: Departure[];
  /** Its buffered, unacknowledged messages, in seq order. */
  pending: BufferedMessage[];
}

/** The outcome of `markConnected`. */
export interface Attached {
  session: SessionRecord;
  /** The connection that held the session before, if it was still attached. */
  previous: string | undefined;
}

/**
 * The outcome of `receive`: `accepted` (recorded), `duplicate` (seq already received),
 * `gap` (seq skips ahead; nothing recorded), or `unknown-session`. `received` is the last
 * client seq recorded after the call.
 */
export type ReceiveResult =
  | { status: 'accepted' | 'duplicate' | 'gap'; received: number }
  | { status: 'unknown-session' };

/** What a session's subscriber receives. */
export type Delivery =
  | { type: 'message'; entry: BufferedMessage }
  /** Another connection took the session over: `connection` is the new one. */
  | { type: 'takeover'; connection: string }
  /** The session ended by the server's decision: close its socket with `code`. */
  | { type: 'terminate'; code: CloseCode; reason: string };

/** Stops a subscription. */
export type Unsubscribe = () => Promise<void>;

/**
 * The operations on a signal's path, synchronous, for an adapter whose state lives in this
 * process (the in-memory one): each does exactly what the adapter's method of the same name
 * does and returns its result itself, not a promise of it, so that the server relays a
 * signal without a promise (and a microtask) per step. See {@link synchronousOperations}.
 */
export interface SynchronousOperations {
  /**
   * The adapter these belong to. The server uses them for that adapter only: a wrapper that
   * spreads an adapter to replace some of its methods gets the asynchronous path.
   */
  readonly adapter: SignalingAdapter;
  receive(id: string, seq: number): ReceiveResult;
  /** The session of `member(room, peer)`, without copying the member. */
  memberSession(room: string, peer: string): string | undefined;
  append(session: string, input: AppendInput, limits?: BufferLimits): AppendResult;
  publish(session: string, delivery: Delivery): void;
  ack(session: string, seq: number): void;
}

/** Where a signaling server keeps its state. See the module comment. */
export interface SignalingAdapter {
  // -- sessions

  /** Stores a new, connected session. Throws if the id exists. */
  createSession(session: NewSession): Promise<void>;
  /** The session, or undefined when unknown or ended. */
  getSession(id: string): Promise<SessionRecord | undefined>;
  /**
   * Attaches the session to `connection` (resume, or takeover of a still-attached one) and
   * clears its expiry. Undefined when the session is unknown or ended.
   */
  markConnected(id: string, connection: string): Promise<Attached | undefined>;
  /**
   * Detaches the session from `connection`, to end at `expiresAt` unless it resumes. False
   * (and no change) when another connection holds it, or it is unknown.
   */
  markDropped(id: string, connection: string, expiresAt: number): Promise<boolean>;
  /**
   * Accepts client seq `seq` if it is the next one (`received + 1`) and records it: the one
   * authority on client sequence numbers, so a signal is relayed once even when two
   * connections of one session race (a resume while the old socket still drains).
   */
  receive(id: string, seq: number): Promise<ReceiveResult>;
  /** Replaces the session's identity (token refresh). False when unknown. */
  updateIdentity(id: string, identity: Identity): Promise<boolean>;
  /**
   * Ends a session now: leaves its rooms, removes it, returns what it left. With
   * `connection`, only if that connection holds it (a superseded socket ends nothing).
   */
  endSession(id: string, now: number, connection?: string): Promise<EndedSession | undefined>;
  /**
   * Ends every dropped session whose window ended at or before `now`, exactly once across
   * all instances sharing the state.
   */
  expireSessions(now: number): Promise<EndedSession[]>;

  // -- rooms

  /** Creates an empty room (expiring like any empty room); false when it exists. */
  createRoom(room: string, now: number): Promise<boolean>;
  /** Joins the session to `room` with `presence`, atomically checking the limits. */
  join(
    room: string,
    session: string,
    presence: Record<string, unknown>,
    options: JoinOptions,
  ): Promise<JoinResult>;
  /** Removes the session from `room`; undefined when it is not a member. */
  leave(room: string, session: string, now: number): Promise<Departure | undefined>;
  /** Replaces the session's presence in `room` and bumps its version. */
  updatePresence(
    room: string,
    session: string,
    presence: Record<string, unknown>,
  ): Promise<{ member: RoomMember; others: RoomMember[] } | undefined>;
  /** The members of `room` in join order (empty when it does not exist). */
  members(room: string): Promise<RoomMember[]>;
  /** The member of `room` with peer id `peer`. */
  member(room: string, peer: string): Promise<RoomMember | undefined>;
  /** Deletes rooms that have been empty since `emptySince` or earlier; returns their names. */
  expireRooms(emptySince: number): Promise<string[]>;

  // -- outbound buffers

  /**
   * Numbers `input` with the session's next seq and buffers it until acknowledged. With
   * `limits`, refuses (`buffer-full`) when the buffer would exceed them.
   */
  append(session: string, input: AppendInput, limits?: BufferLimits): Promise<AppendResult>;
  /** Buffered messages with seq greater than `afterSeq`, in seq order. */
  pending(session: string, afterSeq: number): Promise<BufferedMessage[]>;
  /** Drops buffered messages with seq up to `seq` (cumulative); never moves `acked` back. */
  ack(session: string, seq: number): Promise<void>;

  // -- delivery

  /** Receives what is published for `session` (on the instance holding its socket). */
  subscribe(session: string, onDelivery: (delivery: Delivery) => void): Promise<Unsubscribe>;
  /** Hands `delivery` to the subscribers of `session`, if any (fire and forget). */
  publish(session: string, delivery: Delivery): Promise<void>;

  // -- lifecycle

  /** Sessions and rooms stored, for metrics. */
  counts(): Promise<{ sessions: number; rooms: number }>;
  /** Releases connections and subscriptions; the adapter is unusable afterwards. */
  close(): Promise<void>;

  // -- fast path

  /** Synchronous forms of the hot operations, when the state is in this process. Optional. */
  readonly sync?: SynchronousOperations;
}

/** The synchronous operations of `adapter` (see {@link SynchronousOperations}), if it has its own. */
export function synchronousOperations(
  adapter: SignalingAdapter,
): SynchronousOperations | undefined {
  const sync = adapter.sync;
  return sync !== undefined && sync.adapter === adapter ? sync : undefined;
}
