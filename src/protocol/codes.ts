/**
 * Error codes carried in `error` messages, and WebSocket close codes (4000-4999, the range
 * RFC 6455 7.4.2 leaves to applications). One catalogue for the wire; docs/errors.md and
 * docs/protocol.md list it and a test keeps them in sync. Codes are never reused.
 */

/** An error the server reports in an `error` message; the session stays open. */
export const WIRE_ERRORS = Object.freeze({
  PROTO_ERR_NOT_JSON: 'The frame is not a JSON object.',
  PROTO_ERR_UNKNOWN_TYPE: 'The message `type` is not one the receiver knows.',
  PROTO_ERR_INVALID_MESSAGE: 'The message does not match its schema; `message` names the field.',
  PROTO_ERR_VERSION: 'The hello asks for a protocol version the server does not speak.',
  PROTO_ERR_NOT_READY: 'A message other than hello arrived before the welcome.',
  SRV_ERR_RATE_LIMITED: 'Too many messages; the token bucket is empty. Slow down.',
  SRV_ERR_FRAME_TOO_LARGE: 'The frame is larger than the announced `maxFrameBytes`.',
  SRV_ERR_ROOM_FULL: 'The room has `maxPeersPerRoom` members already.',
  SRV_ERR_TOO_MANY_ROOMS: 'The session is in `maxRoomsPerSession` rooms already.',
  SRV_ERR_ROOM_NOT_FOUND: 'The room does not exist and rooms are not created on join.',
  SRV_ERR_NOT_IN_ROOM: 'The sender is not a member of the room it names.',
  SRV_ERR_PEER_NOT_IN_ROOM:
    'Retired, never sent: a signal to a non-member gets `undeliverable` with reason `not-in-room`.',
  SRV_ERR_INVALID_SDP: 'The description does not parse; `line` and `column` point at the problem.',
  SRV_ERR_INVALID_CANDIDATE: 'The candidate does not parse as an a=candidate value.',
  SRV_ERR_FORBIDDEN: 'The token does not allow this room.',
  SRV_ERR_UNAUTHORIZED: 'A token is required, or the one given is invalid or expired.',
  SRV_ERR_RESUME_FAILED: 'The session to resume is unknown, expired, or the token is wrong.',
  SRV_ERR_SEQUENCE: 'A client seq went backwards or skipped; it must grow by one.',
  SRV_ERR_ORIGIN_FORBIDDEN: 'The `Origin` of the request is not in the allowlist of the server.',
  SRV_ERR_UNKNOWN_STREAM:
    'The HTTP fallback has no open stream with this id (it closed, or never existed); open a new one.',
} as const);

/**
 * Codes of `WIRE_ERRORS` that are no longer sent. They stay in the catalogue, marked, so that
 * no other meaning ever takes them; `WireErrorCode` leaves them out, so code cannot send them.
 */
export const RETIRED_WIRE_ERRORS = Object.freeze([
  'SRV_ERR_PEER_NOT_IN_ROOM',
] as const satisfies readonly (keyof typeof WIRE_ERRORS)[]);

/** A code of `WIRE_ERRORS` that is no longer sent. */
export type RetiredWireErrorCode = (typeof RETIRED_WIRE_ERRORS)[number];

/** A stable error code of the wire protocol, as sent today (retired codes excluded). */
export type WireErrorCode = Exclude<keyof typeof WIRE_ERRORS, RetiredWireErrorCode>;

/**
 * WebSocket close codes of the protocol, each with its meaning: the server closes with
 * 4000-4010; a client closes with 4100 to leave its session resumable, and with 1000
 * (RFC 6455, not listed here) to end it.
 */
export const CLOSE_CODES = Object.freeze({
  4000: 'Normal close by the server (shutdown after goaway).',
  4001: 'Unauthorized: no valid token in hello.',
  4002: 'Protocol violation: hello missing, wrong version, or a malformed hello.',
  4003: 'Resume failed: the session is unknown or expired; start a new one.',
  4004: 'Replaced: the same session resumed on another connection.',
  4005: 'Abuse: rate limit exceeded repeatedly.',
  4006: 'Frame too large, repeatedly.',
  4007: 'Heartbeat timeout: nothing received within the heartbeat window.',
  4008: 'Too many connections from this address.',
  4009: 'Forbidden origin: the `Origin` of the upgrade is not in the allowlist.',
  4010: 'Token expired and not refreshed.',
  4100: 'Sent by a client giving up this connection to resume on another (heartbeat timeout, goaway, connect timeout); the session stays resumable.',
} as const);

/** A close code of the protocol. */
export type CloseCode = keyof typeof CLOSE_CODES;
