/**
 * The Switchboard web app for browser end-to-end tests: the same app server `switchboard
 * serve` runs (signaling on `/v1/ws` plus the built pages), in-process on 127.0.0.1 port 0,
 * and call pages opened in Chromium with their console errors collected.
 *
 * @example
 * ```ts
 * const app = await startApp();                       // builds the web app when needed
 * const browser = await launchChromium();             // test/support/chromium.ts
 * const alice = await openCallPage(browser, app.url, { room: 'r1', name: 'Alice' });
 * const bob = await openCallPage(browser, app.url, { room: 'r1', name: 'Bob' });
 * await waitForPeers(alice.page, 1);                  // call-page.ts
 * app.tap.cut(await sessionOf(bob.page));             // drop Bob's signaling socket
 * ...
 * assert.deepEqual(alice.consoleErrors, []);
 * await browser.close();
 * await app.close();
 * ```
 *
 * Run browser tests through `node scripts/test.js test/e2e/...`, which puts them in a
 * network namespace holding only loopback.
 */
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SignalingServer, SignalingServerOptions } from 'switchboard/server';
import { startAppServer } from '../../../src/cli/app-server.ts';
import { createSignalingTap, type SignalingTap } from './signaling-tap.ts';
import { webRoot } from './web-build.ts';

export {
  isDescription,
  type ServerFrame,
  type SignalingTap,
  type TappedSocket,
} from './signaling-tap.ts';

/** Server options of {@link startApp}: anything but where it listens (`turn`, `rooms`, `auth`...). */
export type StartAppOptions = Omit<SignalingServerOptions, 'port' | 'host' | 'server'>;

/** A running app. */
export interface TestApp {
  /** `http://127.0.0.1:<port>`: the call page is at `${url}/`. */
  readonly url: string;
  /** The signaling server (its adapter, metrics, connection count). */
  readonly server: SignalingServer;
  /** The HTTP server under it. */
  readonly http: Server;
  /** Watches the signaling sockets; cuts a session's socket now or before a chosen message. */
  readonly tap: SignalingTap;
  /** Drains and stops the server. Close the browsers first, so the drain is short. */
  close(): Promise<void>;
}

/**
 * Starts the signaling server and the web app on 127.0.0.1, port 0. The web app is
 * `dist/web` when it is up to date, else built first (web-build.ts). Logging is off unless
 * `options.logger` says otherwise.
 */
export async function startApp(options: StartAppOptions = {}): Promise<TestApp> {
  const root = await webRoot();
  const app = await startAppServer({ logger: false, ...options, port: 0, host: '127.0.0.1' }, root);
  const tap = createSignalingTap(app.http);
  return {
    url: app.url,
    server: app.signaling,
    http: app.http,
    tap,
    async close() {
      tap.stop();
      await app.close();
    },
  };
}

/** The URL parameters of the call page (web/pages/call/params.ts). */
export interface CallPageParams {
  room?: string;
  name?: string;
  /** Join at once. Default true. */
  autojoin?: boolean;
  /** Default `fake`: Chromium's fake camera and microphone, at a small size. */
  media?: 'camera' | 'fake' | 'none';
  /** `relay`: relay (TURN) candidates only. */
  ice?: 'relay';
  /** Put in the URL fragment (`#token=`), as a real invitation link would. */
  token?: string;
}

/** A call page in its own browser context. */
export interface CallPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions of the page so far (`text (url:line)`). */
  readonly consoleErrors: string[];
  /** Closes the page's context (which leaves the call the way closing a tab does). */
  close(): Promise<void>;
}

/** Viewport of new call pages: the desktop screenshot's size. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

/**
 * Esbuild (through tsx) wraps named inner functions of test code in `__name(fn, 'fn')`;
 * functions shipped to the page through `evaluate` need a stand-in there.
 */
const NAME_HELPER_STUB = 'globalThis.__name = (fn) => fn;';

/** The call page URL for `params`. */
export function callPageUrl(url: string, params: CallPageParams = {}): string {
  const query = new URLSearchParams();
  if (params.room !== undefined) query.set('room', params.room);
  if (params.name !== undefined) query.set('name', params.name);
  if (params.autojoin ?? true) query.set('autojoin', '1');
  query.set('media', params.media ?? 'fake');
  if (params.ice !== undefined) query.set('ice', params.ice);
  const hash = params.token === undefined ? '' : `#token=${encodeURIComponent(params.token)}`;
  return `${url}/?${query.toString()}${hash}`;
}

/**
 * Opens the call page in a new context of `target` (a Browser), or a new page of it (a
 * BrowserContext), and collects its console errors. Resolves once the page has loaded.
 */
export async function openCallPage(
  target: Browser | BrowserContext,
  url: string,
  params: CallPageParams = {},
): Promise<CallPage> {
  const ownContext = 'newContext' in target;
  const context = ownContext ? await target.newContext({ viewport: DESKTOP_VIEWPORT }) : target;
  await context.addInitScript(NAME_HELPER_STUB);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url: where, lineNumber } = message.location();
    consoleErrors.push(`${message.text()} (${where}:${lineNumber})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(callPageUrl(url, params), { waitUntil: 'load' });
  return {
    page,
    context,
    consoleErrors,
    close: () => (ownContext ? context.close() : page.close()),
  };
}
