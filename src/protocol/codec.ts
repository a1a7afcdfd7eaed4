/**
 * Encoding and decoding of wire messages. Decoding is the boundary where untrusted frames
 * become typed messages: it never throws on bad input, it returns `{ ok: false, error }`
 * with a stable code, and it sits on the hot path of the relay, so each message is checked
 * by the one generated validator of its `type` (see message-validator.ts).
 *
 * @example
 * ```ts
 * const result = decodeClientMessage(frame);
 * if (!result.ok) socket.send(encode(createErrorMessage(result.error)));
 * else handle(result.message);
 * ```
 */
import type { WireErrorCode } from './codes.ts';
import {
  CLIENT_VALIDATORS,
  DISCRIMINATOR_TAGS,
  SERVER_VALIDATORS,
} from './generated/validators.ts';
import { createMessageValidators, type MessageValidator } from './message-validator.ts';
import type { ClientMessage, ClientMessages, ServerMessage, ServerMessages } from './messages.ts';
import { PROTOCOL_VERSION } from './version.ts';

/** The codes `decode*` can return, all from `WIRE_ERRORS`; the others are the server's. */
export const DECODE_ERROR_CODES = Object.freeze([
  'PROTO_ERR_NOT_JSON',
  'PROTO_ERR_UNKNOWN_TYPE',
  'PROTO_ERR_INVALID_MESSAGE',
  'PROTO_ERR_VERSION',
] as const satisfies readonly WireErrorCode[]);

/** A code `decode*` can return. */
export type DecodeErrorCode = (typeof DECODE_ERROR_CODES)[number];

/** Why a frame did not decode. `code`, `message` and `ref` are what an `error` reply carries. */
export interface DecodeError {
  readonly code: DecodeErrorCode;
  /** One sentence for people: `signal: /to is required`. Match on `code`, not on this. */
  readonly message: string;
  /** JSON Pointer (RFC 6901) of the offending field; for a missing field, where it belongs. */
  readonly path?: string;
  /** The message type whose schema failed, when the `type` itself is known. */
  readonly messageType?: string;
  /** The frame's own `id` (request) or `seq` (signal), so the reply can say what it answers. */
  readonly ref?: string | number;
}

/** A decoded message, or why the frame is not one. */
export type DecodeResult<T> =
  | { readonly ok: true; readonly message: T }
  | { readonly ok: false; readonly error: DecodeError };

/** The `type` of a message a client sends. */
export type ClientMessageType = keyof ClientMessages;
/** The `type` of a message a server sends. */
export type ServerMessageType = keyof ServerMessages;

// The tables below are marked pure, so a bundle that decodes one side only (a browser client
// decodes server messages) leaves the other side's validators out.

/** Every client message type, in catalogue order. */
export const CLIENT_MESSAGE_TYPES = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ Object.keys(CLIENT_VALIDATORS) as ClientMessageType[],
);
/** Every server message type, in catalogue order. */
export const SERVER_MESSAGE_TYPES = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ Object.keys(SERVER_VALIDATORS) as ServerMessageType[],
);

const CLIENT_CHECKS = /* @__PURE__ */ createMessageValidators(
  CLIENT_VALIDATORS,
  DISCRIMINATOR_TAGS,
);
const SERVER_CHECKS = /* @__PURE__ */ createMessageValidators(
  SERVER_VALIDATORS,
  DISCRIMINATOR_TAGS,
);

/** Messages whose `v` names the protocol version; another number there is PROTO_ERR_VERSION. */
const VERSIONED_TYPES: ReadonlySet<string> = new Set(['hello', 'welcome']);
/** Longest `id` echoed as `ref`: the longest request id a schema allows. */
const MAX_REF_LENGTH = 64;
/** Longest piece of untrusted text (a type, a parser message) quoted in an error message. */
const MAX_QUOTE_LENGTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when `type` names a message a client sends. */
export function isClientMessageType(type: unknown): type is ClientMessageType {
  return typeof type === 'string' && CLIENT_CHECKS.has(type);
}

/** True when `type` names a message a server sends. */
export function isServerMessageType(type: unknown): type is ServerMessageType {
  return typeof type === 'string' && SERVER_CHECKS.has(type);
}

/**
 * Decodes a frame a client sent (what a server receives). A `Uint8Array` (a Node `Buffer`)
 * must hold UTF-8. Never throws on bad input; throws `TypeError` if `frame` is neither a
 * string nor bytes.
 */
export function decodeClientMessage(frame: string | Uint8Array): DecodeResult<ClientMessage> {
  return decode(frame, CLIENT_CHECKS) as DecodeResult<ClientMessage>;
}

/** Decodes a frame a server sent (what a client receives); see `decodeClientMessage`. */
export function decodeServerMessage(frame: string | Uint8Array): DecodeResult<ServerMessage> {
  return decode(frame, SERVER_CHECKS) as DecodeResult<ServerMessage>;
}

/**
 * Encodes a message as the JSON text of one frame. It does not validate: messages built in
 * code are typed, and relayed ones were decoded (so they nest at most `MAX_NESTING_DEPTH`).
 */
export function encode(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}

/**
 * The `error` message that answers a frame which did not decode (or any wire error): its
 * `code`, `message` and, when known, `ref`; never a path of the server's own or a stack.
 */
export function createErrorMessage(error: {
  readonly code: WireErrorCode;
  readonly message: string;
  readonly ref?: string | number | undefined;
}): ServerMessages['error'] {
  const { code, message, ref } = error;
  return ref === undefined
    ? { type: 'error', code, message }
    : { type: 'error', code, message, ref };
}

function decode(
  frame: string | Uint8Array,
  validators: ReadonlyMap<string, MessageValidator>,
): DecodeResult<unknown> {
  const fields = parseObject(frame);
  if (!fields.ok) return fields;
  const value = fields.message;
  const type = value.type;
  if (typeof type !== 'string') {
    // Malformed rather than unknown: PROTO_ERR_UNKNOWN_TYPE tells a sender that a newer
    // peer might understand the message, which is never true of a missing `type`.
    const message = `/type ${type === undefined ? 'is required' : 'must be string'}`;
    return fail(withRef({ code: 'PROTO_ERR_INVALID_MESSAGE', message, path: '/type' }, value));
  }
  const validate = validators.get(type);
  if (validate === undefined) {
    const message = `unknown message type ${JSON.stringify(quote(type, MAX_QUOTE_LENGTH))}`;
    return fail(withRef({ code: 'PROTO_ERR_UNKNOWN_TYPE', message, path: '/type' }, value));
  }
  // Another version may mean other fields altogether, so the version speaks first.
  if (VERSIONED_TYPES.has(type) && typeof value.v === 'number' && value.v !== PROTOCOL_VERSION) {
    const message = `${type}: protocol version ${value.v} is not spoken here (only ${PROTOCOL_VERSION})`;
    return fail(
      withRef({ code: 'PROTO_ERR_VERSION', message, path: '/v', messageType: type }, value),
    );
  }

  const violation = validate(value);
  if (violation === undefined) return { ok: true, message: value };
  const { path, reason } = violation;
  const message = `${type}: ${path === '' ? 'the message' : path} ${reason}`;
  return fail(
    withRef({ code: 'PROTO_ERR_INVALID_MESSAGE', message, path, messageType: type }, value),
  );
}

/** The JSON object a frame holds, or PROTO_ERR_NOT_JSON. */
function parseObject(frame: string | Uint8Array): DecodeResult<Record<string, unknown>> {
  let text: string;
  if (typeof frame === 'string') {
    text = frame;
  } else if (frame instanceof Uint8Array) {
    try {
      text = utf8.decode(frame);
    } catch {
      return fail({ code: 'PROTO_ERR_NOT_JSON', message: 'the frame is not UTF-8 text' });
    }
  } else {
    throw new TypeError(`frame must be a string or a Uint8Array, got ${typeName(frame)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = quote((error as Error).message, 2 * MAX_QUOTE_LENGTH);
    return fail({ code: 'PROTO_ERR_NOT_JSON', message: `the frame is not JSON: ${reason}` });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const message = `the frame is JSON but not an object: ${typeName(value)}`;
    return fail({ code: 'PROTO_ERR_NOT_JSON', message });
  }
  return { ok: true, message: value as Record<string, unknown> };
}

function fail(error: DecodeError): DecodeResult<never> {
  return { ok: false, error };
}

/**
 * Adds the frame's own `id` or `seq` as `ref`, when it is one a schema could accept. The
 * `seq` of an `ack` is the acknowledged seq, not the ack's own, so it is never a ref.
 */
function withRef(error: DecodeError, fields: Record<string, unknown>): DecodeError {
  const { id, seq, type } = fields;
  if (typeof id === 'string' && id.length > 0 && id.length <= MAX_REF_LENGTH) {
    return { ...error, ref: id };
  }
  if (type !== 'ack' && typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1) {
    return { ...error, ref: seq };
  }
  return error;
}

function quote(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
