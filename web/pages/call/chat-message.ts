/**
 * The chat's wire format on the data channel (`chat`, negotiated id 0): one JSON object per
 * message, `{ "type": "chat", "text": "..." }`. Whatever arrives is checked before it is
 * shown, since the other side is just another browser.
 */

/** The longest message the page sends or shows, in UTF-16 code units. */
export const MAX_CHAT_LENGTH = 2000;

/** A chat message as carried on the channel. */
export interface ChatMessage {
  readonly type: 'chat';
  readonly text: string;
}

/** The text of a message as typed: trimmed, cut to {@link MAX_CHAT_LENGTH}; undefined if empty. */
export function chatText(typed: string): string | undefined {
  const text = typed.trim().slice(0, MAX_CHAT_LENGTH);
  return text === '' ? undefined : text;
}

/** Encodes a message for the data channel. */
export function encodeChat(text: string): string {
  const message: ChatMessage = { type: 'chat', text };
  return JSON.stringify(message);
}

/** Decodes what the data channel delivered; undefined for anything but a chat message. */
export function decodeChat(data: unknown): ChatMessage | undefined {
  if (typeof data !== 'string' || data.length > MAX_CHAT_LENGTH * 6 + 64) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, text } = value as Record<string, unknown>;
  if (type !== 'chat' || typeof text !== 'string') return undefined;
  const checked = chatText(text);
  return checked === undefined ? undefined : { type: 'chat', text: checked };
}
