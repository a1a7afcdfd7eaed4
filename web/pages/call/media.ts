/**
 * Local media: the getUserMedia constraints of each media mode, and opening them.
 */
import type { MediaMode } from './params.ts';

/** The name of the error {@link openLocalMedia} rejects with on a page that is not secure. */
export const INSECURE_CONTEXT_ERROR = 'InsecureContextError';

/** The constraints `mode` asks getUserMedia for; undefined for `none`. */
export function mediaConstraints(mode: MediaMode): MediaStreamConstraints | undefined {
  switch (mode) {
    case 'none':
      return undefined;
    case 'fake':
      // Small and slow: automated runs put several pages on one machine.
      return {
        audio: true,
        video: { width: { ideal: 320 }, height: { ideal: 180 }, frameRate: { ideal: 15 } },
      };
    case 'camera':
      return {
        audio: { echoCancellation: true, noiseSuppression: true },
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
      };
  }
}

/**
 * Opens the camera and microphone for `mode`; undefined for `none`. Rejects with the
 * browser's DOMException (NotAllowedError, NotFoundError, ...), or with one named
 * {@link INSECURE_CONTEXT_ERROR} when the page is not a secure context (no
 * `navigator.mediaDevices`).
 */
export async function openLocalMedia(mode: MediaMode): Promise<MediaStream | undefined> {
  const constraints = mediaConstraints(mode);
  if (constraints === undefined) return undefined;
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new DOMException('media devices need a secure context', INSECURE_CONTEXT_ERROR);
  }
  return navigator.mediaDevices.getUserMedia(constraints);
}
