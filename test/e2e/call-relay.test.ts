/**
 * The call page through TURN: with a real coturn handing out relay candidates (the server
 * gives the pages TURN REST credentials in `welcome`) and `?ice=relay`, two pages connect
 * through the relay, decode each other's video, and their tiles say `relay`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { type Coturn, startCoturn } from '../support/coturn.ts';
import { type CallPage, openCallPage, startApp, type TestApp } from './support/app.ts';
import { tiles, waitForPeers, waitForVideo, waitInPage } from './support/call-page.ts';

describe('the call page with ice=relay', { timeout: 90_000 }, () => {
  const room = `relay-${Math.random().toString(36).slice(2, 8)}`;
  let coturn: Coturn;
  let app: TestApp;
  let browser: Browser;
  const pages: CallPage[] = [];

  before(async () => {
    coturn = await startCoturn();
    app = await startApp({ turn: { secret: coturn.secret, uris: [...coturn.uris] } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await coturn?.stop();
  });

  test('two pages connect through the TURN relay and show it', async () => {
    for (const name of ['Alice', 'Bob']) {
      pages.push(await openCallPage(browser, app.url, { room, name, ice: 'relay' }));
    }
    await Promise.all(pages.map(({ page }) => waitForPeers(page, 1)));
    await Promise.all(pages.map(({ page }) => waitForVideo(page, 1)));
    for (const { page } of pages) {
      await waitInPage(
        page,
        'the tile to show the candidate type',
        () => document.querySelector('[data-testid="peer-candidate"]')?.textContent?.trim() !== '–',
        undefined,
        15_000,
      );
      assert.equal((await tiles(page))[0]?.candidate, 'relay');
    }
    assert.ok(coturn.allocatedUsernames().length >= 2, coturn.log().slice(-2000));
    for (const page of pages) assert.deepEqual(page.consoleErrors, []);
  });
});
