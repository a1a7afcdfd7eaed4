/**
 * The server processes of `bench/relay.ts`: starting them (relay-server.ts in a child process
 * each), reading their CPU time from the operating system, asking them things over IPC, and
 * stopping them.
 *
 * The servers load the built package (`dist`, what users get). Under tsx a bare
 * `switchboard/server` would follow the repository's tsconfig `paths`, which point at `src`
 * for tests and typechecks; the servers get a tsconfig of their own without `paths` (tsx reads
 * `TSX_TSCONFIG_PATH`), so the package's `exports` decide, as for any user.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './relay-clients.ts';
import type { CpuTime } from './relay-load.ts';

/** Longest wait for a server process to say its port, or to exit when told. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const serverScript = fileURLToPath(new URL('relay-server.ts', import.meta.url));

/** A request to a server over IPC; the answer has the same `type`. */
export type ServerRequest = { type: string } & Record<string, unknown>;

/** A running server process. */
export interface ServerProcess {
  readonly kind: ServerKind;
  readonly port: number;
  /** Where `switchboard/server` was loaded from (switchboard only), relative to the repo. */
  readonly module: string | undefined;
  /** CPU time the process has used so far. */
  cpu(): Promise<CpuTime>;
  /** Sends `request` over IPC and resolves with the answer; one request of a type at a time. */
  ask(request: ServerRequest): Promise<Record<string, unknown>>;
  /** Closes the IPC channel (the server exits on it) and waits; kills it if it lingers. */
  stop(): Promise<void>;
}

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const CLK_TCK = clockTicksPerSecond();

/** utime and stime of `pid`, from `/proc/<pid>/stat` (fields 14 and 15, in clock ticks). */
export function procCpu(pid: number): CpuTime | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; field 3 follows the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      user: (Number(fields[11]) * 1e6) / CLK_TCK,
      system: (Number(fields[12]) * 1e6) / CLK_TCK,
    };
  } catch {
    return undefined;
  }
}

function ask(child: ChildProcess, request: ServerRequest): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (m?.type !== request.type) return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.send(request);
  });
}

/** Rejects after `ms` unless `promise` settles first; never keeps the process alive. */
function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function start(kind: ServerKind, tsconfig: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript, kind, '0'], {
    cwd: repoRoot,
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  exited.catch(() => {}); // an 'error' (spawn failed) is reported by the race below
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let ready: { port: number; module?: string };
  try {
    ready = await deadline(
      Promise.race([
        once(lines, 'line').then(([line]) => JSON.parse(String(line))),
        exited.then(([code]) => {
          throw new Error(`the ${kind} server exited with ${code} before listening`);
        }),
      ]),
      START_TIMEOUT_MS,
      `the ${kind} server did not listen`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const pid = child.pid as number;
  const viaProc = procCpu(pid) !== undefined;
  return {
    kind,
    port: ready.port,
    module:
      ready.module === undefined ? undefined : relative(repoRoot, fileURLToPath(ready.module)),
    async cpu() {
      if (viaProc) return procCpu(pid) as CpuTime;
      // Where there is no /proc: process.cpuUsage() of the server, asked over IPC.
      return (await ask(child, { type: 'cpu' })).usage as CpuTime;
    },
    ask: (request) => ask(child, request),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.disconnect();
      else child.kill('SIGTERM');
      await deadline(exited, STOP_TIMEOUT_MS, `the ${kind} server did not exit`).catch(() => {
        child.kill('SIGKILL');
      });
    },
  };
}

/** The servers that started, why the others did not, and how to stop them all. */
export interface Servers {
  readonly started: Map<ServerKind, ServerProcess>;
  readonly failed: Map<ServerKind, string>;
  stop(): Promise<void>;
}

/** Starts a server of each kind, in parallel. */
export async function startServers(kinds: readonly ServerKind[]): Promise<Servers> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  const tsconfig = join(dir, 'tsconfig.json');
  const compilerOptions = { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' };
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions }));
  const started = new Map<ServerKind, ServerProcess>();
  const failed = new Map<ServerKind, string>();
  await Promise.all(
    kinds.map(async (kind) => {
      try {
        started.set(kind, await start(kind, tsconfig));
      } catch (error) {
        failed.set(kind, (error as Error).message);
      }
    }),
  );
  return {
    started,
    failed,
    async stop() {
      await Promise.all([...started.values()].map((server) => server.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
