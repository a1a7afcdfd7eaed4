/**
 * The web app's production build (scripts/build-web.ts): the HTML rewriting as a table,
 * then a real esbuild run over a small site in a temporary directory.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type BuildWebResult,
  buildWeb,
  findPages,
  pageLocation,
  renderPageHtml,
} from '../../scripts/build-web.ts';

const TEMPLATE = `<!doctype html>
<html>
  <head>
    <!-- a comment -->
    <title>x</title>
    <script type="module" src="./main.ts"></script>
  </head>
  <body>
    <p>text</p>
  </body>
</html>
`;

describe('renderPageHtml', () => {
  const assets = {
    script: '/assets/call-AAAAAAAA.js',
    styles: ['/assets/call-BBBBBBBB.css'],
    preloads: ['/assets/chunk-CCCCCCCC.js'],
  };

  test('points the script tag at the bundle and links its stylesheet and chunks', () => {
    const html = renderPageHtml(TEMPLATE, assets, false);
    assert.match(html, /<script type="module" src="\/assets\/call-AAAAAAAA\.js"><\/script>/);
    assert.doesNotMatch(html, /main\.ts/);
    assert.match(
      html,
      /<link rel="stylesheet" href="\/assets\/call-BBBBBBBB\.css">\n<link rel="modulepreload" href="\/assets\/chunk-CCCCCCCC\.js">\n<\/head>/,
    );
    assert.match(html, /<!-- a comment -->/);
  });

  test('minified: no comments, no indentation, no blank lines', () => {
    const html = renderPageHtml(TEMPLATE, assets, true);
    assert.doesNotMatch(html, /<!--|^\s+\S|\n\n/m);
    assert.match(html, /^<!doctype html>\n<html>\n<head>\n<title>x<\/title>/);
    assert.match(html, /<p>text<\/p>/);
  });

  const templates: [name: string, template: string, ok: boolean][] = [
    ['single quotes', `<head><script type='module' src='./main.ts'></script></head>`, true],
    ['src before type', '<head><script src="./main.ts" type="module"></script></head>', true],
    ['another script', '<head><script type="module" src="./app.ts"></script></head>', false],
    ['no script', '<head></head>', false],
  ];
  for (const [name, template, ok] of templates) {
    test(`a template with ${name} ${ok ? 'is rewritten' : 'is refused'}`, () => {
      if (ok) assert.match(renderPageHtml(template, assets, true), /call-AAAAAAAA/);
      else assert.throws(() => renderPageHtml(template, assets, true), /main\.ts/);
    });
  }
});

describe('pageLocation', () => {
  const cases: [name: string, html: string, path: string][] = [
    ['call', 'index.html', '/'],
    ['tutorial', 'tutorial/index.html', '/tutorial'],
    ['inspector', 'inspector/index.html', '/inspector'],
  ];
  for (const [name, html, path] of cases) {
    test(`${name} -> ${html}, served at ${path}`, () => {
      assert.deepEqual(pageLocation(name), { html, path });
    });
  }
});

describe('buildWeb', () => {
  let dir: string;
  let result: BuildWebResult;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-build-web-'));
    const web = join(dir, 'web');
    const page = (name: string, body: string) => {
      mkdirSync(join(web, 'pages', name), { recursive: true });
      writeFileSync(join(web, 'pages', name, 'index.html'), TEMPLATE);
      writeFileSync(join(web, 'pages', name, 'main.ts'), body);
    };
    mkdirSync(join(web, 'shared'), { recursive: true });
    writeFileSync(join(web, 'shared', 'base.css'), 'body {\n  margin: 0;\n  color: red;\n}\n');
    writeFileSync(
      join(web, 'shared', 'greet.ts'),
      "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n",
    );
    page(
      'call',
      "import '../../shared/base.css';\nimport { greet } from '../../shared/greet.ts';\ndocument.title = greet('call');\n",
    );
    page(
      'tutorial',
      "import { greet } from '../../shared/greet.ts';\ndocument.title = greet('tutorial');\n",
    );
    // Not a page: no main.ts.
    mkdirSync(join(web, 'pages', 'draft'), { recursive: true });
    writeFileSync(join(web, 'pages', 'draft', 'index.html'), TEMPLATE);
    result = await buildWeb({ webDir: web, outDir: join(dir, 'out') });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('finds only directories with index.html and main.ts', () => {
    assert.deepEqual(findPages(join(dir, 'web', 'pages')), ['call', 'tutorial']);
    assert.deepEqual(
      result.pages.map((p) => [p.name, p.path, p.html]),
      [
        ['call', '/', 'index.html'],
        ['tutorial', '/tutorial', 'tutorial/index.html'],
      ],
    );
  });

  test('writes each page with hashed, existing, minified assets', () => {
    for (const page of result.pages) {
      const html = readFileSync(join(result.outDir, page.html), 'utf8');
      const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
      assert.ok(refs.length >= 2, `${page.name}: ${refs}`);
      for (const ref of refs) {
        assert.match(ref, /^\/assets\/[a-z]+-[A-Z0-9]{8}\.(js|css)$/);
        const file = join(result.outDir, ref);
        assert.ok(existsSync(file), ref);
        assert.doesNotMatch(readFileSync(file, 'utf8'), /\n {2}/, `${ref} is minified`);
      }
      assert.ok(page.bytes.js > 0 && page.bytes.html > 0 && page.bytes.gzip > 0);
    }
    const call = result.pages.find((p) => p.name === 'call');
    assert.ok(call && call.bytes.css > 0, 'the call page has its stylesheet');
  });

  test('shares common code through a chunk both pages preload', () => {
    const preloads = result.pages.map((page) =>
      [
        ...readFileSync(join(result.outDir, page.html), 'utf8').matchAll(
          /modulepreload" href="([^"]+)"/g,
        ),
      ].map((m) => m[1]),
    );
    assert.equal(preloads[0]?.length, 1);
    assert.deepEqual(preloads[0], preloads[1]);
  });

  test('empties the output directory first', async () => {
    writeFileSync(join(result.outDir, 'stale.txt'), 'old');
    await buildWeb({ webDir: join(dir, 'web'), outDir: result.outDir });
    assert.equal(existsSync(join(result.outDir, 'stale.txt')), false);
  });

  test('refuses a web directory without pages', async () => {
    await assert.rejects(
      buildWeb({ webDir: join(dir, 'nothing'), outDir: join(dir, 'out2') }),
      /no pages/,
    );
  });
});
