#!/usr/bin/env node
// Runs the test suite with node:test: every src/**/*.test.ts and test/**/*.test.ts, or only
// those under the paths given (`node scripts/test.js test/live src/sdp/parse.test.ts`).
// Arguments of the form `--flag=value` go to `node --test` (`--test-name-pattern=wrtc`).
//
// Live tests start Chromium and Node WebRTC stacks, which reach for outside hosts (Google
// STUN, DNS) on their own. As root, where `unshare` works, the whole run happens in a
// private network namespace holding only loopback. Elsewhere (or with SWITCHBOARD_NO_NETNS=1
// already set) it runs directly with SWITCHBOARD_NO_NETNS=1, which makes the Chromium
// launcher block name resolution instead (test/support/chromium.ts).

import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PATHS = ['src', 'test'];
const TEST_FILE_SUFFIX = '.test.ts';
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git']);

/** Test files at or under `path`, depth first, in name order. */
function testFilesUnder(path) {
  if (!statSync(path).isDirectory()) return path.endsWith(TEST_FILE_SUFFIX) ? [path] : [];
  const entries = readdirSync(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const child = join(path, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : testFilesUnder(child);
    return entry.isFile() && entry.name.endsWith(TEST_FILE_SUFFIX) ? [child] : [];
  });
}

function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** True when this process may create a network namespace and bring its loopback up. */
function canUseNetworkNamespace() {
  if (process.env.SWITCHBOARD_NO_NETNS === '1') return false;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0;
}

const args = process.argv.slice(2);
const nodeTestFlags = args.filter((arg) => arg.startsWith('--'));
const requested = args.filter((arg) => !arg.startsWith('--'));

const missing = requested.filter((path) => !exists(path));
if (missing.length > 0) {
  console.error(`test.js: no such path: ${missing.join(', ')}`);
  process.exit(2);
}
const roots = requested.length > 0 ? requested.map((path) => resolve(path)) : DEFAULT_PATHS;
const files = [
  ...new Set(
    roots
      .map((path) => resolve(ROOT, path))
      .filter(exists)
      .flatMap(testFilesUnder)
      .map((file) => relative(ROOT, file)),
  ),
];
if (files.length === 0) {
  console.error(`test.js: no *${TEST_FILE_SUFFIX} files under ${roots.join(', ')}`);
  process.exit(1);
}

const nodeArgs = ['--import', 'tsx', '--test', '--test-reporter=spec', ...nodeTestFlags, ...files];
const isolated = canUseNetworkNamespace();
const child = isolated
  ? // `sh` gets node and its arguments as "$0" "$@", so no file name is ever parsed by a shell.
    spawn(
      'unshare',
      ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...nodeArgs],
      { cwd: ROOT, stdio: 'inherit' },
    )
  : spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, SWITCHBOARD_NO_NETNS: '1' },
    });
console.error(
  `test.js: ${files.length} test file(s), ${
    isolated
      ? 'in a loopback-only network namespace'
      : 'without a network namespace (SWITCHBOARD_NO_NETNS=1: Chromium resolves no host names)'
  }`,
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`test.js: cannot start ${isolated ? 'unshare' : 'node'}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
});
