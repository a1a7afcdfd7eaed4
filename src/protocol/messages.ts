/**
 * The wire messages of the Switchboard signaling protocol, version 1: JSON text frames
 * over a WebSocket (or the HTTP fallback). Each message is a JSON object whose `type`
 * names it; its schema here is the single source of both the TypeScript type and the
 * JSON Schema published in docs/protocol.md.
 *
 * Reliability: every message that changes what a peer knows (room events and signals)
 * carries a `seq`, numbered per sender and session; the receiver acknowledges with a
 * cumulative `ack`. A resumed session replays exactly what was not acknowledged.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { PROTOCOL_VERSION } from './version.ts';

/** Seqs and acks stay exact integers in every JSON implementation (no silent rounding). */
const MAX_SEQ = Number.MAX_SAFE_INTEGER;
const Seq = Type.Integer({
  minimum: 1,
  maximum: MAX_SEQ,
  description: 'Sequence number, per sender and session',
});
/** A cumulative acknowledgement: every seq up to and including this one arrived (0: none). */
const AckSeq = Type.Integer({ minimum: 0, maximum: MAX_SEQ });
/** A client seq referred to by the server. */
const SeqRef = Type.Integer({ minimum: 1, maximum: MAX_SEQ });
const RequestId = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Request id echoed in the reply',
});
const RoomName = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s]+$' });
const PeerId = Type.String({ minLength: 1, maxLength: 128 });
const Presence = Type.Record(Type.String(), Type.Unknown(), {
  // TypeBox turns a string key schema into a catch-all pattern, so the key limit goes here.
  propertyNames: Type.String({ maxLength: 64 }),
  description: 'Application-defined presence data (name, muted, ...)',
});

/** An RTCIceServer as the W3C defines it. */
export const IceServerSchema = Type.Object({
  urls: Type.Union([Type.String(), Type.Array(Type.String(), { minItems: 1 })]),
  username: Type.Optional(Type.String()),
  credential: Type.Optional(Type.String()),
});

/** The limits a server enforces, announced in `welcome`. */
export const LimitsSchema = Type.Object({
  maxFrameBytes: Type.Integer({ minimum: 1 }),
  messagesPerSecond: Type.Number({ minimum: 0 }),
  burst: Type.Integer({ minimum: 1 }),
  maxRoomsPerSession: Type.Integer({ minimum: 1 }),
  maxPeersPerRoom: Type.Integer({ minimum: 1 }),
});

/** What a signal carries: a description, a candidate, end of candidates, or app data. */
export const SignalPayloadSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('description'),
    description: Type.Object({
      type: Type.Union([
        Type.Literal('offer'),
        Type.Literal('answer'),
        Type.Literal('pranswer'),
        Type.Literal('rollback'),
      ]),
      sdp: Type.String({ maxLength: 65536 }),
    }),
  }),
  Type.Object({
    kind: Type.Literal('candidate'),
    candidate: Type.Object({
      candidate: Type.String({ maxLength: 1024 }),
      sdpMid: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
      sdpMLineIndex: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
      usernameFragment: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
    }),
  }),
  Type.Object({
    kind: Type.Literal('end-of-candidates'),
    sdpMid: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  }),
  Type.Object({ kind: Type.Literal('data'), data: Type.Unknown() }),
]);

/** A member of a room as others see it. */
export const MemberSchema = Type.Object({
  peer: PeerId,
  presence: Presence,
  /** Increases with every presence change of this member in this room. */
  version: Type.Integer({ minimum: 0 }),
  /** Whether the receiving side is the polite peer towards this member. */
  polite: Type.Boolean(),
});

/** Messages a client sends. */
export const CLIENT_MESSAGES = {
  hello: Type.Object({
    type: Type.Literal('hello'),
    v: Type.Literal(PROTOCOL_VERSION),
    token: Type.Optional(Type.String({ maxLength: 8192 })),
    resume: Type.Optional(
      Type.Object({
        session: Type.String({ maxLength: 64 }),
        token: Type.String({ maxLength: 128 }),
        /** The last server seq the client received. */
        ack: AckSeq,
      }),
    ),
    peer: Type.Optional(PeerId),
  }),
  join: Type.Object({
    type: Type.Literal('join'),
    id: RequestId,
    room: RoomName,
    presence: Type.Optional(Presence),
  }),
  leave: Type.Object({ type: Type.Literal('leave'), id: RequestId, room: RoomName }),
  presence: Type.Object({
    type: Type.Literal('presence'),
    id: RequestId,
    room: RoomName,
    presence: Presence,
  }),
  signal: Type.Object({
    type: Type.Literal('signal'),
    seq: Seq,
    room: RoomName,
    to: PeerId,
    payload: SignalPayloadSchema,
  }),
  ack: Type.Object({ type: Type.Literal('ack'), seq: AckSeq }),
  refresh: Type.Object({
    type: Type.Literal('refresh'),
    id: RequestId,
    token: Type.String({ maxLength: 8192 }),
  }),
  ping: Type.Object({ type: Type.Literal('ping'), id: Type.Optional(RequestId) }),
  pong: Type.Object({ type: Type.Literal('pong'), id: Type.Optional(RequestId) }),
} as const satisfies Record<string, TSchema>;

/** Messages a server sends. */
export const SERVER_MESSAGES = {
  welcome: Type.Object({
    type: Type.Literal('welcome'),
    v: Type.Literal(PROTOCOL_VERSION),
    session: Type.String(),
    peer: PeerId,
    resumeToken: Type.String(),
    resumed: Type.Boolean(),
    /** Send something at least this often (ms); the server pings otherwise. */
    heartbeat: Type.Integer({ minimum: 1000 }),
    /** How long (ms) a dropped session may resume. */
    resumeWindow: Type.Integer({ minimum: 0 }),
    limits: LimitsSchema,
    iceServers: Type.Array(IceServerSchema),
    /** The last client seq the server received, for the client's own replay. */
    ack: AckSeq,
  }),
  joined: Type.Object({
    type: Type.Literal('joined'),
    ref: RequestId,
    room: RoomName,
    self: Type.Object({ peer: PeerId, version: Type.Integer({ minimum: 0 }) }),
    peers: Type.Array(MemberSchema),
  }),
  left: Type.Object({ type: Type.Literal('left'), ref: RequestId, room: RoomName }),
  'presence-updated': Type.Object({
    type: Type.Literal('presence-updated'),
    ref: RequestId,
    room: RoomName,
    /** The client's own version in the room after the change (as `peer-updated` tells others). */
    version: Type.Integer({ minimum: 0 }),
  }),
  'peer-joined': Type.Object({
    type: Type.Literal('peer-joined'),
    seq: Seq,
    room: RoomName,
    member: MemberSchema,
  }),
  'peer-updated': Type.Object({
    type: Type.Literal('peer-updated'),
    seq: Seq,
    room: RoomName,
    member: MemberSchema,
  }),
  'peer-left': Type.Object({
    type: Type.Literal('peer-left'),
    seq: Seq,
    room: RoomName,
    peer: PeerId,
    version: Type.Integer({ minimum: 0 }),
    reason: Type.Union([Type.Literal('left'), Type.Literal('expired'), Type.Literal('kicked')]),
  }),
  signal: Type.Object({
    type: Type.Literal('signal'),
    seq: Seq,
    room: RoomName,
    from: PeerId,
    payload: SignalPayloadSchema,
  }),
  ack: Type.Object({ type: Type.Literal('ack'), seq: AckSeq }),
  undeliverable: Type.Object({
    type: Type.Literal('undeliverable'),
    seq: Seq,
    /** The client seq of the signal that could not be delivered. */
    ref: SeqRef,
    to: PeerId,
    reason: Type.Union([Type.Literal('not-in-room'), Type.Literal('buffer-full')]),
  }),
  expired: Type.Object({
    type: Type.Literal('expired'),
    seq: Seq,
    /** The client seqs of signals that were buffered for a session that did not resume. */
    refs: Type.Array(SeqRef),
    to: PeerId,
  }),
  'ice-servers': Type.Object({
    type: Type.Literal('ice-servers'),
    iceServers: Type.Array(IceServerSchema),
  }),
  refreshed: Type.Object({
    type: Type.Literal('refreshed'),
    ref: RequestId,
    expiresAt: Type.Optional(Type.Integer()),
  }),
  goaway: Type.Object({
    type: Type.Literal('goaway'),
    reason: Type.String(),
    /** Reconnect (and resume) after this many ms. */
    reconnectIn: Type.Integer({ minimum: 0 }),
  }),
  error: Type.Object({
    type: Type.Literal('error'),
    code: Type.String(),
    message: Type.String(),
    /** The request id or client seq the error answers. */
    ref: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
    /** For SDP errors: where in the SDP. */
    line: Type.Optional(Type.Integer({ minimum: 1 })),
    column: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  ping: Type.Object({ type: Type.Literal('ping'), id: Type.Optional(RequestId) }),
  pong: Type.Object({ type: Type.Literal('pong'), id: Type.Optional(RequestId) }),
} as const satisfies Record<string, TSchema>;

type Statics<T extends Record<string, TSchema>> = { [K in keyof T]: Static<T[K]> };

/** Client messages by type. */
export type ClientMessages = Statics<typeof CLIENT_MESSAGES>;
/** Server messages by type. */
export type ServerMessages = Statics<typeof SERVER_MESSAGES>;
/** Any message a client sends. */
export type ClientMessage = ClientMessages[keyof ClientMessages];
/** Any message a server sends. */
export type ServerMessage = ServerMessages[keyof ServerMessages];
/** What a signal carries. */
export type SignalPayload = Static<typeof SignalPayloadSchema>;
/** A room member as announced to others. */
export type Member = Static<typeof MemberSchema>;
/** An RTCIceServer. */
export type IceServer = Static<typeof IceServerSchema>;
/** Server limits announced in welcome. */
export type Limits = Static<typeof LimitsSchema>;
