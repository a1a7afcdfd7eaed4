/**
 * What a {@link Connection} needs of its socket: the part of a `ws` WebSocket it uses. A `ws`
 * WebSocket is one as it is; the HTTP fallback's {@link SseSocket} (an SSE stream plus POSTs)
 * is another, so both transports share one pipeline (limits, hello, acks, resume, heartbeat,
 * close codes).
 *
 * @see ./connection.ts
 * @see ./sse-socket.ts
 */

/** `readyState` of an open socket (WHATWG WebSockets, and `ws`). */
export const SOCKET_OPEN = 1;

/** A received frame as `ws` hands it over: one buffer, an ArrayBuffer, or fragments. */
export type SocketData = Buffer | ArrayBuffer | Buffer[];

/** The socket of one signaling connection. */
export interface SignalingSocket {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Sends one text frame. */
  send(frame: string): void;
  /** Closes with `code` and `reason`; `close` is emitted once the socket is closed. */
  close(code: number, reason: string): void;
  /** Asks the client for a sign of life (a WebSocket ping; the HTTP fallback writes a comment). */
  ping(): void;
  /** Destroys the socket at once. */
  terminate(): void;
  on(event: 'message', listener: (data: SocketData, isBinary: boolean) => void): unknown;
  on(event: 'ping' | 'pong', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Emitted once, with the close code (1006 when the client vanished without one). */
  once(event: 'close', listener: (code: number) => void): unknown;
}

/** The transports a connection can arrive on, as metrics and logs name them. */
export type TransportName = 'websocket' | 'http';
