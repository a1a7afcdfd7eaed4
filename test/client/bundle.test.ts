/**
 * switchboard/client as a browser bundle: esbuild bundles src/client/index.ts (minified, for
 * browsers) the way an application would. The wire validators are generated at build time,
 * so the bundle holds no ajv (its compiler alone is over 100 kB minified) and compiles no
 * code at run time: a page can run it under a Content-Security-Policy without `unsafe-eval`.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** The most the minified bundle may weigh: the size measured when it was set, plus ~12%. */
const BUDGET_KB = 125;
/** Packages that compile validators at run time; none of their files may be bundled. */
const COMPILERS = ['ajv', 'fast-uri', 'json-schema-traverse', 'fast-deep-equal'];

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
let code = '';
let inputs: string[] = [];
/** The inputs that left code in the bundle (esbuild also lists those it read and dropped). */
let shipped: string[] = [];

before(async () => {
  const result = await build({
    entryPoints: [root('src/client/index.ts')],
    tsconfig: root('tsconfig.json'),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  code = result.outputFiles[0]!.text;
  const metafile = result.metafile as Metafile;
  inputs = Object.keys(metafile.inputs);
  shipped = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, used]) => used.bytesInOutput > 0)
      .map(([input]) => input),
  );
});

test('the bundle holds the generated validators and no validator compiler', () => {
  assert.ok(inputs.some((input) => input.endsWith('src/protocol/generated/validators.ts')));
  for (const name of COMPILERS) {
    const found = inputs.filter((input) => input.includes(`node_modules/${name}/`));
    assert.deepEqual(found, [], `${name} is bundled`);
  }
});

// package.json declares the package's modules free of side effects, so the schemas that
// only the validator generator and docs read (TypeBox builds them at import) stay out.
test('the bundle leaves out TypeBox', () => {
  const found = shipped.filter((input) => input.includes('node_modules/@sinclair/typebox/'));
  assert.deepEqual(found, [], 'TypeBox is bundled');
});

test('the bundle compiles no code at run time', () => {
  for (const pattern of [/\bnew Function\b/, /\bFunction\(/, /\beval\(/]) {
    const match = pattern.exec(code);
    const context = match === null ? '' : code.slice(match.index - 80, match.index + 80);
    assert.equal(match, null, `${pattern} in the bundle: ...${context}...`);
  }
});

test(`the minified bundle weighs at most ${BUDGET_KB} kB`, (t) => {
  const kb = Buffer.byteLength(code) / 1024;
  t.diagnostic(`${kb.toFixed(1)} kB`);
  assert.ok(kb <= BUDGET_KB, `${kb.toFixed(1)} kB`);
});
