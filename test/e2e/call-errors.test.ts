/**
 * The call page's errors in plain words, each caused for real: a full room (the server's
 * SRV_ERR_ROOM_FULL), a server that requires a token (none given, a forged one, one for
 * another room, then a good one that joins), a camera the user blocked (getUserMedia's
 * NotAllowedError; the banner offers to join without it), and a server that went away.
 * The banner carries the kind in `data-error`; none of this logs a console error.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { type CallPage, openCallPage, startApp, type TestApp } from './support/app.ts';
import { waitForPeers, waitInPage } from './support/call-page.ts';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

/** Waits for the error banner to show `kind`; returns its text. */
async function waitForBanner(page: Page, kind: string): Promise<string> {
  await waitInPage(
    page,
    `the error banner of kind ${kind}`,
    (k) => {
      const banner = document.querySelector<HTMLElement>('[data-testid="error-banner"]');
      return banner !== null && !banner.hidden && banner.dataset.error === k;
    },
    kind,
    20_000,
  );
  return (await page.getByTestId('error-banner').textContent()) ?? '';
}

function token(rooms: string[], secret = SECRET): Promise<string> {
  return new SignJWT({ rooms })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));
}

describe('call page errors', { timeout: 90_000 }, () => {
  let browser: Browser;
  /** Every page opened, for the console check at the end; `open` ones close after each test. */
  const pages: CallPage[] = [];
  const open: CallPage[] = [];
  const apps: TestApp[] = [];

  async function openPage(app: TestApp, params: Parameters<typeof openCallPage>[2]) {
    const page = await openCallPage(browser, app.url, params);
    pages.push(page);
    open.push(page);
    return page;
  }

  // Fewer live pages keep the machine (and the next test's timing) quiet.
  afterEach(async () => {
    for (const page of open.splice(0)) await page.close();
  });

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const app of apps) await app.close();
  });

  test('a full room says so', async () => {
    const app = await startApp({ rooms: { maxPeers: 2 } });
    apps.push(app);
    const room = 'full-room';
    const first = await openPage(app, { room, name: 'One', media: 'none' });
    const second = await openPage(app, { room, name: 'Two', media: 'none' });
    await Promise.all([waitForPeers(first.page, 1), waitForPeers(second.page, 1)]);
    const third = await openPage(app, { room, name: 'Three', media: 'none' });
    const text = await waitForBanner(third.page, 'room-full');
    assert.match(text, /room is full/i);
    assert.equal(await third.page.getByTestId('join-button').isVisible(), true);
  });

  describe('a server that requires a token', () => {
    let app: TestApp;
    before(async () => {
      app = await startApp({ auth: { secret: SECRET } });
      apps.push(app);
    });

    test('without one: the page says a token is needed', async () => {
      const page = await openPage(app, { room: 'private', media: 'none' });
      assert.match(await waitForBanner(page.page, 'token-missing'), /needs an access token/);
    });

    test('with a forged one: the page says it was refused', async () => {
      const forged = await token(['private'], 'another-secret-that-is-long-enough-too');
      const page = await openPage(app, { room: 'private', media: 'none', token: forged });
      assert.match(await waitForBanner(page.page, 'token-refused'), /refused your access token/);
    });

    test('with one for another room: the page says the room is not allowed', async () => {
      const page = await openPage(app, {
        room: 'private',
        media: 'none',
        token: await token(['elsewhere']),
      });
      assert.match(await waitForBanner(page.page, 'room-forbidden'), /does not allow this room/);
    });

    test('with a good one: two pages meet', async () => {
      const good = await token(['private']);
      const a = await openPage(app, { room: 'private', name: 'A', media: 'none', token: good });
      const b = await openPage(app, { room: 'private', name: 'B', media: 'none', token: good });
      await Promise.all([waitForPeers(a.page, 1), waitForPeers(b.page, 1)]);
    });
  });

  test('a blocked camera says so and offers to join without it', async () => {
    const app = await startApp();
    apps.push(app);
    const context = await browser.newContext();
    await context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const page = await openCallPage(context, app.url, { room: 'camera', media: 'fake' });
    pages.push(page);
    open.push(page);
    assert.match(await waitForBanner(page.page, 'camera-denied'), /blocked/);
    await page.page.getByTestId('join-without-media').click();
    await waitInPage(
      page.page,
      'the call screen, chat only',
      () =>
        document.querySelector<HTMLElement>('#call-screen')?.hidden === false &&
        window.switchboardCall?.room !== undefined &&
        window.switchboardCall.localStream === undefined,
      undefined,
    );
    assert.equal(await page.page.getByTestId('error-banner').isHidden(), true);
    open.splice(open.indexOf(page), 1);
    await context.close();
  });

  test('a server that went away: the page cannot reach it', async () => {
    const app = await startApp();
    const page = await openCallPage(browser, app.url, {
      room: 'gone',
      media: 'none',
      autojoin: false,
    });
    open.push(page);
    await app.close();
    await page.page.getByTestId('join-button').click();
    assert.match(await waitForBanner(page.page, 'server-unreachable'), /reach the server/);
    // The browser itself reports each refused connection; the page adds nothing.
    assert.ok(page.consoleErrors.length > 0);
    assert.deepEqual(
      page.consoleErrors.filter((text) => !/net::ERR_CONNECTION_REFUSED/.test(text)),
      [],
    );
  });

  test('logs no console errors', () => {
    for (const page of pages) assert.deepEqual(page.consoleErrors, []);
  });
});
