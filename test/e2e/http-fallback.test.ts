/**
 * The call page in Chromium where WebSockets cannot be used: the page's WebSocket is removed,
 * or throws, before any script of the page runs. Two pages still meet in a room over the HTTP
 * fallback (Server-Sent Events down, POSTs up), decode each other's video and chat both
 * ways; the server counts their connections as `http`, and no page logs a console error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import {
  type CallPage,
  DESKTOP_VIEWPORT,
  openCallPage,
  startApp,
  type TestApp,
} from './support/app.ts';
import { sendChat, waitForChat, waitForPeers, waitForVideo } from './support/call-page.ts';

/** [case, an init script that takes the page's WebSocket away, `typeof WebSocket` after it]. */
const NO_WEBSOCKET: [string, () => void, string][] = [
  [
    'no WebSocket in the page',
    () => {
      delete (window as { WebSocket?: unknown }).WebSocket;
    },
    'undefined',
  ],
  [
    'a WebSocket that throws',
    () => {
      (window as { WebSocket?: unknown }).WebSocket = class {
        constructor() {
          throw new DOMException('WebSockets are blocked here', 'SecurityError');
        }
      };
    },
    'function',
  ],
];

/** The transport the page's signaling client uses. */
function transportOf(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (window.switchboardCall?.client as { transport?: string } | undefined)?.transport,
  );
}

/** Waits until the server counts `expected` open connections by transport. */
async function connectionsBecome(app: TestApp, expected: Record<string, number>): Promise<void> {
  const metric = app.server.metrics.registry.getSingleMetric('switchboard_connections');
  assert.ok(metric, 'no switchboard_connections metric');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { values } = await metric.get();
    const counts = Object.fromEntries(values.map((v) => [String(v.labels.transport), v.value]));
    try {
      assert.deepEqual(counts, expected);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the call page over the HTTP fallback', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startApp();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [what, script, type] of NO_WEBSOCKET) {
    test(`${what}: two pages connect a call, with video and chat both ways`, async () => {
      const room = `fallback-${Math.random().toString(36).slice(2, 8)}`;
      const pages: CallPage[] = [];
      try {
        for (const name of ['Alice', 'Bob']) {
          const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
          await context.addInitScript(script);
          pages.push(await openCallPage(context, app.url, { room, name }));
        }
        const [alice, bob] = pages as [CallPage, CallPage];
        assert.equal(await alice.page.evaluate(() => typeof WebSocket), type);
        await Promise.all([waitForPeers(alice.page, 1), waitForPeers(bob.page, 1)]);
        assert.deepEqual(
          [await transportOf(alice.page), await transportOf(bob.page)],
          ['http', 'http'],
        );
        await connectionsBecome(app, { websocket: 0, http: 2 });
        const frames = await Promise.all([waitForVideo(alice.page, 1), waitForVideo(bob.page, 1)]);
        for (const seen of frames) {
          assert.ok(
            Object.values(seen).every((n) => n > 0),
            JSON.stringify(frames),
          );
        }
        await sendChat(alice.page, 'Hello over SSE and POST');
        await waitForChat(bob.page, 'Hello over SSE and POST');
        await sendChat(bob.page, 'Loud and clear, no WebSocket needed');
        await waitForChat(alice.page, 'Loud and clear, no WebSocket needed');
        assert.deepEqual([...alice.consoleErrors, ...bob.consoleErrors], []);
      } finally {
        for (const page of pages) await page.context.close();
      }
    });
  }
});
