/**
 * A signaling client wired to a scripted in-memory server and a fake clock, with every event
 * it emits recorded.
 */
import {
  createSignalingClient,
  type ReconnectPolicy,
  type SignalingClient,
  type SignalingClientEventMap,
  type SignalingClientOptions,
} from 'switchboard/client';
import { createFakeClock, type FakeClock } from '../../../src/testing/fake-clock.ts';
import { type ScriptedConnection, ScriptedServer } from './scripted-server.ts';

/** An event as recorded: its name and payload. */
export type Recorded = {
  [K in keyof SignalingClientEventMap]: { type: K; event: SignalingClientEventMap[K] };
}[keyof SignalingClientEventMap];

const EVENT_TYPES: Array<keyof SignalingClientEventMap> = [
  'statechange',
  'open',
  'reconnecting',
  'resumed',
  'close',
  'peerjoined',
  'peerupdated',
  'peerleft',
  'signal',
  'undeliverable',
  'expired',
  'iceservers',
  'goaway',
  'error',
];

/** A reconnect policy that always waits `ms`, and records what it was asked. */
export function fixedPolicy(ms: number): ReconnectPolicy & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    nextRetryDelayMs({ attempt }) {
      calls.push(attempt);
      return ms;
    },
  };
}

export interface Harness {
  server: ScriptedServer;
  clock: FakeClock;
  client: SignalingClient;
  events: Recorded[];
  /** The recorded events of one type, payloads only. */
  eventsOf<K extends keyof SignalingClientEventMap>(type: K): Array<SignalingClientEventMap[K]>;
  /** Connects and completes the handshake; returns the connection. */
  open(welcome?: Parameters<ScriptedConnection['handshake']>[0]): Promise<ScriptedConnection>;
}

export function createHarness(options: Partial<SignalingClientOptions> = {}): Harness {
  const server = new ScriptedServer();
  const clock = createFakeClock(1_000_000);
  const client = createSignalingClient({
    url: 'ws://memory/v1/ws',
    WebSocket: server.WebSocket,
    // The scripted server is a WebSocket one: a refused connection must not fall back to HTTP.
    transports: ['websocket'],
    clock,
    reconnectPolicy: fixedPolicy(100),
    ...options,
  });
  const events: Recorded[] = [];
  for (const type of EVENT_TYPES) {
    client.on(type, (event) => events.push({ type, event } as Recorded));
  }
  return {
    server,
    clock,
    client,
    events,
    eventsOf: <K extends keyof SignalingClientEventMap>(type: K) =>
      events.filter((e) => e.type === type).map((e) => e.event) as Array<
        SignalingClientEventMap[K]
      >,
    async open(welcome) {
      const connected = client.connect();
      const connection = await server.nextConnection();
      await connection.handshake(welcome);
      await connected;
      return connection;
    },
  };
}
