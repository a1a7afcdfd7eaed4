/**
 * The call page's URL: what its query string asks for, and the shareable link of a room.
 *
 * Parameters (all optional):
 * - `room`: the room to join; the shareable link is `/?room=NAME`.
 * - `name`: the display name others see.
 * - `autojoin=1`: join at once, without the join form (for links and automation).
 * - `media=camera|fake|none`: `camera` (default) asks for the camera and microphone; `fake`
 *   does too but at a small size for automated runs on Chromium's fake devices; `none` joins
 *   without camera or microphone (chat only, each peer still gets a tile).
 * - `ice=relay`: only relay (TURN) candidates (`iceTransportPolicy: 'relay'`).
 * - `#token=...` in the fragment (never sent to the server in a request line): the access
 *   token for servers that require one.
 */

/** How the page captures local media. */
export type MediaMode = 'camera' | 'fake' | 'none';

/** What the page's URL asks for. */
export interface CallParams {
  readonly room: string | undefined;
  readonly name: string | undefined;
  readonly autojoin: boolean;
  readonly media: MediaMode;
  readonly iceTransportPolicy: RTCIceTransportPolicy;
  readonly token: string | undefined;
}

/** The longest room name the page makes (the protocol allows 128). */
export const MAX_ROOM_LENGTH = 64;
/** The longest display name the page sends or shows. */
export const MAX_NAME_LENGTH = 40;

const MEDIA_MODES: readonly MediaMode[] = ['camera', 'fake', 'none'];
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);

/**
 * A room name fit for a URL and the protocol: trimmed, runs of spaces turned into one `-`,
 * only letters, digits, `-`, `_` and `.` kept, at most {@link MAX_ROOM_LENGTH} characters;
 * undefined when nothing is left.
 */
export function normalizeRoomName(text: string): string | undefined {
  const name = text
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}._-]/gu, '')
    .slice(0, MAX_ROOM_LENGTH);
  return name === '' ? undefined : name;
}

/** A display name: trimmed, inner whitespace collapsed, at most {@link MAX_NAME_LENGTH}. */
export function normalizeDisplayName(text: string): string | undefined {
  const name = text.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_LENGTH).trim();
  return name === '' ? undefined : name;
}

/** Reads the page's query string (`?room=...`) and fragment (`#token=...`). */
export function parseCallParams(search: string, hash = ''): CallParams {
  const query = new URLSearchParams(search);
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const media = query.get('media') ?? '';
  const token = fragment.get('token') ?? '';
  return {
    room: normalizeRoomName(query.get('room') ?? ''),
    name: normalizeDisplayName(query.get('name') ?? ''),
    autojoin: TRUE_WORDS.has((query.get('autojoin') ?? '').toLowerCase()),
    media: (MEDIA_MODES as readonly string[]).includes(media) ? (media as MediaMode) : 'camera',
    iceTransportPolicy: query.get('ice') === 'relay' ? 'relay' : 'all',
    token: token === '' ? undefined : token,
  };
}

/** The link that opens the join form of `room` on the page at `origin`. */
export function callLink(origin: string, room: string): string {
  return `${origin}/?room=${encodeURIComponent(room)}`;
}

/**
 * The page's query string with `room` set and the other parameters kept, for
 * `history.replaceState` once joined; `autojoin` is dropped so a reload shows the form.
 */
export function searchWithRoom(search: string, room: string): string {
  const query = new URLSearchParams(search);
  query.set('room', room);
  query.delete('autojoin');
  return `?${query.toString()}`;
}

/** The signaling WebSocket URL of the page's own origin: `/v1/ws`, wss: on https pages. */
export function signalingUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/v1/ws`;
}

/** A random room name, for joining without one: `room-` and six letters and digits. */
export function randomRoomName(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let name = 'room-';
  for (let i = 0; i < 6; i++) name += alphabet[Math.floor(random() * alphabet.length)];
  return name;
}
