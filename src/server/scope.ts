/**
 * What a message handler sees of the connection it runs for: the server context, the
 * session it speaks for, and two ways to answer that connection directly.
 */
import type { ServerMessage, WireErrorCode } from 'switchboard/protocol';
import type { Identity } from './auth.ts';
import type { ServerContext } from './context.ts';

/** Where an SDP error is, for `SRV_ERR_INVALID_SDP`. */
export interface ErrorPosition {
  line?: number;
  column?: number;
}

/** The connection a handler runs for, once its session is established. */
export interface SessionScope {
  readonly ctx: ServerContext;
  /** The session id. */
  readonly session: string;
  /** The peer id the session speaks as. */
  readonly peer: string;
  /** What the session may do; replaced by `refresh`. */
  identity: Identity;
  /** Sends an unnumbered message (a reply) on this connection. */
  reply(message: ServerMessage): void;
  /** Sends an `error` on this connection; the session continues. */
  error(
    code: WireErrorCode,
    message: string,
    ref?: string | number,
    position?: ErrorPosition,
  ): void;
}
