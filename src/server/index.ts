/**
 * `switchboard/server`: the signaling server.
 *
 * @example
 * ```ts
 * import { createSignalingServer } from 'switchboard/server';
 * const server = createSignalingServer({ port: 8080 });
 * await server.listening;
 * // ... later
 * await server.close(); // goaway, drain, stop
 * ```
 */
export type {
  AppendInput,
  AppendResult,
  Attached,
  BufferedMessage,
  BufferLimits,
  Delivery,
  Departure,
  EndedSession,
  JoinOptions,
  JoinResult,
  MessageOrigin,
  NewSession,
  ReceiveResult,
  RoomMember,
  SequencedMessage,
  SessionRecord,
  SignalingAdapter,
  SynchronousOperations,
  UnsequencedMessage,
  Unsubscribe,
} from './adapter.ts';
export { synchronousOperations } from './adapter.ts';
export {
  type AuthContext,
  type Authenticator,
  type AuthOptions,
  type AuthResult,
  createAuthenticator,
  type Identity,
  originAllowed,
  roomAllowed,
} from './auth.ts';
export { type Clock, systemClock, type TimerHandle } from './clock.ts';
export { type CloseOptions, createSignalingServer, type SignalingServer } from './create-server.ts';
export { createHttpHandler, type HttpHandler, type HttpHandlerDeps } from './http.ts';
export { createLogger, type LoggerOption } from './logger.ts';
export { createMemoryAdapter } from './memory-adapter.ts';
export { createMetrics, type MetricsOptions, type ServerMetrics } from './metrics.ts';
export {
  DEFAULTS,
  type HttpFallbackOptions,
  type LimitOptions,
  type ResumeOptions,
  type RoomOptions,
  type SignalingServerOptions,
} from './options.ts';
export { isPolite } from './polite.ts';
export { checkPayload } from './relay.ts';
export { TokenBucket } from './token-bucket.ts';
export { type TurnOptions, turnIceServers } from './turn.ts';
