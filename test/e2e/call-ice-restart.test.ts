/**
 * ICE restart on the call page. With two pages connected, the UDP ports of their selected
 * candidate pair are turned into a black hole with `tc` (support/udp-blackhole.ts), so ICE
 * loses connectivity for real. The SDK restarts ICE that stays disconnected (its
 * `iceDisconnectedRestartMs`): fresh credentials in both local descriptions, a new candidate
 * pair on other ports, and media and chat flow again. The black hole is removed whatever
 * happens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { type CallPage, openCallPage, startApp, type TestApp } from './support/app.ts';
import {
  callLog,
  framesDecoded,
  negotiation,
  selectedPorts,
  sendChat,
  waitForChat,
  waitForPeers,
  waitForVideo,
} from './support/call-page.ts';
import {
  blackholeUdpPorts,
  blackholeUnavailable,
  type UdpBlackhole,
} from './support/udp-blackhole.ts';

/** The only peer's selected pair of `page`. */
async function onlyPair(page: Page): Promise<{ local: number; remote: number; protocol: string }> {
  const pairs = Object.values(await selectedPorts(page));
  assert.equal(pairs.length, 1, 'one selected candidate pair');
  return pairs[0] as { local: number; remote: number; protocol: string };
}

async function localUfrags(page: Page): Promise<string[]> {
  return Object.values(await negotiation(page)).flatMap((view) => view.localUfrags);
}

const skip = blackholeUnavailable();

describe('ICE restart on the call page', { timeout: 90_000, skip }, () => {
  const room = `ice-${Math.random().toString(36).slice(2, 8)}`;
  let app: TestApp;
  let browser: Browser;
  let alice: CallPage;
  let bob: CallPage;
  let blackhole: UdpBlackhole | undefined;

  before(async () => {
    app = await startApp();
    browser = await launchChromium();
    alice = await openCallPage(browser, app.url, { room, name: 'Alice' });
    bob = await openCallPage(browser, app.url, { room, name: 'Bob' });
    await Promise.all([waitForPeers(alice.page, 1), waitForPeers(bob.page, 1)]);
    await Promise.all([waitForVideo(alice.page, 1), waitForVideo(bob.page, 1)]);
  });
  after(async () => {
    await blackhole?.remove();
    await browser?.close();
    await app?.close();
  });

  test('a black-holed candidate pair is recovered by an ICE restart', async () => {
    const pages = [alice.page, bob.page];
    const pair = await onlyPair(alice.page);
    assert.equal(pair.protocol, 'udp');
    const mirrored = await onlyPair(bob.page);
    assert.deepEqual([mirrored.local, mirrored.remote], [pair.remote, pair.local]);
    const ufragsBefore = await Promise.all(pages.map(localUfrags));

    blackhole = await blackholeUdpPorts([pair.local, pair.remote]);
    // Connectivity goes: each page's tile leaves `connected`.
    await Promise.all(pages.map((page) => waitForPeers(page, 1, 'connecting', 20_000)));
    // ...and comes back through a restart on other ports, the old ones still dropped.
    await Promise.all(pages.map((page) => waitForPeers(page, 1, 'connected', 40_000)));

    // The SDK restarted ICE (new ufrags below); the page's own watchdog is for connections
    // that never came up, and stayed quiet.
    const logs = await Promise.all(pages.map(callLog));
    assert.ok(
      logs.every((log) => !log.some((entry) => entry.startsWith('ice-restart:'))),
      `a page restarted ICE itself: ${JSON.stringify(logs)}`,
    );
    for (const [i, page] of pages.entries()) {
      const ufrags = await localUfrags(page);
      assert.ok(ufrags.length > 0);
      assert.ok(
        ufrags.every((u) => !ufragsBefore[i]?.includes(u)),
        `ufrag ${ufrags} should differ from ${ufragsBefore[i]}`,
      );
      const now = await onlyPair(page);
      assert.ok(
        !blackhole.ports.includes(now.local) && !blackhole.ports.includes(now.remote),
        `the new pair ${now.local}<->${now.remote} avoids the dropped ports ${blackhole.ports}`,
      );
    }

    const frames = await Promise.all(pages.map(framesDecoded));
    await Promise.all(pages.map((page, i) => waitForVideo(page, 1, frames[i], 20_000)));
    await sendChat(bob.page, 'still there?');
    await waitForChat(alice.page, 'still there?');
    await sendChat(alice.page, 'yes, after the restart');
    await waitForChat(bob.page, 'yes, after the restart');
  });

  test('logs no console errors', () => {
    assert.deepEqual(alice.consoleErrors, []);
    assert.deepEqual(bob.consoleErrors, []);
  });
});
