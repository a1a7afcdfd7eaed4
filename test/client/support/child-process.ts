/**
 * Runs a scenario in a child Node process and returns what it printed as JSON.
 *
 * WebRTC peers live in children: once an @roamhq/wrtc peer connection has applied media,
 * Node crashes (SIGSEGV) while tearing down at exit, and node:test counts a crashed test
 * file as failed. A child prints its result and leaves through `process.exit`, which skips
 * that teardown (see test/live/scenarios.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** Starts `node --import tsx <module> <scenario> <...args>` and parses its stdout as JSON. */
export async function runInChild(
  moduleUrl: string,
  scenario: string,
  args: readonly string[] = [],
  timeoutMs = 30_000,
): Promise<unknown> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), fileURLToPath(moduleUrl), scenario, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  const stderr = Buffer.concat(err).toString('utf8');
  if (code !== 0) {
    throw new Error(
      `scenario ${scenario} failed (${signal ?? `exit code ${code}`}${
        signal === 'SIGKILL' ? `, killed after ${timeoutMs} ms` : ''
      }):\n${stderr}`,
    );
  }
  return JSON.parse(Buffer.concat(out).toString('utf8'));
}

/**
 * In a scenario module: when this module is the process's entry, runs the scenario named by
 * argv[2] with the remaining arguments, prints its result as JSON and exits.
 */
export function serveScenarios(
  moduleUrl: string,
  scenarios: Record<string, (...args: string[]) => Promise<unknown>>,
): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const [name = '', ...args] = process.argv.slice(2);
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`no scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  scenario(...args).then(
    (result) => process.stdout.write(JSON.stringify(result ?? null), () => process.exit(0)),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
