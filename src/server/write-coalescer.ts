/**
 * One socket write per socket per tick, however many frames the tick sends on it. The first
 * frame of a tick corks the socket; every socket corked meanwhile is uncorked once the tick's
 * work is done, and Node hands each one's buffered frames to the kernel in one `writev`.
 *
 * The system call, and on loopback the TCP work it sets off in the kernel, costs far more
 * than framing a message: a relay that reads several signals in one chunk (or acks and
 * relays in one handler) pays it once instead of once per frame. The flush runs from
 * `process.nextTick`, which Node runs after the current I/O callback and before the next,
 * once the promise jobs already queued have run: frames wait for the rest of the work of the
 * tick that produced them, never for another socket's I/O.
 */

/** What the coalescer needs of a socket: a `net.Socket`, a `tls.TLSSocket`, any Writable. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** Sockets corked this tick, in the order they were first written to. */
const corked = new Set<Corkable>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  for (const socket of corked) {
    corked.delete(socket);
    try {
      socket.uncork();
    } catch {
      // A socket that fails here has failed for its owner too (its 'error' reports it).
    }
  }
}

/**
 * Corks `socket` until the end of the tick, if it is not corked for this tick already. Call
 * it before each write; a cork taken by the writer itself (ws corks around a frame's header
 * and payload) nests inside this one.
 */
export function corkForTick(socket: Corkable): void {
  if (corked.has(socket)) return;
  socket.cork();
  corked.add(socket);
  if (!scheduled) {
    scheduled = true;
    process.nextTick(flush);
  }
}
