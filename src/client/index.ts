/**
 * `switchboard/client`: the signaling client SDK, for browsers and Node. A signaling client
 * that reconnects and resumes on its own, peer sessions that negotiate with the W3C perfect
 * negotiation pattern, and rooms that connect to every member. The WebSocket and the
 * RTCPeerConnection are injected, so it runs wherever they exist (Node: `ws` and
 * `@roamhq/wrtc`). Where a WebSocket cannot open, the client falls back to Server-Sent Events
 * plus POSTs on its own (`transports`, `client.transport`).
 *
 * @example
 * ```ts
 * import { createSignalingClient, joinRoom } from 'switchboard/client';
 * const client = createSignalingClient({ url: 'wss://example.com/v1/ws', token });
 * await client.connect();
 * const room = await joinRoom(client, 'lobby', {
 *   createPeerConnection: (config) => new RTCPeerConnection(config),
 *   setupPeer: (session) => session.connection.createDataChannel('chat'),
 * });
 * room.on('track', ({ peer, track }) => show(peer, track));
 * ```
 */
export { type Clock, type ClockTimer, systemClock } from './clock.ts';
export type { EventSource, Listener } from './emitter.ts';
export {
  CLIENT_ERRORS,
  ClientError,
  type ClientErrorCode,
  type ClientErrorContext,
  isClientError,
} from './errors.ts';
export { FIRST_OFFER_WAIT, type FirstOfferRule, firstOfferWaitMs } from './first-offer.ts';
export { type FetchFunction, HttpSocket, type HttpSocketOptions } from './http-transport.ts';
export {
  type CreatePeerConnection,
  createPeerSession,
  ICE_DISCONNECTED_RESTART_MS,
  type PeerSession,
  type PeerSessionEventMap,
  type PeerSessionOptions,
  type PeerSessionState,
  type PeerSignaling,
} from './peer-session.ts';
export {
  type BackoffPolicyOptions,
  createBackoffPolicy,
  DEFAULT_BACKOFF_OPTIONS,
  defaultReconnectPolicy,
  type ReconnectContext,
  type ReconnectPolicy,
} from './reconnect-policy.ts';
export {
  createRoom,
  joinRoom,
  type PeerLeftReason,
  type Room,
  type RoomEventMap,
  type RoomOptions,
} from './room.ts';
export { createSignalingClient } from './signaling-client.ts';
export {
  DEFAULT_SIGNALING_CLIENT_OPTIONS,
  type SignalingClientOptions,
  type TokenSource,
} from './signaling-options.ts';
export type {
  JoinResult,
  LostSession,
  SentSignal,
  SessionInfo,
  SignalingClient,
  SignalingClientEventMap,
  SignalingClientState,
} from './signaling-types.ts';
export type { WebSocketConstructor, WebSocketLike } from './transport.ts';
export {
  httpFallbackUrl,
  SIGNALING_TRANSPORTS,
  type SignalingTransport,
} from './transport-selection.ts';
