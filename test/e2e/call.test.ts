/**
 * The call page end to end in Chromium: two pages meet in a room through the real server,
 * each decodes the other's (fake camera) video and chats over the data channel both ways;
 * the tiles show a host candidate pair and an RTT; a third page makes a mesh of three. No
 * page logs a console error. Along the way the suite writes the README's screenshots of the
 * page with two connected peers (docs/screenshots/call-{desktop,phone}.png).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import {
  type CallPage,
  DESKTOP_VIEWPORT,
  openCallPage,
  startApp,
  type TestApp,
} from './support/app.ts';
import {
  sendChat,
  sessionOf,
  tiles,
  waitForChat,
  waitForPeers,
  waitForVideo,
  waitInPage,
} from './support/call-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PHONE_VIEWPORT = { width: 390, height: 844 };

describe('the call page', { timeout: 90_000 }, () => {
  const room = `call-${Math.random().toString(36).slice(2, 8)}`;
  let app: TestApp;
  let browser: Browser;
  let alice: CallPage;
  let bob: CallPage;

  before(async () => {
    app = await startApp();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('two pages in a room connect and decode each other’s video', async () => {
    alice = await openCallPage(browser, app.url, { room, name: 'Alice' });
    bob = await openCallPage(browser, app.url, { room, name: 'Bob' });
    await Promise.all([waitForPeers(alice.page, 1), waitForPeers(bob.page, 1)]);
    const [aliceId, bobId] = await Promise.all([sessionOf(alice.page), sessionOf(bob.page)]);
    assert.deepEqual(
      (await tiles(alice.page)).map((t) => t.peer),
      [bobId.peer],
    );
    assert.deepEqual(
      (await tiles(bob.page)).map((t) => t.peer),
      [aliceId.peer],
    );
    const [aliceFrames, bobFrames] = await Promise.all([
      waitForVideo(alice.page, 1),
      waitForVideo(bob.page, 1),
    ]);
    assert.ok((aliceFrames[bobId.peer] ?? 0) > 0, JSON.stringify(aliceFrames));
    assert.ok((bobFrames[aliceId.peer] ?? 0) > 0, JSON.stringify(bobFrames));
  });

  test('chat works both ways over the data channel', async () => {
    await sendChat(alice.page, 'Hi Bob, can you hear me?');
    await waitForChat(bob.page, 'Hi Bob, can you hear me?');
    await sendChat(bob.page, 'Loud and clear, Alice.');
    await waitForChat(alice.page, 'Loud and clear, Alice.');
  });

  test('tiles show a host candidate pair, an RTT and a bitrate', async () => {
    for (const { page } of [alice, bob]) {
      await waitInPage(
        page,
        'a tile with candidate type, RTT and bitrate',
        () => {
          const tile = document.querySelector('[data-testid="peer-tile"]');
          const text = (id: string) =>
            tile?.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
          return (
            text('peer-candidate') !== '–' &&
            /^(<1|\d+) ms$/.test(text('peer-rtt')) &&
            /\d/.test(text('peer-bitrate'))
          );
        },
        undefined,
        15_000,
      );
      const [tile] = await tiles(page);
      assert.equal(tile?.candidate, 'host');
      assert.match(tile?.rtt ?? '', /^(<1|\d+) ms$/);
      assert.match(tile?.bitrate ?? '', /^↓ \d+(\.\d)? (kbps|Mbps)$/);
    }
  });

  test('writes the screenshots of a call with two connected peers', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { page } = alice;
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${SCREENSHOTS}call-desktop.png` });
    await page.setViewportSize(PHONE_VIEWPORT);
    await waitForPeers(page, 1);
    await page.screenshot({ path: `${SCREENSHOTS}call-phone.png` });
    await page.setViewportSize(DESKTOP_VIEWPORT);
  });

  test('muting the microphone and stopping the camera show on the other page', async () => {
    const tile = bob.page.getByTestId('peer-tile');
    const micOff = tile.locator('.tile-mic-off');
    assert.equal(await micOff.isVisible(), false);
    await alice.page.getByTestId('mute-button').click();
    await micOff.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await alice.page.getByTestId('mute-button').textContent(), 'Unmute');
    await alice.page.getByTestId('camera-button').click();
    await bob.page.waitForSelector('[data-testid="peer-tile"][data-video="off"]', {
      timeout: 10_000,
    });
    await alice.page.getByTestId('mute-button').click();
    await alice.page.getByTestId('camera-button').click();
    await micOff.waitFor({ state: 'hidden', timeout: 10_000 });
    await bob.page.waitForSelector('[data-testid="peer-tile"][data-video="on"]', {
      timeout: 10_000,
    });
    const tracks = await alice.page.evaluate(() =>
      window.switchboardCall.localStream?.getTracks().map((t) => `${t.kind}:${t.enabled}`),
    );
    assert.deepEqual(tracks?.sort(), ['audio:true', 'video:true']);
  });

  test('a third page joins: a mesh of three, every page decoding both others', async () => {
    const carol = await openCallPage(browser, app.url, { room, name: 'Carol' });
    const pages = [alice, bob, carol];
    await Promise.all(pages.map(({ page }) => waitForPeers(page, 2)));
    await Promise.all(pages.map(({ page }) => waitForVideo(page, 2)));
    const ids = await Promise.all(pages.map(({ page }) => sessionOf(page)));
    for (const [index, { page }] of pages.entries()) {
      const others = ids.filter((_, i) => i !== index).map((id) => id.peer);
      assert.deepEqual((await tiles(page)).map((t) => t.peer).sort(), others.sort());
    }
    await sendChat(carol.page, 'Hello both!');
    await Promise.all([
      waitForChat(alice.page, 'Hello both!'),
      waitForChat(bob.page, 'Hello both!'),
    ]);
    for (const [index, page] of pages.entries()) {
      assert.deepEqual(page.consoleErrors, [], `page ${index} logged console errors`);
    }
  });
});
