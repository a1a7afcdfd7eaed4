/**
 * The WebSocket the client needs: the subset that browsers' `WebSocket`, Node's `ws` and
 * the in-memory `createMemoryNetwork` all provide. The constructor is injectable, so the
 * client runs anywhere and tests run without sockets.
 */

/** `readyState` of an open WebSocket (WHATWG WebSockets). */
export const WEBSOCKET_OPEN = 1;

/** The part of a WebSocket the client uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { code: number; reason: string; wasClean?: boolean }) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/** A WebSocket constructor: `globalThis.WebSocket`, `ws`'s default export, or a fake. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;
