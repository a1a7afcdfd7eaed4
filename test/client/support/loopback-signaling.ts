/**
 * Two peer sessions wired to each other without a server: what one signals, the other
 * receives, in order, after a delay. Delivery can be held (so both sides offer before
 * either hears the other: glare) and reordered.
 */
import type { PeerSession, PeerSignaling, SignalingClientEventMap } from 'switchboard/client';
import type { IceServer, SignalPayload } from 'switchboard/protocol';

/** One direction of the loopback. */
class Direction {
  readonly queue: SignalPayload[] = [];
  held = false;
  target: PeerSession | undefined;
  delivered = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly latencyMs: () => number) {}

  push(payload: SignalPayload): void {
    this.queue.push(payload);
    this.schedule();
  }

  schedule(): void {
    if (this.held || this.#timer || this.queue.length === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.held) return;
      const payload = this.queue.shift();
      if (payload && this.target) {
        this.delivered += 1;
        this.target.receive(payload);
      }
      this.schedule();
    }, this.latencyMs());
  }
}

/** The signaling end of one side. */
export class LoopbackEnd implements PeerSignaling {
  iceServers: readonly IceServer[] = [];
  readonly sent: SignalPayload[] = [];
  readonly #listeners = new Map<string, Set<(event: never) => void>>();

  constructor(readonly outbound: Direction) {}

  signal(_room: string, _to: string, payload: SignalPayload): number {
    this.sent.push(payload);
    this.outbound.push(payload);
    return this.sent.length;
  }

  on<K extends keyof SignalingClientEventMap>(
    type: K,
    listener: (event: SignalingClientEventMap[K]) => void,
  ): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  emit<K extends keyof SignalingClientEventMap>(type: K, event: SignalingClientEventMap[K]): void {
    for (const listener of this.#listeners.get(type) ?? []) {
      (listener as (event: SignalingClientEventMap[K]) => void)(event);
    }
  }
}

/** A pair of connected loopback ends; attach each side's session with `connect`. */
export class Loopback {
  readonly ab: Direction;
  readonly ba: Direction;
  readonly a: LoopbackEnd;
  readonly b: LoopbackEnd;

  constructor(latencyMs: () => number = () => 1) {
    this.ab = new Direction(latencyMs);
    this.ba = new Direction(latencyMs);
    this.a = new LoopbackEnd(this.ab);
    this.b = new LoopbackEnd(this.ba);
  }

  /** Routes what side A signals to `b`, and what side B signals to `a`. */
  connect(a: PeerSession, b: PeerSession): void {
    this.ab.target = b;
    this.ba.target = a;
    this.ab.schedule();
    this.ba.schedule();
  }

  hold(): void {
    this.ab.held = true;
    this.ba.held = true;
  }

  release(): void {
    this.ab.held = false;
    this.ba.held = false;
    this.ab.schedule();
    this.ba.schedule();
  }

  /** True when nothing waits in either direction. */
  get idle(): boolean {
    return this.ab.queue.length === 0 && this.ba.queue.length === 0;
  }
}

/** Resolves when `predicate` (sync or async) holds, polling every 10 ms; rejects after a timeout. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
