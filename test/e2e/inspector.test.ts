import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { explain } from 'switchboard/negotiation';
import { isSdpParseError, parse, validate } from 'switchboard/sdp';
import { launchChromium } from '../support/chromium.ts';
import { seedAnswer } from '../support/seeds.ts';
import { startApp } from './support/app.ts';

// The SDP inspector page in real Chromium. Every expectation is computed from the input with
// switchboard/sdp and switchboard/negotiation in Node, then looked for on the page.

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const WAIT_MS = 10_000;

type App = Awaited<ReturnType<typeof startApp>>;

/** The seed answer as a text area holds it: LF line ends. */
const SEED = seedAnswer().replaceAll('\r\n', '\n');

/** `text` with the first line equal to `from` replaced by `to`, and that line's number. */
function replaceLine(text: string, from: string, to: string): { text: string; line: number } {
  const lines = text.split('\n');
  const index = lines.indexOf(from);
  assert.ok(index >= 0, `no line ${from}`);
  lines[index] = to;
  return { text: lines.join('\n'), line: index + 1 };
}

/** What strict parsing in Node says about `text` (as the page reads it: CRLF). */
function strictError(text: string): { code: string; line: number } {
  try {
    parse(`${text.trimEnd().replaceAll('\n', '\r\n')}\r\n`);
  } catch (e) {
    if (isSdpParseError(e)) return { code: e.code, line: e.line };
    throw e;
  }
  assert.fail('expected a parse error');
}

const wire = (text: string) => `${text.trimEnd().replaceAll('\n', '\r\n')}\r\n`;

async function openInspector(
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
  await page.goto(new URL('/inspector', app.url).href);
  return page;
}

/** A fresh offer and answer from Chromium itself: audio, video and a data channel. */
function chromiumPair(page: Page): Promise<{ offer: string; answer: string }> {
  return page.evaluate(async () => {
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    pc1.addTransceiver('audio');
    pc1.addTransceiver('video');
    pc1.createDataChannel('chat');
    const offer = await pc1.createOffer();
    await pc1.setLocalDescription(offer);
    await pc2.setRemoteDescription(offer);
    const answer = await pc2.createAnswer();
    pc1.close();
    pc2.close();
    return { offer: offer.sdp ?? '', answer: answer.sdp ?? '' };
  });
}

/** Waits for the debounced update: the page is `aria-busy` from the keystroke until it ran. */
async function settled(page: Page): Promise<void> {
  await page.locator('main[aria-busy="false"]').waitFor({ timeout: WAIT_MS });
}

/**
 * Fills the text areas (an answer makes a pair; without one, `type` says how the single
 * description applies) and waits until the page shows the result.
 */
async function paste(
  page: Page,
  sdp: string,
  options: { answer?: string; type?: 'offer' | 'answer' } = {},
): Promise<void> {
  await page.getByTestId('answer-input').fill((options.answer ?? '').replaceAll('\r\n', '\n'));
  await page.getByTestId('sdp-input').fill(sdp.replaceAll('\r\n', '\n'));
  await settled(page);
  if (options.type) await page.getByTestId('sdp-type').selectOption(options.type);
  await settled(page);
}

describe('the SDP inspector page', () => {
  let app: App;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startApp();
    browser = await launchChromium();
    page = await openInspector(browser, app, DESKTOP, errors);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('a broken SDP shows its strict-mode error at its line, with its code', async () => {
    const broken = replaceLine(SEED, 'a=setup:active', 'a=setup:sideways');
    const expected = strictError(broken.text);
    assert.equal(expected.line, broken.line);
    await paste(page, broken.text, { type: 'answer' });

    const marker = page.locator('#sdp-editor').getByTestId('error-line');
    assert.equal(await marker.count(), 1);
    assert.equal(await marker.getAttribute('data-line'), String(expected.line));
    assert.equal(await marker.getAttribute('data-code'), expected.code);
    assert.equal(await marker.textContent(), 'a=setup:sideways');
    const status = (await page.getByTestId('sdp-status').textContent()) ?? '';
    assert.ok(status.includes(`${expected.code} at line ${expected.line}`), status);
    const first = page.getByTestId('sdp-diagnostics').locator('.diagnostic').first();
    assert.equal(await first.getAttribute('data-code'), expected.code);
  });

  test('the keyboard reaches a diagnostic, and Enter selects its line in the text area', async () => {
    const broken = replaceLine(SEED, 'a=mid:1', 'a=mid:one two');
    await paste(page, broken.text);
    const button = page.getByTestId('sdp-diagnostics').locator('button.diagnostic').first();
    await button.focus();
    await page.keyboard.press('Enter');
    const selection = await page.getByTestId('sdp-input').evaluate((t: HTMLTextAreaElement) => ({
      focused: document.activeElement === t,
      line: t.value.slice(0, t.selectionStart).split('\n').length,
    }));
    assert.deepEqual(selection, { focused: true, line: broken.line });
  });

  test('typing updates the page live: a new bad last line becomes the error line', async () => {
    await paste(page, SEED);
    assert.equal(await page.locator('#sdp-editor').getByTestId('error-line').count(), 0);
    await page.getByTestId('sdp-input').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('y=9');
    await settled(page);
    const text = await page.getByTestId('sdp-input').inputValue();
    assert.equal(text, `${SEED}y=9`);
    const expected = strictError(text);
    assert.equal(expected.line, text.split('\n').length);
    const marker = page.locator('#sdp-editor').getByTestId('error-line');
    assert.equal(await marker.getAttribute('data-line'), String(expected.line));
    assert.equal(await marker.getAttribute('data-code'), expected.code);
  });

  test('a valid offer/answer pair shows its summary and the explanation of the exchange', async () => {
    const { offer, answer } = await chromiumPair(page);
    await paste(page, offer, { answer });
    await page.getByTestId('explanation').getByTestId('explained-section').first().waitFor();

    assert.deepEqual(await page.getByTestId('strict-verdict').allTextContents(), [
      'parses strictly',
      'parses strictly',
    ]);
    assert.equal(await page.getByTestId('problems').getByTestId('no-problems').count(), 2);

    const expected = explain(parse(offer), parse(answer));
    const sections = await page
      .getByTestId('explanation')
      .getByTestId('explained-section')
      .evaluateAll((cards) =>
        cards.map((c) => [c.getAttribute('data-mid'), c.getAttribute('data-accepted')]),
      );
    assert.deepEqual(
      sections,
      expected.sections.map((s) => [s.mid ?? null, String(s.accepted)]),
    );
    const firstCodecs = await page
      .getByTestId('explanation')
      .locator('.chip--first')
      .allTextContents();
    assert.deepEqual(
      firstCodecs,
      expected.sections
        .filter((s) => s.codecs.length > 0)
        .map((s) => `${s.codecs[0]?.payloadType} ${s.codecs[0]?.name}`),
    );

    const summaryOf = () =>
      page
        .getByTestId('summary')
        .getByTestId('summary-media')
        .evaluateAll((cards) =>
          cards.map((c) => [c.getAttribute('data-kind'), c.getAttribute('data-mid')]),
        );
    const kindsAndMids = (sdp: string) => parse(sdp).media.map((m) => [m.kind, m.mid ?? null]);
    assert.deepEqual(await summaryOf(), kindsAndMids(offer));
    await page.locator('#summary-switch button[data-which="answer"]').click();
    const directions = await page
      .getByTestId('summary')
      .getByTestId('summary-media')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-direction')));
    assert.deepEqual(
      directions,
      parse(answer).media.map((m) => m.direction ?? null),
    );
  });

  test('validation problems show for an SDP that repeats a mid', async () => {
    const dup = replaceLine(SEED, 'a=mid:1', 'a=mid:0');
    await paste(page, dup.text, { type: 'answer' });
    const expected = validate(parse(wire(dup.text)), { type: 'answer' });
    assert.ok(expected.some((p) => p.code === 'SDP_PROBLEM_DUPLICATE_MID'));
    const shown = await page
      .getByTestId('problems')
      .getByTestId('problem')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    assert.deepEqual(
      shown,
      expected.map((p) => p.code),
    );
    const marked = await page
      .locator('#sdp-editor')
      .getByTestId('problem-line')
      .evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('data-line'))));
    assert.ok(marked.includes(dup.line), `line ${dup.line} is marked (marked: ${marked})`);
    assert.equal(await page.getByTestId('strict-verdict').first().textContent(), 'parses strictly');
  });

  test('the examples load: the parse-error example marks its IP7 line', async () => {
    await page.getByTestId('example-broken').click();
    const text = await page.getByTestId('sdp-input').inputValue();
    const line = text.split('\n').findIndex((l) => l.includes(' IP7 ')) + 1;
    const marker = page.locator('#sdp-editor').getByTestId('error-line');
    assert.equal(await marker.getAttribute('data-line'), String(line));
    assert.equal(await marker.getAttribute('data-code'), strictError(text).code);
  });

  test('screenshots: a pasted pair whose offer has an error', { timeout: 60_000 }, async () => {
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const shot = name === 'desktop' ? page : await openInspector(browser, app, viewport, errors);
      const { offer, answer } = await chromiumPair(shot);
      const broken = replaceLine(
        offer.replaceAll('\r\n', '\n'),
        'a=rtcp:9 IN IP4 0.0.0.0',
        'a=rtcp:9 IN IP7 0.0.0.0',
      );
      await paste(shot, broken.text, { answer });
      await shot.getByTestId('sdp-diagnostics').locator('button.diagnostic').first().click();
      await shot.getByTestId('answer-input').evaluate((t: HTMLTextAreaElement) => {
        t.setSelectionRange(0, 0);
        t.scrollTop = 0;
      });
      await shot.evaluate(() => window.scrollTo(0, 0));
      const marker = shot.locator('#sdp-editor').getByTestId('error-line');
      assert.equal(await marker.getAttribute('data-line'), String(broken.line));
      const width = await shot.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `no horizontal scrolling (page is ${width}px wide)`);
      await shot.screenshot({
        path: `${SCREENSHOTS}inspector-${name}.png`,
        fullPage: name === 'desktop',
      });
      if (shot !== page) await shot.close();
    }
  });

  test('no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
