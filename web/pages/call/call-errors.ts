/**
 * Errors of the call page in plain words: what went wrong and what to do about it, from the
 * media devices' DOMExceptions (Media Capture and Streams, section 10) and the client SDK's
 * error codes (docs/errors.md). Each explanation has a stable `kind` the page puts on the
 * banner (`data-error`), so tests and styles need not read the words.
 */
import { isClientError } from 'switchboard/client';

/** What went wrong, by kind. */
export type CallErrorKind =
  | 'camera-denied'
  | 'camera-missing'
  | 'camera-busy'
  | 'insecure-page'
  | 'room-full'
  | 'token-missing'
  | 'token-refused'
  | 'room-forbidden'
  | 'origin-forbidden'
  | 'server-unreachable'
  | 'connection-lost'
  | 'server-timeout'
  | 'unexpected';

/** An error as the banner shows it. */
export interface CallErrorText {
  readonly kind: CallErrorKind;
  readonly title: string;
  readonly detail: string;
  /** True when joining without camera and microphone would get around it. */
  readonly withoutMedia: boolean;
}

/** What the page knew when the error happened. */
export interface CallErrorContext {
  /** Whether the page sent an access token. */
  readonly hadToken?: boolean;
  /** The most participants the page lets into one call. */
  readonly maxParticipants?: number;
}

const TEXTS: Record<CallErrorKind, Omit<CallErrorText, 'kind'>> = {
  'camera-denied': {
    title: 'Camera and microphone are blocked',
    detail:
      "Allow access in your browser's site settings (the icon left of the address), then join again, or join without them.",
    withoutMedia: true,
  },
  'camera-missing': {
    title: 'No camera or microphone found',
    detail: 'Plug one in and join again, or join without them.',
    withoutMedia: true,
  },
  'camera-busy': {
    title: 'Your camera or microphone is busy',
    detail: 'Another app or tab is using it. Close that app and join again, or join without them.',
    withoutMedia: true,
  },
  'insecure-page': {
    title: 'This page cannot use your camera',
    detail:
      'Browsers allow cameras only on secure pages: open it over https, or on localhost. You can join without camera and microphone.',
    withoutMedia: true,
  },
  'room-full': {
    title: 'This room is full',
    detail: 'Try again when someone leaves, or start a new room.',
    withoutMedia: false,
  },
  'token-missing': {
    title: 'This server needs an access token',
    detail: 'Open the link you were given, which carries the token (…#token=…).',
    withoutMedia: false,
  },
  'token-refused': {
    title: 'The server refused your access token',
    detail: 'It may have expired or be for another server. Ask for a new link.',
    withoutMedia: false,
  },
  'room-forbidden': {
    title: 'Your access token does not allow this room',
    detail: 'Ask for a link to this room, or join the room your link is for.',
    withoutMedia: false,
  },
  'origin-forbidden': {
    title: 'This server does not accept calls from this site',
    detail: "The server's list of allowed origins does not include this page's address.",
    withoutMedia: false,
  },
  'server-unreachable': {
    title: "Can't reach the server",
    detail: 'Check your connection and that the Switchboard server is running, then try again.',
    withoutMedia: false,
  },
  'connection-lost': {
    title: 'Lost the connection to the server',
    detail: 'The call ended because the server could not be reached for too long. Join again.',
    withoutMedia: false,
  },
  'server-timeout': {
    title: 'The server did not answer in time',
    detail: 'It may be overloaded. Try again in a moment.',
    withoutMedia: false,
  },
  unexpected: {
    title: 'Something went wrong',
    detail: 'Reload the page and try again.',
    withoutMedia: false,
  },
};

/** getUserMedia's DOMException names, by what they mean for the user. */
const MEDIA_ERRORS: Record<string, CallErrorKind> = {
  NotAllowedError: 'camera-denied',
  SecurityError: 'camera-denied',
  PermissionDeniedError: 'camera-denied',
  NotFoundError: 'camera-missing',
  OverconstrainedError: 'camera-missing',
  DevicesNotFoundError: 'camera-missing',
  NotReadableError: 'camera-busy',
  AbortError: 'camera-busy',
  TrackStartError: 'camera-busy',
  // What media.ts throws where there is no navigator.mediaDevices.
  InsecureContextError: 'insecure-page',
};

/** The server's wire codes (`ClientError.serverCode`), by what they mean for the user. */
const SERVER_ERRORS: Record<string, CallErrorKind> = {
  SRV_ERR_ROOM_FULL: 'room-full',
  SRV_ERR_FORBIDDEN: 'room-forbidden',
  SRV_ERR_ORIGIN_FORBIDDEN: 'origin-forbidden',
};

/** Close codes a refused connection ends with (docs/errors.md). */
const CLOSE_CODES: Record<number, CallErrorKind> = {
  4001: 'token-refused',
  4009: 'origin-forbidden',
  4010: 'token-refused',
};

function kindOf(error: unknown, context: CallErrorContext): CallErrorKind {
  if (error instanceof Error && Object.hasOwn(MEDIA_ERRORS, error.name)) {
    return MEDIA_ERRORS[error.name] as CallErrorKind;
  }
  if (!isClientError(error)) return 'unexpected';
  const tokenKind: CallErrorKind = context.hadToken ? 'token-refused' : 'token-missing';
  if (error.serverCode === 'SRV_ERR_UNAUTHORIZED') return tokenKind;
  const fromServer =
    error.serverCode !== undefined && Object.hasOwn(SERVER_ERRORS, error.serverCode)
      ? SERVER_ERRORS[error.serverCode]
      : undefined;
  if (fromServer) return fromServer;
  const fromClose = error.closeCode === undefined ? undefined : CLOSE_CODES[error.closeCode];
  if (fromClose === 'token-refused') return tokenKind;
  if (fromClose) return fromClose;
  switch (error.code) {
    case 'CLIENT_ERR_CONNECT_FAILED':
    case 'CLIENT_ERR_NOT_CONNECTED':
      return 'server-unreachable';
    case 'CLIENT_ERR_CONNECTION_LOST':
    case 'CLIENT_ERR_HEARTBEAT_TIMEOUT':
    case 'CLIENT_ERR_RECONNECT_STOPPED':
    case 'CLIENT_ERR_CLOSED':
      return 'connection-lost';
    case 'CLIENT_ERR_TIMEOUT':
      return 'server-timeout';
    default:
      return 'unexpected';
  }
}

/** The plain-words explanation of `kind`. */
export function callErrorText(kind: CallErrorKind, context: CallErrorContext = {}): CallErrorText {
  const text = TEXTS[kind];
  if (kind === 'room-full' && context.maxParticipants !== undefined) {
    const detail = `A call holds up to ${context.maxParticipants} people. ${text.detail}`;
    return { kind, ...text, detail };
  }
  return { kind, ...text };
}

/** The plain-words explanation of `error`. */
export function describeCallError(error: unknown, context: CallErrorContext = {}): CallErrorText {
  return callErrorText(kindOf(error, context), context);
}
