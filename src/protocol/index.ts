/**
 * `switchboard/protocol`: the wire protocol between signaling clients and servers. The
 * TypeBox schemas of every message (the source of the TypeScript types and of the JSON
 * Schemas in docs/protocol.md), the error and close code catalogue, and a codec whose
 * decoder turns untrusted frames into typed messages or `{ ok: false, error }`.
 *
 * @example
 * ```ts
 * import { createErrorMessage, decodeClientMessage, encode } from 'switchboard/protocol';
 * const result = decodeClientMessage(frame);
 * if (!result.ok) socket.send(encode(createErrorMessage(result.error)));
 * else if (result.message.type === 'signal') relay(result.message);
 * ```
 */
export {
  CLIENT_MESSAGE_TYPES,
  type ClientMessageType,
  createErrorMessage,
  DECODE_ERROR_CODES,
  type DecodeError,
  type DecodeErrorCode,
  type DecodeResult,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  isClientMessageType,
  isServerMessageType,
  SERVER_MESSAGE_TYPES,
  type ServerMessageType,
} from './codec.ts';
export {
  CLOSE_CODES,
  type CloseCode,
  RETIRED_WIRE_ERRORS,
  type RetiredWireErrorCode,
  WIRE_ERRORS,
  type WireErrorCode,
} from './codes.ts';
export {
  CLIENT_MESSAGES,
  type ClientMessage,
  type ClientMessages,
  type IceServer,
  IceServerSchema,
  type Limits,
  LimitsSchema,
  type Member,
  MemberSchema,
  SERVER_MESSAGES,
  type ServerMessage,
  type ServerMessages,
  type SignalPayload,
  SignalPayloadSchema,
} from './messages.ts';
export { MAX_NESTING_DEPTH } from './value-depth.ts';
export { PROTOCOL_VERSION } from './version.ts';
