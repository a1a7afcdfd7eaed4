/**
 * Requests in flight: each has an id the server echoes as `ref` in its reply, a timeout
 * that runs whether or not the client is connected, and the order it was made in, so that
 * after a reconnect the unanswered ones go out again interleaved with the signals as before.
 */
import type { ClientMessage, ServerMessage } from 'switchboard/protocol';
import type { Clock, ClockTimer } from './clock.ts';
import { ClientError } from './errors.ts';

/** One request awaiting its reply. */
export interface PendingRequest {
  readonly id: string;
  readonly kind: 'join' | 'leave' | 'presence' | 'refresh';
  /** What goes on the wire; re-sent after a reconnect until the reply arrives. */
  readonly message: ClientMessage;
  /** Position among everything the client sent (signals included). */
  readonly order: number;
  resolve(reply: ServerMessage): void;
  reject(error: ClientError): void;
  timer: ClockTimer;
}

function roomOf(request: PendingRequest): string {
  return (request.message as { room?: string }).room ?? '';
}

/** The table of requests in flight, by id. */
export class RequestTable {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, PendingRequest>();
  #counter = 0;

  constructor(clock: Clock, timeoutMs: number) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  /** Registers a request; `build` gets its id. */
  add(
    kind: PendingRequest['kind'],
    build: (id: string) => ClientMessage,
    order: number,
  ): { request: PendingRequest; promise: Promise<ServerMessage> } {
    this.#counter += 1;
    const id = `r${this.#counter}`;
    let request!: PendingRequest;
    const promise = new Promise<ServerMessage>((resolve, reject) => {
      request = {
        id,
        kind,
        message: build(id),
        order,
        resolve,
        reject,
        timer: this.#clock.setTimeout(() => {
          this.#pending.delete(id);
          reject(
            new ClientError(
              'CLIENT_ERR_TIMEOUT',
              `no reply to ${kind} within ${this.#timeoutMs} ms`,
              {
                ref: id,
              },
            ),
          );
        }, this.#timeoutMs),
      };
    });
    this.#pending.set(id, request);
    return { request, promise };
  }

  /** The requests in flight, oldest first. */
  pending(): PendingRequest[] {
    return [...this.#pending.values()];
  }

  /** Settles request `ref` with its reply; false when no such request is in flight. */
  resolve(ref: string, reply: ServerMessage): boolean {
    const request = this.#take(ref);
    request?.resolve(reply);
    return request !== undefined;
  }

  /**
   * Settles request `ref` with a server error; false when no such request is in flight. A
   * leave the server answers with "not in room" succeeded: it was re-sent after a
   * reconnect and the first one had been processed.
   */
  fail(ref: string, error: ClientError): boolean {
    const request = this.#take(ref);
    if (!request) return false;
    if (request.kind === 'leave' && error.serverCode === 'SRV_ERR_NOT_IN_ROOM') {
      request.resolve({ type: 'left', ref, room: roomOf(request) });
    } else {
      request.reject(error);
    }
    return true;
  }

  /**
   * The session these requests were made in is gone: a leave has nothing left to leave
   * (resolved), a presence change has no room (rejected with `error`); joins and refreshes
   * stay and are sent in the new session.
   */
  settleLost(error: ClientError): void {
    for (const request of this.pending()) {
      if (request.kind === 'leave') {
        this.resolve(request.id, {
          type: 'left',
          ref: request.id,
          room: roomOf(request),
        });
      } else if (request.kind === 'presence') {
        this.#take(request.id)?.reject(error);
      }
    }
  }

  /** Rejects every request with `error`. */
  rejectAll(error: ClientError): void {
    for (const request of this.pending()) this.#take(request.id)?.reject(error);
  }

  #take(id: string): PendingRequest | undefined {
    const request = this.#pending.get(id);
    if (!request) return undefined;
    this.#pending.delete(id);
    this.#clock.clearTimeout(request.timer);
    return request;
  }
}
