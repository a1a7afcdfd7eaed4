/**
 * Small helpers of the signaling client: the frame size check against the server's
 * announced limit, and a promise with its settle functions.
 */
import { ClientError } from './errors.ts';

const utf8 = new TextEncoder();

/** Throws `CLIENT_ERR_FRAME_TOO_LARGE` for a frame the server would refuse as too large. */
export function assertFrameFits(text: string, maxFrameBytes: number | undefined): void {
  // A UTF-16 code unit takes at most 3 UTF-8 bytes: short texts need no encoding.
  if (maxFrameBytes === undefined || text.length * 3 <= maxFrameBytes) return;
  const bytes = utf8.encode(text).byteLength;
  if (bytes > maxFrameBytes) {
    throw new ClientError(
      'CLIENT_ERR_FRAME_TOO_LARGE',
      `the message is ${bytes} bytes; the server accepts at most ${maxFrameBytes}`,
    );
  }
}

/** A promise and the functions that settle it. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
