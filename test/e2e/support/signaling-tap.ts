/**
 * A tap on the signaling server's sockets, for tests that break connections at chosen
 * moments: it reads every WebSocket frame the server writes (server frames are unmasked,
 * RFC 6455 section 5.2), learns each socket's session from its `welcome`, can destroy a
 * session's socket at once or just before a chosen frame would go out, and can hold what
 * the server writes to a session until told to let it go (to make two offers cross).
 *
 * A socket destroyed this way closes without a close frame (the browser sees 1006), so the
 * server keeps the session for resume, as after a real network drop.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** One WebSocket connection the tap watches. */
export interface TappedSocket {
  /** 1, 2, 3, ... in the order connections arrived. */
  readonly id: number;
  /** The session and peer ids of the server's `welcome`, once sent. */
  session: string | undefined;
  peer: string | undefined;
  /** True once the socket closed (or was cut). */
  closed: boolean;
  /** True while the tap holds what the server writes to it (see `pause`). */
  paused: boolean;
  readonly socket: Duplex;
}

/** A message the server wrote on a socket. */
export interface ServerFrame {
  readonly socket: TappedSocket;
  /** The decoded JSON message (`type`, `seq`, `payload`, ...). */
  readonly message: Record<string, unknown>;
}

/** See the module comment. */
export interface SignalingTap {
  /** Every socket seen so far, open or closed. */
  sockets(): readonly TappedSocket[];
  /** Every message the server sent so far, in order. */
  readonly frames: readonly ServerFrame[];
  /** Destroys the open sockets of `session` now; returns how many there were. */
  cut(session: string): number;
  /**
   * The next time the server is about to send a message for which `match` is true, that
   * message is withheld and its socket destroyed instead; resolves with the message.
   * Rejects after `timeoutMs` when no such message came.
   */
  cutBefore(match: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  /**
   * Holds everything the server writes to the open sockets of `session` from now on (the
   * messages are still read and listed in `frames`); `resume` sends it, in order.
   */
  pause(session: string): void;
  /** Sends what was held for `session` and stops holding. */
  resume(session: string): void;
  /** Stops watching new connections. */
  stop(): void;
}

type Write = Duplex['write'];

interface PendingCut {
  match: (frame: ServerFrame) => boolean;
  resolve: (frame: ServerFrame) => void;
}

/**
 * Reads WebSocket frames from the bytes a server writes, after its HTTP 101 response. Yields
 * each complete text message; control frames are skipped.
 */
class ServerFrameReader {
  #buffer = Buffer.alloc(0);
  #inHeaders = true;
  #fragments: Buffer[] = [];

  /** Adds `chunk` and returns the text messages it completes. */
  push(chunk: Buffer): string[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (this.#inHeaders) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end === -1) return [];
      this.#buffer = this.#buffer.subarray(end + 4);
      this.#inHeaders = false;
    }
    const messages: string[] = [];
    for (;;) {
      const buffer = this.#buffer;
      if (buffer.length < 2) break;
      const fin = (buffer[0] as number) & 0x80;
      const opcode = (buffer[0] as number) & 0x0f;
      const masked = (buffer[1] as number) & 0x80;
      let length = (buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) break;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) break;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (masked) offset += 4;
      if (buffer.length < offset + length) break;
      const payload = buffer.subarray(offset, offset + length);
      this.#buffer = buffer.subarray(offset + length);
      if (opcode === 0x1 || opcode === 0x0) {
        this.#fragments.push(payload);
        if (fin) {
          messages.push(Buffer.concat(this.#fragments).toString('utf8'));
          this.#fragments = [];
        }
      }
    }
    return messages;
  }
}

/** Starts watching every WebSocket upgrade of `http` (the app server's HTTP server). */
export function createSignalingTap(http: Server): SignalingTap {
  const sockets: TappedSocket[] = [];
  const frames: ServerFrame[] = [];
  const pending: PendingCut[] = [];
  /** Writes held back per paused socket, with their original arguments. */
  const held = new Map<TappedSocket, unknown[][]>();
  const writers = new Map<TappedSocket, (...args: unknown[]) => boolean>();

  function destroy(tapped: TappedSocket): void {
    tapped.closed = true;
    tapped.socket.destroy();
  }

  function watch(socket: Duplex): void {
    const tapped: TappedSocket = {
      id: sockets.length + 1,
      session: undefined,
      peer: undefined,
      closed: false,
      paused: false,
      socket,
    };
    sockets.push(tapped);
    socket.once('close', () => {
      tapped.closed = true;
    });
    const reader = new ServerFrameReader();
    const write: Write = socket.write.bind(socket) as Write;
    const tappedWrite = (chunk: unknown, ...rest: unknown[]): boolean => {
      const callback = rest.find((arg) => typeof arg === 'function') as
        | ((error?: Error | null) => void)
        | undefined;
      if (tapped.closed) {
        if (callback) process.nextTick(callback, new Error('the tap cut this socket'));
        return false;
      }
      const bytes = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(
            chunk as string,
            typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8',
          );
      for (const text of reader.push(bytes)) {
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (message.type === 'welcome') {
          tapped.session = String(message.session);
          tapped.peer = String(message.peer);
        }
        const frame: ServerFrame = { socket: tapped, message };
        const cut = pending.findIndex((p) => p.match(frame));
        if (cut !== -1) {
          const [hit] = pending.splice(cut, 1);
          // Whatever of this write is not sent yet goes with the socket: the frame never
          // reaches the browser whole.
          destroy(tapped);
          hit?.resolve(frame);
          if (callback) process.nextTick(callback, new Error('the tap cut this socket'));
          return false;
        }
        frames.push(frame);
      }
      if (tapped.paused) {
        held.get(tapped)?.push([chunk, ...rest]);
        return true;
      }
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
    writers.set(tapped, write as (...args: unknown[]) => boolean);
    socket.write = tappedWrite as Write;
  }

  const onUpgrade = (_req: unknown, socket: Duplex) => watch(socket);
  // Before the signaling server's listener, so that the tap sees the first byte written.
  http.prependListener('upgrade', onUpgrade);

  return {
    sockets: () => sockets,
    frames,
    cut(session) {
      const open = sockets.filter((s) => s.session === session && !s.closed);
      for (const tapped of open) destroy(tapped);
      return open.length;
    },
    cutBefore(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const entry: PendingCut = {
          match,
          resolve: (frame) => {
            clearTimeout(timer);
            resolve(frame);
          },
        };
        const timer = setTimeout(() => {
          const index = pending.indexOf(entry);
          if (index !== -1) pending.splice(index, 1);
          reject(new Error(`cutBefore: no matching server message within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.push(entry);
      });
    },
    pause(session) {
      for (const tapped of sockets) {
        if (tapped.session !== session || tapped.closed || tapped.paused) continue;
        tapped.paused = true;
        held.set(tapped, []);
      }
    },
    resume(session) {
      for (const tapped of sockets) {
        if (tapped.session !== session || !tapped.paused) continue;
        tapped.paused = false;
        const writes = held.get(tapped) ?? [];
        held.delete(tapped);
        if (tapped.closed) continue;
        const write = writers.get(tapped);
        for (const args of writes) write?.(...args);
      }
    },
    stop() {
      http.off('upgrade', onUpgrade);
    },
  };
}

/** Matches a `signal` carrying an SDP description of `type` (`offer`, `answer`). */
export function isDescription(type: 'offer' | 'answer'): (frame: ServerFrame) => boolean {
  return ({ message }) => {
    if (message.type !== 'signal') return false;
    const payload = message.payload as { kind?: string; description?: { type?: string } };
    return payload?.kind === 'description' && payload.description?.type === type;
  };
}
