/**
 * Serves the built web app (`dist/web/`, see scripts/build-web.ts) over HTTP: `/` and each
 * page's directory (`/tutorial`) answer with their `index.html`, other paths with the file
 * they name. Hashed assets (`/assets/name-HASH.js`) are cached for a year as immutable;
 * everything else is revalidated (`no-cache` with an ETag). Paths are decoded once and
 * checked segment by segment, and the file's real path must stay under the root, so no
 * request reads outside it (`..`, encoded slashes, dotfiles and symlinks out are refused).
 *
 * When the root has no `index.html` (the app was never built), the page paths answer 503
 * with a short page saying how to build it; the signaling server keeps working regardless.
 */
import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

/** Content types by file extension; other files are `application/octet-stream`. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
});

/** Cache-Control of hashed assets: their name changes with their content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of everything else: keep, but ask again (the ETag makes that cheap). */
export const REVALIDATE = 'no-cache';

/** Paths answered with the how-to-build page when the app is not built. */
const PAGE_PATH = /^\/[a-z0-9-]*\/?$/;
/** esbuild's `[name]-[hash]` names: an 8-character base32 hash before the extension. */
const HASHED_ASSET = /^\/assets\/(?:[^/]+-)?[A-Z0-9]{8}\.[a-z0-9]+$/;

/** Where a request path leads: a path relative to the root, or why it leads nowhere. */
export type WebPathResult = { ok: true; path: string } | { ok: false; status: 400 | 404 };

/**
 * Turns the path of a request URL (query string allowed) into a path relative to the root,
 * `''` for the root itself. Refuses what does not decode (400) and any segment that is
 * empty, `.`, `..` or a dotfile, holds a slash or backslash once decoded, or a NUL (404).
 */
export function resolveWebPath(url: string): WebPathResult {
  const raw = url.split(/[?#]/, 1)[0] ?? '';
  if (!raw.startsWith('/')) return { ok: false, status: 400 };
  const segments = raw.slice(1).split('/');
  // One trailing slash names a directory; any other empty segment (`//`) is refused.
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const decoded: string[] = [];
  for (const segment of segments) {
    let text: string;
    try {
      text = decodeURIComponent(segment);
    } catch {
      return { ok: false, status: 400 };
    }
    if (text === '' && segments.length === 1) break; // The root.
    if (text === '' || text.startsWith('.') || /[/\\\0]/.test(text)) {
      return { ok: false, status: 404 };
    }
    decoded.push(text);
  }
  return { ok: true, path: decoded.join('/') };
}

/** The Cache-Control header of a request path. */
export function cacheControl(pathname: string): string {
  return HASHED_ASSET.test(pathname) ? IMMUTABLE : REVALIDATE;
}

function etag(info: Stats): string {
  return `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
}

const BASE_HEADERS = { 'x-content-type-options': 'nosniff' };
const HTML_HEADERS = {
  ...BASE_HEADERS,
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function page(res: ServerResponse, head: boolean, status: number, title: string, body: string) {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${title}</h1>${body}</body></html>`;
  res.writeHead(status, {
    ...HTML_HEADERS,
    'content-type': CONTENT_TYPES['.html'] as string,
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  });
  res.end(head ? undefined : html);
}

/** Options of {@link createWebHandler}. */
export interface WebHandlerOptions {
  /** The directory holding the built app (`index.html`, `assets/`, one directory per page). */
  root: string;
}

/** Answers a request from the web app; it always answers (404 when nothing matches). */
export type WebHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Creates the handler serving the app built into `root`. */
export function createWebHandler(options: WebHandlerOptions): WebHandler {
  const { root } = options;
  let realRoot: Promise<string> | undefined;

  async function locate(relative: string): Promise<{ file: string; info: Stats } | undefined> {
    realRoot ??= realpath(root).catch((error: unknown) => {
      realRoot = undefined; // Built later: look again next time.
      throw error;
    });
    const base = await realRoot;
    let file = join(base, relative);
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return undefined;
    const real = await realpath(file);
    return real.startsWith(base + sep) ? { file: real, info } : undefined;
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { ...BASE_HEADERS, allow: 'GET, HEAD', 'content-length': 0 });
      res.end();
      return;
    }
    const url = req.url ?? '/';
    const pathname = url.split(/[?#]/, 1)[0] ?? '/';
    const resolved = resolveWebPath(url);
    if (!resolved.ok) {
      page(res, head, resolved.status, resolved.status === 400 ? 'Bad request' : 'Not found', '');
      return;
    }
    const found = await locate(resolved.path).catch(() => undefined);
    if (found === undefined) {
      const built = await stat(join(root, 'index.html')).then(
        (info) => info.isFile(),
        () => false,
      );
      if (!built && PAGE_PATH.test(pathname)) {
        page(
          res,
          head,
          503,
          'The web app is not built yet',
          '<p>This Switchboard server has no web app to serve. In its checkout, build it with</p><pre>npm run build</pre><p>(or <code>npm start</code>, which builds and serves) and reload this page. The signaling WebSocket at <code>/v1/ws</code> works either way.</p>',
        );
      } else {
        page(res, head, 404, 'Not found', '<p><a href="/">Open the call page</a></p>');
      }
      return;
    }
    const { file, info } = found;
    const tag = etag(info);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers = {
      ...(type.startsWith('text/html') ? HTML_HEADERS : BASE_HEADERS),
      'content-type': type,
      'cache-control': cacheControl(pathname),
      etag: tag,
    };
    if (req.headers['if-none-match'] === tag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const body = head ? undefined : await readFile(file);
    res.writeHead(200, { ...headers, 'content-length': body?.length ?? info.size });
    res.end(body);
  }

  return (req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { ...BASE_HEADERS, 'content-length': 0 });
      }
      res.end();
    });
  };
}
