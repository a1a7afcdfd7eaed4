/**
 * A small typed event emitter that runs in browsers and Node alike. Event names are
 * lowercase DOM-style (`peerjoined`), declared once in an event map type whose keys are the
 * names and whose values are the payloads.
 */

/** A listener of one event type. */
export type Listener<T> = (event: T) => void;

/** The subscription side of an {@link Emitter}, as the public interfaces expose it. */
export interface EventSource<M extends object> {
  /** Calls `listener` for every `type` event until the returned function is called. */
  on<K extends keyof M>(type: K, listener: Listener<M[K]>): () => void;
  /** Removes a listener added with {@link on}; a no-op for one that is not registered. */
  off<K extends keyof M>(type: K, listener: Listener<M[K]>): void;
}

/**
 * Dispatches typed events to listeners in registration order. A listener that throws does
 * not stop the others nor the emitter's own work: the exception is rethrown in a microtask,
 * where the platform reports it (as a DOM `EventTarget` does).
 */
export class Emitter<M extends object> implements EventSource<M> {
  readonly #listeners = new Map<keyof M, Set<Listener<never>>>();

  on<K extends keyof M>(type: K, listener: Listener<M[K]>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => this.off(type, listener);
  }

  off<K extends keyof M>(type: K, listener: Listener<M[K]>): void {
    this.#listeners.get(type)?.delete(listener as Listener<never>);
  }

  /** The number of listeners of `type`; `error` events with none are rethrown by owners. */
  listenerCount(type: keyof M): number {
    return this.#listeners.get(type)?.size ?? 0;
  }

  /** Calls every listener of `type` with `event`. */
  emit<K extends keyof M>(type: K, event: M[K]): void {
    const set = this.#listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<M[K]>)(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Removes every listener. */
  removeAllListeners(): void {
    this.#listeners.clear();
  }
}
