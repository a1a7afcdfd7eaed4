import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where Debian puts Chromium (`apt-get install -y chromium`); `CHROMIUM_PATH` overrides it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Chromium flags that keep a headless run quiet, local and camera-free
 * (see WEBRTC-TESTING.md). `--headless` itself comes from Playwright's `headless: true`.
 */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these three Chromium calls Google hosts on startup.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Fake devices, and granted permissions so host candidates carry raw IPs, not mDNS names.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  // In a loopback-only network namespace Chromium gathers no candidates without this.
  '--allow-loopback-in-peer-connection',
]);

/**
 * Set by scripts/test.js when it cannot run the suite in a private network namespace; then
 * name resolution is the only thing standing between Chromium and the outside world.
 */
const NO_NETNS_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

const EMPTY_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>switchboard</title></head><body></body></html>';

/**
 * Esbuild (through tsx) wraps named inner functions in `__name(fn, 'fn')` calls. Playwright
 * ships a function's source into the page, where that helper does not exist; this stub
 * makes such functions run there unchanged.
 */
const NAME_HELPER_STUB = 'globalThis.__name = (fn) => fn;';

/** Returns the Chromium binary to launch, or throws naming how to install it. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with ` +
        '`apt-get install -y chromium` (Debian) or set CHROMIUM_PATH. ' +
        'Live tests fail rather than skip, since CI installs Chromium.',
    );
  }
  return path;
}

/** Launches headless Chromium with {@link CHROMIUM_ARGS}. The caller closes it. */
export async function launchChromium(): Promise<Browser> {
  const args = [...CHROMIUM_ARGS];
  if (process.env.SWITCHBOARD_NO_NETNS === '1') args.push(...NO_NETNS_ARGS);
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}

/** Serves an empty page on 127.0.0.1 (a secure context, so WebRTC and getUserMedia work). */
async function startPageServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(EMPTY_PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

async function stopPageServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Runs `fn` with a Chromium page opened on an empty page served from 127.0.0.1, then closes
 * the browser and the server whatever `fn` did.
 */
export async function withChromiumPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const { server, url } = await startPageServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext();
    await context.addInitScript(NAME_HELPER_STUB);
    const page = await context.newPage();
    await page.goto(url);
    return await fn(page);
  } finally {
    await browser?.close();
    await stopPageServer(server);
  }
}
