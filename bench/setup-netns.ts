/**
 * Keeps a benchmark that starts Chromium off the network, the way scripts/test.js keeps the
 * test suite off it: as root, where `unshare` works, the script runs again inside a private
 * network namespace holding only loopback; elsewhere it runs as it is, with
 * `SWITCHBOARD_NO_NETNS=1` set, which makes the Chromium launcher (test/support/chromium.ts)
 * block name resolution instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants, networkInterfaces } from 'node:os';

/** Set on the re-executed script, so that it never re-executes itself again. */
const REEXECUTED_ENV = 'SWITCHBOARD_BENCH_NETNS';

/** Where the script is running, as {@link enterLoopbackNamespace} found it. */
export type NetworkIsolation = 'namespace' | 'host-resolver-rules';

/** Names of this process's network interfaces, up or down (its namespace's, unlike /sys). */
function interfaceNames(): string[] {
  try {
    // Lines after the two header lines read `  lo: 1234 ...`.
    return readFileSync('/proc/self/net/dev', 'utf8')
      .split('\n')
      .slice(2)
      .map((line) => line.split(':')[0]?.trim() ?? '')
      .filter((name) => name !== '');
  } catch {
    return Object.keys(networkInterfaces());
  }
}

/** True when loopback is the only interface this process can reach anything through. */
function insideLoopbackNamespace(): boolean {
  const names = interfaceNames();
  return names.length > 0 && names.every((name) => name === 'lo');
}

/** True when this process may create a network namespace and bring its loopback up. */
function canUseNetworkNamespace(): boolean {
  if (process.env.SWITCHBOARD_NO_NETNS === '1') return false;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * Makes sure the rest of the script runs without a route off this machine. Returns the
 * isolation in force, or never returns: as root, outside a loopback-only namespace, it runs
 * this script again inside one (`unshare -n sh -c 'ip link set lo up && exec ...'`, the
 * command scripts/test.js uses) and exits with its status.
 */
export function enterLoopbackNamespace(): NetworkIsolation | Promise<never> {
  if (insideLoopbackNamespace()) return 'namespace';
  if (process.env[REEXECUTED_ENV] === '1' || !canUseNetworkNamespace()) {
    process.env.SWITCHBOARD_NO_NETNS = '1';
    return 'host-resolver-rules';
  }
  const script = process.argv[1];
  if (script === undefined) throw new Error('cannot re-execute: process.argv[1] is missing');
  // `sh` gets node and its arguments as "$0" "$@", so no argument is ever parsed by a shell.
  const nodeArgs = [...process.execArgv, script, ...process.argv.slice(2)];
  const child = spawn(
    'unshare',
    ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...nodeArgs],
    { stdio: 'inherit', env: { ...process.env, [REEXECUTED_ENV]: '1' } },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise<never>(() => {
    child.on('error', (error) => {
      console.error(`cannot start unshare: ${error.message}`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      process.exit(
        signal
          ? 128 + (constants.signals[signal as keyof typeof constants.signals] ?? 0)
          : (code ?? 1),
      );
    });
  });
}
