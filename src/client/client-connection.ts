/**
 * One connection attempt of the signaling client: a socket from the transport selector, the
 * timer that gives up on it when no `welcome` comes in time, and its events wired to the
 * client. The client keeps what it learns about the connection in the returned record.
 */
import type { ServerMessages } from 'switchboard/protocol';
import type { Clock, ClockTimer } from './clock.ts';
import { ClientError } from './errors.ts';
import type { Heartbeat } from './heartbeat.ts';
import type { TransportSelector, TransportSocket } from './transport-selection.ts';

/** What the client knows about its current connection (one per socket). */
export interface ClientConnection {
  readonly socket: TransportSocket;
  welcomed: boolean;
  /** Whether the hello asked to resume. */
  resumeRequested: boolean;
  /** An `error` received before welcome explains the close that follows. */
  errorBeforeWelcome: ServerMessages['error'] | undefined;
  connectTimer: ClockTimer | undefined;
  goawayTimer: ClockTimer | undefined;
  heartbeat: Heartbeat | undefined;
}

/** What happens on a connection, told to the client (which ignores connections it left). */
export interface ConnectionHandlers {
  frame(connection: ClientConnection, data: unknown): void;
  /** The socket opened: time to say hello. */
  open(connection: ClientConnection): void;
  closed(connection: ClientConnection, code: number, reason: string): void;
  /** No welcome within `connectTimeoutMs`. */
  timedOut(connection: ClientConnection, error: ClientError): void;
}

/** Where and how long to connect. */
export interface ConnectOptions {
  readonly url: string;
  readonly clock: Clock;
  readonly connectTimeoutMs: number;
}

/**
 * Opens a connection. Throws `CLIENT_ERR_CONNECT_FAILED` when no transport could even start
 * (every constructor threw).
 */
export function openConnection(
  transports: TransportSelector,
  { url, clock, connectTimeoutMs }: ConnectOptions,
  handlers: ConnectionHandlers,
): ClientConnection {
  let socket: TransportSocket;
  try {
    socket = transports.open();
  } catch (cause) {
    throw new ClientError('CLIENT_ERR_CONNECT_FAILED', `cannot open ${url}`, { cause });
  }
  const connection: ClientConnection = {
    socket,
    welcomed: false,
    resumeRequested: false,
    errorBeforeWelcome: undefined,
    connectTimer: undefined,
    goawayTimer: undefined,
    heartbeat: undefined,
  };
  connection.connectTimer = clock.setTimeout(() => {
    const error = `no welcome within ${connectTimeoutMs} ms (connectTimeoutMs)`;
    handlers.timedOut(connection, new ClientError('CLIENT_ERR_CONNECT_FAILED', error));
  }, connectTimeoutMs);
  // The message handler goes on before `open`: the welcome can arrive in the same read as
  // the upgrade response.
  socket.addEventListener('message', (event) => handlers.frame(connection, event.data));
  socket.addEventListener('open', () => handlers.open(connection));
  socket.addEventListener('close', ({ code, reason }) => handlers.closed(connection, code, reason));
  socket.addEventListener('error', () => {
    // A close event always follows; it carries the code.
  });
  return connection;
}
