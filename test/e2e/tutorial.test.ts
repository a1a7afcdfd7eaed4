import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { explain } from 'switchboard/negotiation';
import { parse } from 'switchboard/sdp';
import { launchChromium } from '../support/chromium.ts';
import { startApp } from './support/app.ts';

// The offer/answer tutorial page in real Chromium: pc1 and pc2 on one page, negotiated with
// the page's own buttons; what the page shows is checked against what the peers did.

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const WAIT_MS = 20_000;

type App = Awaited<ReturnType<typeof startApp>>;

/** Opens the tutorial with a fresh context; console errors and page errors go to `errors`. */
async function openTutorial(
  browser: Browser,
  app: App,
  viewport: { width: number; height: number },
  errors: string[],
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  // Playwright ships functions as source; esbuild's __name helper (from tsx) must exist there.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(new URL('/tutorial', app.url).href);
  return page;
}

/** The `data-state` of each item of a peer's timeline. */
function states(page: Page, peer: 'pc1' | 'pc2'): Promise<string[]> {
  return page
    .getByTestId(`${peer}-states`)
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-state') ?? ''));
}

/** The SDP shown in a listing, one line per `data-line` item. */
function listingText(page: Page, testid: 'offer-sdp' | 'answer-sdp'): Promise<string> {
  return page
    .getByTestId(testid)
    .locator('[data-line] .sdp-text')
    .evaluateAll((lines) => `${lines.map((l) => l.textContent).join('\r\n')}\r\n`);
}

/** Waits until negotiation round `round` is on screen (its credentials row). */
async function waitForRound(page: Page, round: number): Promise<void> {
  await page
    .locator(`[data-testid="credentials-round"][data-round="${round}"]`)
    .waitFor({ timeout: WAIT_MS });
}

/** Credentials rows as `[offer ufrag, answer ufrag]`. */
function credentials(page: Page): Promise<[string, string][]> {
  return page
    .getByTestId('credentials-round')
    .evaluateAll((rows) =>
      rows.map(
        (r) =>
          [r.getAttribute('data-offer-ufrag') ?? '', r.getAttribute('data-answer-ufrag') ?? ''] as [
            string,
            string,
          ],
      ),
    );
}

/** Resolves when the remote video presents `count` more frames. */
function remoteFrames(page: Page, count: number): Promise<number> {
  return page.getByTestId('remote-video').evaluate(
    (video: HTMLVideoElement, args) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('remote video presents no frames')),
          args.ms,
        );
        let seen = 0;
        const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
          seen += 1;
          if (seen >= args.count) {
            clearTimeout(timer);
            resolve(meta.presentedFrames);
          } else video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
      }),
    { count, ms: WAIT_MS },
  );
}

function ufragOf(sdp: string): string | undefined {
  return parse(sdp).media[0]?.attribute('ice-ufrag')?.ufrag;
}

describe('the tutorial page', () => {
  let app: App;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startApp();
    browser = await launchChromium();
    page = await openTutorial(browser, app, DESKTOP, errors);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('Start and Call take pc1 through have-local-offer and pc2 through have-remote-offer to stable', {
    timeout: 60_000,
  }, async () => {
    assert.equal(await page.getByTestId('call').isDisabled(), true, 'Call waits for Start');
    await page.getByTestId('start').click();
    await page.getByTestId('call').click({ timeout: WAIT_MS });
    await waitForRound(page, 1);

    assert.deepEqual(await states(page, 'pc1'), ['stable', 'have-local-offer', 'stable']);
    assert.deepEqual(await states(page, 'pc2'), ['stable', 'have-remote-offer', 'stable']);
    const times = await page
      .getByTestId('pc1-states')
      .locator('time')
      .evaluateAll((ts) => ts.map((t) => Number.parseFloat((t.textContent ?? '').slice(1))));
    assert.equal(times.length, 3);

    // The listings hold the real offer and answer: they parse strictly, and the page's
    // explanation is explain() of exactly these two.
    const offer = await listingText(page, 'offer-sdp');
    const answer = await listingText(page, 'answer-sdp');
    const expected = explain(parse(offer), parse(answer));
    const shown = await page
      .getByTestId('explanation')
      .getByTestId('explained-section')
      .evaluateAll((cards) =>
        cards.map((c) => [c.getAttribute('data-mid'), c.getAttribute('data-accepted')]),
      );
    assert.deepEqual(
      shown,
      expected.sections.map((s) => [s.mid ?? null, String(s.accepted)]),
    );
    assert.deepEqual(
      parse(offer).media.map((m) => m.kind),
      ['audio', 'video'],
    );

    // Candidates trickled both ways, with the ufrag of the descriptions.
    const offerUfrag = ufragOf(offer);
    const answerUfrag = ufragOf(answer);
    assert.deepEqual(await credentials(page), [[offerUfrag, answerUfrag]]);
    for (const [peer, ufrag] of [
      ['pc1', offerUfrag],
      ['pc2', answerUfrag],
    ] as const) {
      const rows = page.getByTestId(`candidates-${peer}`).getByTestId('candidate');
      await rows.first().waitFor({ timeout: WAIT_MS });
      const text = (await rows.first().textContent()) ?? '';
      assert.ok(text.includes(ufrag ?? '?'), `${peer} candidate ${text} carries ufrag ${ufrag}`);
    }
  });

  test('the remote video plays: frames are presented and decoded', {
    timeout: 30_000,
  }, async () => {
    const presented = await remoteFrames(page, 5);
    assert.ok(presented >= 5, `presented ${presented} frames`);
    const shownCount = Number(await page.getByTestId('remote-frames').textContent());
    assert.ok(shownCount >= 5, `the page counts ${shownCount} frames`);
    await page.getByTestId('pc2-connection').filter({ hasText: 'connected' }).waitFor();
  });

  test('Call again keeps the ICE credentials; with iceRestart both sides get new ones', {
    timeout: 60_000,
  }, async () => {
    await page.getByTestId('ice-restart').uncheck();
    await page.getByTestId('call').click();
    await waitForRound(page, 2);
    await page.getByTestId('ice-restart').check();
    await page.getByTestId('call').click();
    await waitForRound(page, 3);

    const [first, kept, restarted] = await credentials(page);
    assert.ok(first && kept && restarted);
    assert.deepEqual(kept, first, 'without iceRestart the ufrags stay');
    assert.notEqual(restarted[0], kept[0], 'the offer has a new ufrag');
    assert.notEqual(restarted[1], kept[1], 'the answer has a new ufrag');
    // The listings show the restarted descriptions, their new ufrag lines marked as changed.
    const offer = await listingText(page, 'offer-sdp');
    assert.equal(ufragOf(offer), restarted[0]);
    const changed = await page
      .getByTestId('offer-sdp')
      .getByTestId('changed-line')
      .allTextContents();
    assert.ok(changed.some((line) => line.includes(`a=ice-ufrag:${restarted[0]}`)));
    // Three rounds, each from stable back to stable.
    assert.deepEqual(await states(page, 'pc1'), [
      'stable',
      ...['have-local-offer', 'stable'],
      ...['have-local-offer', 'stable'],
      ...['have-local-offer', 'stable'],
    ]);
    // Media keeps flowing over the restarted transport.
    await remoteFrames(page, 3);
    await page.screenshot({ path: `${SCREENSHOTS}tutorial-desktop.png`, fullPage: true });
  });

  test('Hang up closes both peers', async () => {
    await page.getByTestId('hangup').click();
    assert.equal((await states(page, 'pc1')).at(-1), 'closed');
    assert.equal((await states(page, 'pc2')).at(-1), 'closed');
    assert.equal(await page.getByTestId('hangup').isDisabled(), true);
  });

  test('on a phone the page works the same', { timeout: 60_000 }, async () => {
    const phone = await openTutorial(browser, app, PHONE, errors);
    await phone.getByTestId('start').click();
    await phone.getByTestId('call').click({ timeout: WAIT_MS });
    await waitForRound(phone, 1);
    await remoteFrames(phone, 3);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no horizontal scrolling (page is ${width}px wide)`);
    await phone.screenshot({ path: `${SCREENSHOTS}tutorial-phone.png` });
    await phone.close();
  });

  test('no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
