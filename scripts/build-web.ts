#!/usr/bin/env node
/**
 * Builds the web app (web/) for production with esbuild: one page per directory of
 * web/pages/ holding an `index.html` and a `main.ts`. Scripts and styles are bundled,
 * minified and written under `assets/` with content hashes in their names (shared code goes
 * to hashed chunks); each page's HTML is its template with the `./main.ts` script tag
 * pointing at the hashed bundle and its stylesheet linked.
 *
 * Output (default `dist/web/`): the `call` page at `index.html`, every other page at
 * `<name>/index.html`, which `switchboard serve` serves at `/` and `/<name>`.
 *
 *   node --import tsx scripts/build-web.ts [outDir]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The page served at `/`; every other page is served at `/<name>`. */
export const ROOT_PAGE = 'call';

/** Browsers the bundles are written for: those with WebRTC's current API surface. */
const TARGETS = ['es2022', 'chrome110', 'edge110', 'firefox115', 'safari16'];

/** Options of {@link buildWeb}. */
export interface BuildWebOptions {
  /** The web app's sources. Default `web/`. */
  webDir?: string;
  /** Where the site goes; emptied first. Default `dist/web/`. */
  outDir?: string;
  /** Minify scripts, styles and HTML. Default true. */
  minify?: boolean;
}

/** One built page and what it loads. */
export interface BuiltPage {
  /** The directory name under web/pages/. */
  name: string;
  /** The URL path it is served at. */
  path: string;
  /** Its HTML file, relative to the output directory. */
  html: string;
  /**
   * Bytes of the page's script with every chunk it imports, of its stylesheet and of its
   * HTML; `gzip` adds them up compressed, as a server that compresses would send them.
   */
  bytes: { js: number; css: number; html: number; gzip: number };
}

/** The result of {@link buildWeb}. */
export interface BuildWebResult {
  outDir: string;
  pages: BuiltPage[];
}

/** The page directories under `pagesDir`: those with both `index.html` and `main.ts`. */
export function findPages(pagesDir: string): string[] {
  if (!existsSync(pagesDir)) return [];
  return readdirSync(pagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter(
      (name) =>
        existsSync(join(pagesDir, name, 'index.html')) &&
        existsSync(join(pagesDir, name, 'main.ts')),
    )
    .sort();
}

/** Where a page's HTML goes, relative to the output directory, and the path it is served at. */
export function pageLocation(name: string): { html: string; path: string } {
  return name === ROOT_PAGE
    ? { html: 'index.html', path: '/' }
    : { html: `${name}/index.html`, path: `/${name}` };
}

const SCRIPT_TAG = /<script\b[^>]*\bsrc=["']\.\/main\.ts["'][^>]*>\s*<\/script>/;

/**
 * A page's HTML from its template: the `<script src="./main.ts">` tag replaced by the hashed
 * bundle, its stylesheet and chunk preloads added to the head; with `minify`, comments and
 * indentation dropped.
 */
export function renderPageHtml(
  template: string,
  assets: { script: string; styles: readonly string[]; preloads: readonly string[] },
  minify: boolean,
): string {
  if (!SCRIPT_TAG.test(template)) {
    throw new Error('the page template has no <script type="module" src="./main.ts"></script>');
  }
  const head = [
    ...assets.styles.map((href) => `<link rel="stylesheet" href="${href}">`),
    ...assets.preloads.map((href) => `<link rel="modulepreload" href="${href}">`),
  ].join('\n');
  let html = template
    .replace(SCRIPT_TAG, `<script type="module" src="${assets.script}"></script>`)
    .replace('</head>', `${head}\n</head>`);
  if (minify) {
    html = html
      .replace(/<!--[\s\S]*?-->/g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
  }
  return `${html.trimEnd()}\n`;
}

/** Every chunk `file` imports statically, transitively (outputs relative to the cwd). */
function staticImports(metafile: Metafile, file: string, seen = new Set<string>()): Set<string> {
  for (const imported of metafile.outputs[file]?.imports ?? []) {
    if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) {
      continue;
    }
    seen.add(imported.path);
    staticImports(metafile, imported.path, seen);
  }
  return seen;
}

/** Builds every page of `webDir` into `outDir` (emptied first). */
export async function buildWeb(options: BuildWebOptions = {}): Promise<BuildWebResult> {
  const webDir = resolve(options.webDir ?? join(ROOT, 'web'));
  const outDir = resolve(options.outDir ?? join(ROOT, 'dist', 'web'));
  const minify = options.minify ?? true;
  const pagesDir = join(webDir, 'pages');
  const names = findPages(pagesDir);
  if (names.length === 0) throw new Error(`no pages (index.html + main.ts) under ${pagesDir}`);

  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(names.map((name) => [name, join(pagesDir, name, 'main.ts')])),
    outdir: outDir,
    entryNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/chunk-[hash]',
    assetNames: 'assets/[name]-[hash]',
    publicPath: '/',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: TARGETS,
    minify,
    legalComments: 'none',
    charset: 'utf8',
    ...(existsSync(join(webDir, 'tsconfig.json'))
      ? { tsconfig: join(webDir, 'tsconfig.json') }
      : {}),
    loader: { '.svg': 'file', '.png': 'file', '.woff2': 'file' },
    metafile: true,
    logLevel: 'warning',
  });

  const pages: BuiltPage[] = [];
  const outputs = Object.entries(result.metafile.outputs);
  for (const name of names) {
    const entry = relative(ROOT, join(pagesDir, name, 'main.ts'));
    const found = outputs.find(([, output]) => output.entryPoint === entry);
    if (!found) throw new Error(`esbuild produced no bundle for ${entry}`);
    const [file, output] = found;
    const url = (path: string) => `/${relative(outDir, resolve(ROOT, path)).split('\\').join('/')}`;
    const chunks = [...staticImports(result.metafile, file)];
    const styles = output.cssBundle === undefined ? [] : [output.cssBundle];
    const location = pageLocation(name);
    const template = readFileSync(join(pagesDir, name, 'index.html'), 'utf8');
    const html = renderPageHtml(
      template,
      { script: url(file), styles: styles.map(url), preloads: chunks.map(url) },
      minify,
    );
    const htmlPath = join(outDir, location.html);
    mkdirSync(dirname(htmlPath), { recursive: true });
    writeFileSync(htmlPath, html);
    const size = (path: string) => result.metafile.outputs[path]?.bytes ?? 0;
    const gzipped = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
    const gzip = [file, ...chunks, ...styles].reduce(
      (sum, path) => sum + gzipped(readFileSync(resolve(ROOT, path))),
      gzipped(html),
    );
    pages.push({
      name,
      path: location.path,
      html: location.html,
      bytes: {
        js: [file, ...chunks].reduce((sum, path) => sum + size(path), 0),
        css: styles.reduce((sum, path) => sum + size(path), 0),
        html: Buffer.byteLength(html),
        gzip,
      },
    });
  }
  return { outDir, pages };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  buildWeb(outDir === undefined ? {} : { outDir })
    .then(({ outDir: dir, pages }) => {
      for (const page of pages) {
        console.log(
          `build-web: ${page.path.padEnd(12)} js ${kb(page.bytes.js)}, css ${kb(page.bytes.css)}, html ${kb(page.bytes.html)} (${kb(page.bytes.gzip)} gzipped)`,
        );
      }
      console.log(`build-web: ${pages.length} page(s) in ${relative(process.cwd(), dir) || '.'}`);
    })
    .catch((error: unknown) => {
      console.error(`build-web: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
