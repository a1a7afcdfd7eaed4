/**
 * The built web app for browser tests: `dist/web/` when it is at least as new as every
 * source it is built from (web/, src/ and the build script), else a fresh build of this process's own in a
 * temporary directory, so that a test never runs against stale pages and parallel test
 * files never write into the same directory.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from '../../../scripts/build-web.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST_WEB = join(ROOT, 'dist', 'web');
const SOURCES = [join(ROOT, 'web'), join(ROOT, 'src'), join(ROOT, 'scripts', 'build-web.ts')];

/** The newest modification time (ms) of `path` or any file under it. */
function newestUnder(dir: string): number {
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** True when dist/web exists and no source is newer than its call page. */
export function distWebIsFresh(): boolean {
  const index = join(DIST_WEB, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((dir) => !existsSync(dir) || newestUnder(dir) <= built);
}

let root: Promise<string> | undefined;

/** The directory to serve the web app from; builds it (once per process) when needed. */
export function webRoot(): Promise<string> {
  root ??= (async () => {
    if (distWebIsFresh()) return DIST_WEB;
    const outDir = mkdtempSync(join(tmpdir(), 'switchboard-web-build-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await buildWeb({ outDir });
    return outDir;
  })();
  return root;
}
