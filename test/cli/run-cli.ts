/**
 * Runs the `switchboard` command as users do, `node bin/switchboard.js` over the built
 * dist (the test script builds first), for the CLI tests beside this file.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));
const CORPUS = new URL('../../../shared/sdp-corpus/', import.meta.url);

/** Absolute path of a file of the shared SDP corpus. */
export function corpus(name: string): string {
  return fileURLToPath(new URL(name, CORPUS));
}

/** What one run of the command left behind. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion with `args`; `input` is piped to stdin. */
export function run(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: input ?? '',
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
