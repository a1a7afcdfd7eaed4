/**
 * The closed-loop load of `bench/relay.ts`: `pairs` pairs of clients, each client keeping
 * `inFlight` messages in flight towards its partner and answering every message it receives
 * with a new one, so the offered load adapts to what the server and the generator can carry
 * and nothing queues without bound. Latency is measured at the receiver against the stamp
 * the sender put in the payload: both are this process, one clock (`performance.now()`).
 *
 * Under a closed loop, mean latency is in-flight messages / throughput (Little's law): it
 * includes the time a message waits in either process's event loop, so a server that costs
 * more per message shows it in latency as well as in CPU.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BenchClient,
  type ClientEvents,
  CONNECT_PAIR,
  frames,
  type ServerKind,
} from './relay-clients.ts';

/** CPU time of a process, in µs. */
export interface CpuTime {
  user: number;
  system: number;
}

/** What one measured window of one server gave. */
export interface WindowResult {
  /** Messages relayed (received by a client) in the window. */
  messages: number;
  /** WebSocket frames clients sent and received in the window (messages, acks, ...). */
  frames: number;
  /** Length of the window (wall clock). */
  seconds: number;
  /** CPU time of the server process over the window (user + system). */
  serverCpuMicros: number;
  /** The system (kernel) part of it: mostly the TCP stack, for the server's reads and writes. */
  serverSystemMicros: number;
  /** CPU time of this process (the generator) over the window. */
  generatorCpuMicros: number;
  p50Ms: number;
  p99Ms: number;
  /** Anything but a relayed message that the server sent, by name, over the whole run. */
  problems: Map<string, number>;
  /** Messages sent that never arrived (counted after the loop stopped and drained). */
  lost: number;
}

/** How to load one server. */
export interface LoadOptions {
  kind: ServerKind;
  port: number;
  pairs: number;
  inFlight: number;
  warmupMs: number;
  windowMs: number;
  /** Makes ids and rooms unique per run on a long-lived server. */
  runId: string;
  /** CPU time the server process has used so far. */
  serverCpu(): Promise<CpuTime>;
  /** Profiles the server over the window (started before it, stopped after it). */
  profile?: { start(): Promise<void>; stop(): Promise<void> };
}

/** Longest wait for every pair to connect. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Longest wait for pairs still connecting when the run is cut short. */
const CLOSE_WAIT_MS = 1_000;
/** Longest wait, after the loop stops, for the messages in flight to arrive. */
const DRAIN_TIMEOUT_MS = 2_000;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const controller = new AbortController();
  const timeout = sleep(ms, undefined, { signal: controller.signal }).then(() => {
    throw new Error(`${what} took more than ${ms} ms`);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    controller.abort();
    timeout.catch(() => {});
  }
}

/** Runs the load against one server: connect, warm up, measure one window, drain, close. */
export async function runLoad(options: LoadOptions): Promise<WindowResult> {
  const { kind, port, pairs, inFlight } = options;
  let running = true;
  let recording = false;
  let sent = 0;
  let received = 0;
  const latencies: number[] = [];
  const problems = new Map<string, number>();

  const clients: BenchClient[][] = [];
  const eventsFor = (pair: number, side: 0 | 1): ClientEvents => ({
    message(sentAt) {
      const now = performance.now();
      received += 1;
      if (recording) latencies.push(now - sentAt);
      if (!running) return;
      sent += 1;
      clients[pair]?.[side]?.send(now);
    },
    problem(what) {
      problems.set(what, (problems.get(what) ?? 0) + 1);
    },
  });

  const connecting = Array.from({ length: pairs }, async (_, pair) => {
    clients[pair] = await CONNECT_PAIR[kind](port, `${options.runId}-${pair}`, [
      eventsFor(pair, 0),
      eventsFor(pair, 1),
    ]);
  });
  try {
    await withTimeout(Promise.all(connecting), CONNECT_TIMEOUT_MS, `connecting ${pairs} pairs`);

    for (const pair of clients) {
      for (const client of pair) {
        for (let i = 0; i < inFlight; i++) {
          sent += 1;
          client.send(performance.now());
        }
      }
    }
    await sleep(options.warmupMs);

    await options.profile?.start();
    const cpu0 = await options.serverCpu();
    const gen0 = process.cpuUsage();
    const t0 = performance.now();
    const received0 = received;
    const frames0 = frames.sent + frames.received;
    recording = true;
    await sleep(options.windowMs);
    const cpu1 = await options.serverCpu();
    const gen = process.cpuUsage(gen0);
    const t1 = performance.now();
    const messages = received - received0;
    await options.profile?.stop();
    const windowFrames = frames.sent + frames.received - frames0;
    recording = false;

    running = false;
    const drainUntil = performance.now() + DRAIN_TIMEOUT_MS;
    while (received < sent && performance.now() < drainUntil) await sleep(10);

    const sorted = Float64Array.from(latencies).sort();
    return {
      messages,
      frames: windowFrames,
      seconds: (t1 - t0) / 1000,
      serverCpuMicros: cpu1.user + cpu1.system - cpu0.user - cpu0.system,
      serverSystemMicros: cpu1.system - cpu0.system,
      generatorCpuMicros: gen.user + gen.system,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      problems,
      lost: sent - received,
    };
  } finally {
    running = false;
    // A pair stuck in its handshake is left to the process exit; the others are closed.
    await withTimeout(Promise.allSettled(connecting), CLOSE_WAIT_MS, 'connecting').catch(() => {});
    await Promise.all(clients.flat().map((client) => client.close()));
  }
}
