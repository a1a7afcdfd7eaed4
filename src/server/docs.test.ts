/**
 * docs/server.md documents the options of `createSignalingServer`: its defaults table must
 * hold every default of `DEFAULTS`, as it is, so the page cannot drift from the code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULTS, resolveOptions, type SignalingServerOptions } from './options.ts';

const DOCS = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');

/** `DEFAULTS` as dotted option names (`rooms.maxPeers`) and their values. */
function flatten(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, v]): [string, unknown][] =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? flatten(v, `${prefix}${key}.`)
      : [[`${prefix}${key}`, v]],
  );
}

/** The rows of the options table: option name, default cell. */
const rows = new Map(
  [...DOCS.matchAll(/^\| `([a-zA-Z.]+)` +\| (.+?) +\| .+ \|$/gm)].map((m) => [m[1]!, m[2]!]),
);

for (const [option, value] of flatten(DEFAULTS)) {
  test(`docs/server.md gives ${option} its default, ${JSON.stringify(value)}`, () => {
    assert.ok(rows.has(option), `no row for ${option}`);
    assert.equal(rows.get(option), `\`${JSON.stringify(value)}\``);
  });
}

test('docs/server.md lists only options that createSignalingServer takes', () => {
  assert.ok(rows.size >= flatten(DEFAULTS).length);
  for (const option of rows.keys()) {
    // The option set to undefined, which means "the default": only an unknown name throws.
    const [group, key] = option.split('.') as [string, string | undefined];
    const options = { port: 0, [group]: key === undefined ? undefined : { [key]: undefined } };
    try {
      resolveOptions(options as SignalingServerOptions);
    } catch (error) {
      assert.doesNotMatch((error as Error).message, /is not an option/, option);
    }
  }
});
