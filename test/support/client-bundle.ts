/**
 * switchboard/client bundled for the browser platform (no Node built-ins available), as the
 * global `Switchboard`, for tests that inject it into a Chromium page.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The IIFE text of the bundle. */
export async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [`${ROOT}src/client/index.ts`],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'Switchboard',
    tsconfig: `${ROOT}tsconfig.json`,
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  assert.ok(output, 'esbuild produced no bundle');
  return output.text;
}
