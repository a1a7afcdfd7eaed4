/**
 * A server a test scripts message by message, over the in-memory network: it accepts (or
 * refuses) connections, hands the test each decoded client message, and sends whatever
 * server messages the test writes. No protocol logic of its own.
 */
import type {
  ClientMessage,
  ClientMessages,
  Member,
  ServerMessage,
  ServerMessages,
} from 'switchboard/protocol';
import {
  createMemoryNetwork,
  type MemoryNetwork,
  type MemoryServerSocket,
} from '../../../src/testing/transport-pair.ts';

/** How long (real time) a test waits for a message before failing instead of hanging. */
const WAIT_MS = 2000;

/** A welcome with sensible defaults. */
export function welcome(
  overrides: Partial<ServerMessages['welcome']> = {},
): ServerMessages['welcome'] {
  return {
    type: 'welcome',
    v: 1,
    session: 's1',
    peer: 'me',
    resumeToken: 'rt1',
    resumed: false,
    heartbeat: 20_000,
    resumeWindow: 30_000,
    limits: {
      maxFrameBytes: 65_536,
      messagesPerSecond: 50,
      burst: 100,
      maxRoomsPerSession: 8,
      maxPeersPerRoom: 16,
    },
    iceServers: [],
    ack: 0,
    ...overrides,
  };
}

/** A room member with defaults. */
export function member(peer: string, version = 1, overrides: Partial<Member> = {}): Member {
  return { peer, presence: {}, version, polite: false, ...overrides };
}

/** One accepted connection. */
export class ScriptedConnection {
  readonly socket: MemoryServerSocket;
  /** Every message the client sent on this connection, in order. */
  readonly messages: ClientMessage[] = [];
  #read = 0;
  #waiter: (() => void) | undefined;

  constructor(socket: MemoryServerSocket) {
    this.socket = socket;
    socket.onMessage((data) => {
      this.messages.push(JSON.parse(data) as ClientMessage);
      this.#waiter?.();
    });
  }

  /** The next message not yet returned by next()/nextOf(). */
  async next(): Promise<ClientMessage> {
    const deadline = Date.now() + WAIT_MS;
    while (this.#read >= this.messages.length) {
      if (Date.now() > deadline) {
        throw new Error(`no client message within ${WAIT_MS} ms (got ${this.describe()})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 20);
        this.#waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#waiter = undefined;
    }
    return this.messages[this.#read++] as ClientMessage;
  }

  /** The next message of `type`, skipping others (acks, pings). */
  async nextOf<T extends keyof ClientMessages>(type: T): Promise<ClientMessages[T]> {
    for (;;) {
      const message = await this.next();
      if (message.type === type) return message as ClientMessages[T];
    }
  }

  /** Messages of `type` received so far. */
  all<T extends keyof ClientMessages>(type: T): Array<ClientMessages[T]> {
    return this.messages.filter((m) => m.type === type) as Array<ClientMessages[T]>;
  }

  /** The client message types so far, for failure messages. */
  describe(): string {
    return this.messages.map((m) => m.type).join(', ') || 'nothing';
  }

  send(message: ServerMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends a raw frame (for undecodable input). */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** Reads the hello and answers with a welcome. */
  async handshake(
    overrides: Partial<ServerMessages['welcome']> = {},
  ): Promise<ClientMessages['hello']> {
    const hello = await this.nextOf('hello');
    this.send(welcome(overrides));
    return hello;
  }

  close(code = 1000, reason = ''): void {
    this.socket.close(code, reason);
  }

  /** A network drop: the client sees 1006, in-flight frames are lost. */
  drop(): void {
    this.socket.drop();
  }
}

/** Accepts connections on an in-memory network. */
export class ScriptedServer {
  readonly network: MemoryNetwork = createMemoryNetwork();
  readonly connections: ScriptedConnection[] = [];
  /** While true, new connections fail (the client sees close 1006 without open). */
  refusing = false;
  /** Connection attempts, refused ones included. */
  attempts = 0;
  #taken = 0;

  constructor() {
    this.network.onconnection = (socket) => {
      this.attempts += 1;
      if (this.refusing) {
        socket.refuse();
        return;
      }
      socket.accept();
      this.connections.push(new ScriptedConnection(socket));
    };
  }

  get WebSocket(): MemoryNetwork['WebSocket'] {
    return this.network.WebSocket;
  }

  /** The next accepted connection not yet returned. */
  async nextConnection(): Promise<ScriptedConnection> {
    const deadline = Date.now() + WAIT_MS;
    while (this.#taken >= this.connections.length) {
      if (Date.now() > deadline) throw new Error(`no connection within ${WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.connections[this.#taken++] as ScriptedConnection;
  }
}
