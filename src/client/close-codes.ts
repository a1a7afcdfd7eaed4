/**
 * What a closed connection means for the client: the WebSocket close code (the server's
 * catalogue, 4000-4999, in `switchboard/protocol` codes) decides between reconnecting,
 * starting a new session and giving up.
 */
import type { CloseCode, ServerMessages } from 'switchboard/protocol';
import { ClientError } from './errors.ts';

/**
 * Close codes after which reconnecting cannot help: protocol violation (4002), the session
 * was taken over by another connection (4004), forbidden origin (4009).
 */
const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([4002, 4004, 4009]);

/** Unauthorized (4001) and token expired (4010): fatal unless a token function can renew it. */
const TOKEN_CLOSE_CODES: ReadonlySet<number> = new Set([4001, 4010]);

/**
 * The code this client closes a socket with when it gives the connection up but means to
 * resume (heartbeat timeout, goaway, connect timeout): 4100 of the protocol's `CLOSE_CODES`.
 * The server ends a session at once only on 1000, the code of `close()`; 4100 (like a
 * dropped connection) leaves it resumable.
 */
export const CLIENT_RECONNECT_CLOSE_CODE = 4100 satisfies CloseCode;

/** Resume failed (4003): the session is gone; a new one can start at once. */
export const RESUME_FAILED_CLOSE_CODE = 4003;

/** The error a connection that closed with `code` ends with. */
export function closeError(
  code: number,
  reason: string,
  welcomed: boolean,
  serverError: ServerMessages['error'] | undefined,
  token: unknown,
): ClientError {
  const context = {
    closeCode: code,
    closeReason: reason,
    serverCode: serverError?.code,
  };
  const detail = serverError ? `${serverError.code}: ${serverError.message}` : reason;
  const renewable = typeof token === 'function';
  if (FATAL_CLOSE_CODES.has(code) || (TOKEN_CLOSE_CODES.has(code) && !renewable)) {
    return new ClientError(
      'CLIENT_ERR_REJECTED',
      `the server closed the connection with ${code}${detail ? ` (${detail})` : ''}`,
      context,
    );
  }
  return new ClientError(
    welcomed ? 'CLIENT_ERR_CONNECTION_LOST' : 'CLIENT_ERR_CONNECT_FAILED',
    `the connection closed with ${code}${detail ? ` (${detail})` : ''}`,
    context,
  );
}

/** True when the server said the session cannot be resumed. */
export function isSessionGoneClose(error: ClientError): boolean {
  return (
    error.closeCode === RESUME_FAILED_CLOSE_CODE || error.serverCode === 'SRV_ERR_RESUME_FAILED'
  );
}
