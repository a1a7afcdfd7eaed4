/**
 * The error catalogue of `switchboard/client`.
 *
 * Every error the client rejects a promise with, throws, or reports in an `error` event has a
 * stable code here. Codes are never reused for another meaning; a retired code stays in the
 * table. docs/errors.md is kept in sync with this table by a test.
 */

/** All codes of the client, each with its meaning (the docs table's meaning column). */
export const CLIENT_ERRORS = Object.freeze({
  CLIENT_ERR_CLOSED:
    'The client or peer session is closed (by `close()`, a refusal from the server, or the reconnect policy giving up).',
  CLIENT_ERR_NOT_CONNECTED: '`connect()` has not been called, or the first connection failed.',
  CLIENT_ERR_CONNECT_FAILED:
    'The WebSocket did not open, or closed before the server sent `welcome`, within `connectTimeoutMs`.',
  CLIENT_ERR_CONNECTION_LOST:
    'An established connection dropped; the client reconnects and resumes on its own.',
  CLIENT_ERR_HEARTBEAT_TIMEOUT:
    'Nothing arrived from the server for two heartbeat intervals; the connection is treated as lost.',
  CLIENT_ERR_REJECTED:
    'The server closed with a code that forbids retrying (4002, 4004, 4009; 4001 and 4010 unless `token` is a function); `closeCode` names it.',
  CLIENT_ERR_RECONNECT_STOPPED: 'The reconnect policy returned `null`; the client is closed.',
  CLIENT_ERR_SESSION_LOST:
    'The session could not be resumed: a new one started, its rooms were left and its unacknowledged signals were not delivered.',
  CLIENT_ERR_TIMEOUT: 'A request got no reply within `requestTimeoutMs`.',
  CLIENT_ERR_SERVER:
    'The server answered with an `error` message; `serverCode` holds its wire code (`SRV_ERR_*`, `PROTO_ERR_*`).',
  CLIENT_ERR_TOKEN:
    'The `token` function threw, or returned something other than a non-empty string.',
  CLIENT_ERR_PROTOCOL:
    'The server sent a frame that does not decode, or a sequence number that skipped ahead.',
  CLIENT_ERR_BUFFER_FULL:
    'The outbound buffer already holds `maxBufferedSignals` unacknowledged signals; the signal was not sent.',
  CLIENT_ERR_FRAME_TOO_LARGE:
    'The encoded message is larger than the `maxFrameBytes` the server announced; it was not sent.',
  CLIENT_ERR_NEGOTIATION:
    'A peer connection step of perfect negotiation failed; `cause` holds the error of the WebRTC stack.',
} as const);

/** A stable error code of `switchboard/client`. */
export type ClientErrorCode = keyof typeof CLIENT_ERRORS;

/** Typed context of a {@link ClientError}; which fields are set depends on the code. */
export interface ClientErrorContext {
  /** The underlying error (a WebRTC stack's DOMException, a token function's error). */
  readonly cause?: unknown;
  /** `CLIENT_ERR_SERVER`: the server's wire code. */
  readonly serverCode?: string;
  /** `CLIENT_ERR_SERVER`: the request id or signal seq the server error answers. */
  readonly ref?: string | number;
  /** `CLIENT_ERR_SERVER` for SDP errors: where in the SDP (1-based). */
  readonly line?: number;
  readonly column?: number;
  /** Connection errors: the WebSocket close code and reason. */
  readonly closeCode?: number;
  readonly closeReason?: string;
}

/**
 * The one error class of the client. `code` is stable (see docs/errors.md); match on it,
 * never on `message`.
 */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly code: ClientErrorCode;
  readonly serverCode: string | undefined;
  readonly ref: string | number | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly closeCode: number | undefined;
  readonly closeReason: string | undefined;

  constructor(code: ClientErrorCode, message: string, context: ClientErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.serverCode = context.serverCode;
    this.ref = context.ref;
    this.line = context.line;
    this.column = context.column;
    this.closeCode = context.closeCode;
    this.closeReason = context.closeReason;
  }
}

/** True when `value` is a {@link ClientError}, optionally with the given code. */
export function isClientError(value: unknown, code?: ClientErrorCode): value is ClientError {
  return value instanceof ClientError && (code === undefined || value.code === code);
}
