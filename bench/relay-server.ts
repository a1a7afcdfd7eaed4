/**
 * One relay server of `bench/relay.ts`, run in its own process so that the operating system's
 * CPU account of this process is the server's cost and nothing else.
 *
 * Usage: `node --import tsx bench/relay-server.ts <kind> <port>` with kind one of
 * `SERVER_KINDS` and port 0 for any free one. It listens on 127.0.0.1 only, then prints one
 * line on stdout, `{"port":N}` (switchboard adds `module`: where `switchboard/server` came
 * from). Over the IPC channel, when spawned with one, it answers `cpu` with
 * `process.cpuUsage()` (the fallback where there is no `/proc`), and `profile-start` /
 * `profile-stop` by running V8's sampling profiler in this process (`node:inspector`) and
 * writing the `.cpuprofile` to the path given, so that a profile covers the measured window
 * only. It exits when the channel closes or on SIGTERM/SIGINT: it never outlives the bench.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { SERVER_KINDS, type ServerKind } from './relay-clients.ts';

const HOST = '127.0.0.1';

/** Starts the server of `kind` and resolves with the port it listens on. */
async function start(kind: ServerKind, port: number): Promise<number> {
  switch (kind) {
    case 'switchboard':
      return startSwitchboard(port);
    case 'peerjs':
      return startPeerJs(port);
    case 'bare-ws':
      return startBareWs(port);
  }
}

/**
 * Switchboard as a deployment runs it (in-memory adapter, metrics on, no auth), except for
 * three limits raised so that they never act on the bench: the per-connection token bucket
 * (default 50 msg/s, burst 100, which a closed loop exceeds by design; the bench's rate is in
 * the thousands per connection), and connections per address (every client is on 127.0.0.1).
 * Logging is off: pino at `info` writes nothing per message anyway.
 */
async function startSwitchboard(port: number): Promise<number> {
  const { createSignalingServer } = await import('switchboard/server');
  const server = createSignalingServer({
    port,
    host: HOST,
    logger: false,
    limits: { messagesPerSecond: 1_000_000, burst: 1_000_000, maxConnectionsPerIp: 10_000 },
  });
  await server.listening;
  return (server.address() as AddressInfo).port;
}

/** The PeerJS server with its defaults (key `peerjs`, WebSocket path `/peerjs`). */
async function startPeerJs(port: number): Promise<number> {
  const { PeerServer } = await import('peer');
  return new Promise((resolve) => {
    PeerServer({ port, host: HOST }, (server) => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * The floor: a `ws` server that pairs the two sockets asking for the same `?pair=` and
 * forwards every frame, untouched, to the other one. It says `{"type":"ready"}` to both once
 * the pair is complete. Same `ws` options as the others (no compression).
 */
async function startBareWs(port: number): Promise<number> {
  const { WebSocketServer } = await import('ws');
  type Socket = import('ws').WebSocket;
  const waiting = new Map<string, Socket>();
  const wss = new WebSocketServer({
    host: HOST,
    port,
    perMessageDeflate: false,
    clientTracking: false,
  });
  wss.on('connection', (ws, req) => {
    const pair = new URL(req.url ?? '/', 'ws://relay').searchParams.get('pair') ?? '';
    const first = waiting.get(pair);
    if (first === undefined) {
      waiting.set(pair, ws);
      ws.once('close', () => {
        if (waiting.get(pair) === ws) waiting.delete(pair);
      });
      return;
    }
    waiting.delete(pair);
    const link = (from: Socket, to: Socket) => {
      from.on('message', (data, isBinary) => to.send(data, { binary: isBinary }));
      from.once('close', () => to.close());
    };
    link(first, ws);
    link(ws, first);
    first.send('{"type":"ready"}');
    ws.send('{"type":"ready"}');
  });
  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => resolve((wss.address() as AddressInfo).port));
  });
}

const [kind, portArg = '0'] = process.argv.slice(2);
if (!SERVER_KINDS.includes(kind as ServerKind)) {
  console.error(`usage: relay-server.ts <${SERVER_KINDS.join('|')}> <port>`);
  process.exit(2);
}
const port = await start(kind as ServerKind, Number(portArg));
const loadedFrom = kind === 'switchboard' ? import.meta.resolve('switchboard/server') : undefined;
/** A request from the bench over IPC; each is answered with a message of the same `type`. */
type Request =
  | { type: 'cpu' }
  | { type: 'profile-start'; intervalMicros: number }
  | { type: 'profile-stop'; path: string };

let profiler: Session | undefined;
async function answer(request: Request): Promise<object> {
  switch (request.type) {
    case 'cpu':
      return { usage: process.cpuUsage() };
    case 'profile-start':
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: request.intervalMicros });
      await profiler.post('Profiler.start');
      return {};
    case 'profile-stop': {
      const { profile } = await (profiler as Session).post('Profiler.stop');
      writeFileSync(request.path, JSON.stringify(profile));
      profiler?.disconnect();
      profiler = undefined;
      return {};
    }
  }
}
process.on('message', (request: Request) => {
  void answer(request).then((reply) => process.send?.({ type: request.type, ...reply }));
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
console.log(JSON.stringify({ port, module: loadedFrom }));
