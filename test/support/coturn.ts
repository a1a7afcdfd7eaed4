/**
 * A real coturn `turnserver` for tests: TURN REST credentials (`use-auth-secret` with a random
 * `static-auth-secret`), UDP and TCP on 127.0.0.1 only, relaying to loopback peers. coturn
 * answers STUN binding requests too, so it doubles as a local STUN server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where Debian's `coturn` package installs the server; `TURNSERVER_PATH` overrides it. */
export const DEFAULT_TURNSERVER_PATH = '/usr/sbin/turnserver';

/** Options of {@link startCoturn}. */
export interface CoturnOptions {
  /** The TURN REST secret (coturn `static-auth-secret`). Default: 24 random bytes, base64url. */
  secret?: string;
  /** The realm coturn announces. Default `switchboard.test`. */
  realm?: string;
  /** How long to wait for the first STUN answer (ms). Default 10000. */
  startTimeoutMs?: number;
}

/** A running coturn; see {@link startCoturn}. */
export interface Coturn {
  readonly host: '127.0.0.1';
  /** The UDP and TCP listening port. */
  readonly port: number;
  readonly secret: string;
  readonly realm: string;
  /** TURN URIs (RFC 7065) to configure a server's `turn.uris` with: UDP only. */
  readonly uris: readonly string[];
  /** The same server as a plain STUN server (no credentials). */
  readonly stunUri: string;
  /** Relay ports are taken from this inclusive range. */
  readonly relayPorts: readonly [number, number];
  /** The log so far (`--log-file`, verbose): allocations name their username. */
  log(): string;
  /** Usernames of successful ALLOCATE requests in the log, in order. */
  allocatedUsernames(): string[];
  /** Usernames whose requests coturn refused with 401 Unauthorized, in order. */
  refusedUsernames(): string[];
  /** Stops the server and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

/** Returns the turnserver binary to run, or throws naming how to install it. */
export function turnserverPath(): string {
  const override = process.env.TURNSERVER_PATH;
  const candidates = override
    ? [override]
    : [
        DEFAULT_TURNSERVER_PATH,
        ...(process.env.PATH ?? '').split(delimiter).map((dir) => dir && join(dir, 'turnserver')),
      ].filter(Boolean);
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new Error(
    override
      ? `TURNSERVER_PATH=${override} is not an executable turnserver`
      : `coturn not found (no executable turnserver at ${DEFAULT_TURNSERVER_PATH} or on PATH): ` +
          'install it with `apt-get install -y coturn` (Debian) or set TURNSERVER_PATH. ' +
          'TURN tests fail rather than skip, since CI installs coturn.',
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const STUN_MAGIC_COOKIE = 0x2112a442;
const STUN_BINDING_REQUEST = 0x0001;
const STUN_BINDING_SUCCESS = 0x0101;

/** A STUN Binding request (RFC 8489 section 5): a bare 20-byte header. */
function bindingRequest(transactionId: Buffer): Buffer {
  const message = Buffer.alloc(20);
  message.writeUInt16BE(STUN_BINDING_REQUEST, 0);
  message.writeUInt16BE(0, 2); // No attributes.
  message.writeUInt32BE(STUN_MAGIC_COOKIE, 4);
  transactionId.copy(message, 8);
  return message;
}

function isBindingSuccess(message: Buffer, transactionId: Buffer): boolean {
  return (
    message.length >= 20 &&
    message.readUInt16BE(0) === STUN_BINDING_SUCCESS &&
    message.readUInt32BE(4) === STUN_MAGIC_COOKIE &&
    message.subarray(8, 20).equals(transactionId)
  );
}

/**
 * Sends STUN Binding requests to `host:port` over UDP every 100 ms until one is answered;
 * rejects after `timeoutMs`, or as soon as `abort` settles.
 */
export async function waitForStun(
  host: string,
  port: number,
  timeoutMs: number,
  abort?: Promise<unknown>,
): Promise<void> {
  const socket: Socket = createSocket('udp4');
  const transactionId = randomBytes(12);
  const request = bindingRequest(transactionId);
  let timer: ReturnType<typeof setInterval> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (message) => {
        if (isBindingSuccess(message, transactionId)) resolve();
      });
      // Until the server listens, the kernel answers with ICMP: ECONNREFUSED on the socket.
      socket.on('error', () => {});
      const send = () => socket.send(request, port, host, () => {});
      socket.bind(0, '127.0.0.1', () => {
        send();
        timer = setInterval(send, 100);
      });
      deadline = setTimeout(
        () => reject(new Error(`no STUN answer from ${host}:${port} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      abort?.then(
        () => reject(new Error(`turnserver exited before answering STUN on ${host}:${port}`)),
        reject,
      );
    });
  } finally {
    clearInterval(timer);
    clearTimeout(deadline);
    socket.close();
  }
}

/** A port free for both UDP and TCP on 127.0.0.1 (coturn listens on both). */
async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const { port } = udp.address();
    const tcp = createServer();
    const tcpFree = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (tcpFree) await new Promise((resolve) => tcp.close(resolve));
    udp.close();
    if (tcpFree || attempt >= 20) return port;
  }
}

/**
 * A relay port range below Linux's ephemeral range (32768+), where port-0 sockets of the
 * same test run never land; random so that parallel test files rarely share one.
 */
function relayPortRange(): [number, number] {
  const min = 20_000 + Math.floor(Math.random() * 50) * 200;
  return [min, min + 199];
}

/**
 * Runs turnserver under a watchdog shell that kills it once the shell's standard input closes,
 * which happens when this process exits, even on SIGKILL: no coturn outlives its test. The
 * shell exits when turnserver does, with its status.
 */
function spawnWatched(path: string, args: readonly string[]): ChildProcess {
  // Asynchronous lists read /dev/null, so the watchdog reads the shell's stdin through fd 3.
  const script =
    'exec 3<&0; "$0" "$@" </dev/null 3<&- & pid=$!; (read _ignored <&3; kill -TERM "$pid" 2>/dev/null) & wait "$pid"';
  return spawn('sh', ['-c', script, path, ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
}

const ALLOCATION_SUCCESS = /user <([^>]+)>: incoming packet ALLOCATE processed, success/g;
// The first request of a session carries no username and gets 401 by design (RFC 8656
// section 7.2: the realm and nonce come with it); those lines have `user <>`.
const UNAUTHORIZED = /user <([^>]+)>: incoming packet \S+ processed, error 401/g;

/**
 * Starts coturn on 127.0.0.1 at a free port and resolves once it answers a STUN Binding
 * request. The caller stops it (`stop()`), typically in `after`.
 */
export async function startCoturn(options: CoturnOptions = {}): Promise<Coturn> {
  const path = turnserverPath();
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const realm = options.realm ?? 'switchboard.test';
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  let lastError: unknown;
  // The free port may be taken between the probe and coturn's bind: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const relayPorts = relayPortRange();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-coturn-'));
    const logFile = join(dir, 'turn.log');
    const args = [
      '-n', // No configuration file: /etc/turnserver.conf must not change the test's server.
      `--listening-ip=127.0.0.1`,
      `--relay-ip=127.0.0.1`,
      `--listening-port=${port}`,
      `--min-port=${relayPorts[0]}`,
      `--max-port=${relayPorts[1]}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      `--realm=${realm}`,
      '--allow-loopback-peers',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--no-rfc5780',
      `--log-file=${logFile}`,
      '--simple-log',
      '--no-stdout-log',
      '--verbose',
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      `--userdb=${join(dir, 'turndb')}`,
    ];
    const child = spawnWatched(path, args);
    const stderr: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const exited = once(child, 'exit');
    const stop = async () => {
      child.stdin?.end(); // The watchdog's cue, and its own end if turnserver is gone already.
      if (child.exitCode === null && child.signalCode === null) {
        const killer = setTimeout(() => {
          child.kill('SIGKILL');
          killTurnserver(dir);
        }, 5_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitForStun('127.0.0.1', port, startTimeoutMs, exited);
    } catch (error) {
      const log = readText(logFile);
      lastError = new Error(
        `${(error as Error).message}\nturnserver stderr:\n${Buffer.concat(stderr)}\nlog tail:\n${log
          .split('\n')
          .slice(-20)
          .join('\n')}`,
      );
      await stop();
      continue;
    }
    const log = () => readText(logFile);
    let stopped: Promise<void> | undefined;
    return {
      host: '127.0.0.1',
      port,
      secret,
      realm,
      uris: Object.freeze([`turn:127.0.0.1:${port}?transport=udp`]),
      stunUri: `stun:127.0.0.1:${port}`,
      relayPorts,
      log,
      allocatedUsernames: () => [...log().matchAll(ALLOCATION_SUCCESS)].map((m) => m[1] ?? ''),
      refusedUsernames: () => [...log().matchAll(UNAUTHORIZED)].map((m) => m[1] ?? ''),
      stop: () => {
        stopped ??= stop();
        return stopped;
      },
    };
  }
  throw lastError;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Last resort when the watchdog shell did not stop turnserver: kill it by its pid file. */
function killTurnserver(dir: string): void {
  const pid = Number(readText(join(dir, 'turnserver.pid')).trim());
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
