/**
 * Glare on the call page: two connected pages both start a renegotiation (an ICE restart,
 * `switchboardCall.renegotiate()`) at the same instant, so both send an offer and the
 * offers cross. To make them cross however slow the machine, the server's tap holds what
 * it sends to either page until both offers are in, then lets both go. Perfect negotiation
 * must settle it: both end in `stable` with fresh ICE credentials, the same transceivers as
 * before (no duplicates), and media and chat still flowing. Three rounds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import {
  type CallPage,
  isDescription,
  openCallPage,
  startApp,
  type TestApp,
} from './support/app.ts';
import {
  framesDecoded,
  type NegotiationView,
  negotiation,
  sendChat,
  sessionOf,
  waitForChat,
  waitForPeers,
  waitForVideo,
  waitInPage,
} from './support/call-page.ts';

const ROUNDS = 3;

/** The only view of `page`'s one peer connection. */
async function onlyPeer(page: Page): Promise<NegotiationView> {
  const views = Object.values(await negotiation(page));
  assert.equal(views.length, 1, 'one peer connection');
  return views[0] as NegotiationView;
}

/** Waits until the peer connection is stable and connected with ICE credentials not in `old`. */
function waitForRestart(page: Page, old: readonly string[]): Promise<void> {
  return waitInPage(
    page,
    `a stable, connected peer connection with a ufrag other than ${old.join(', ')}`,
    (previous) => {
      const [session] = [...(window.switchboardCall?.room?.peers.values() ?? [])];
      const pc = session?.connection;
      if (!pc) return false;
      const ufrags = [...(pc.localDescription?.sdp ?? '').matchAll(/^a=ice-ufrag:(\S+)/gm)].map(
        (m) => m[1],
      );
      return (
        pc.signalingState === 'stable' &&
        pc.connectionState === 'connected' &&
        ufrags.length > 0 &&
        ufrags.every((u) => !previous.includes(u ?? ''))
      );
    },
    [...old],
    20_000,
  );
}

describe('glare on the call page', { timeout: 90_000 }, () => {
  const room = `glare-${Math.random().toString(36).slice(2, 8)}`;
  let app: TestApp;
  let browser: Browser;
  let alice: CallPage;
  let bob: CallPage;

  before(async () => {
    app = await startApp();
    browser = await launchChromium();
    alice = await openCallPage(browser, app.url, { room, name: 'Alice' });
    bob = await openCallPage(browser, app.url, { room, name: 'Bob' });
    await Promise.all([waitForPeers(alice.page, 1), waitForPeers(bob.page, 1)]);
    await Promise.all([waitForVideo(alice.page, 1), waitForVideo(bob.page, 1)]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (let round = 1; round <= ROUNDS; round++) {
    test(`simultaneous renegotiations converge (round ${round})`, async () => {
      const pages = [alice.page, bob.page];
      const ids = await Promise.all(pages.map(sessionOf));
      const before = await Promise.all(pages.map(onlyPeer));
      const sentBefore = app.tap.frames.length;

      // Neither page hears from the server until both have offered.
      for (const { session } of ids) app.tap.pause(session);
      try {
        await Promise.all(
          pages.map((page) => page.evaluate(() => window.switchboardCall.renegotiate())),
        );
        const deadline = Date.now() + 15_000;
        const offersHeld = () =>
          new Set(
            app.tap.frames
              .slice(sentBefore)
              .filter(isDescription('offer'))
              .map((frame) => frame.socket.session),
          ).size;
        while (offersHeld() < 2) {
          assert.ok(Date.now() < deadline, 'both pages offered within 15 s');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        for (const { session } of ids) app.tap.resume(session);
      }
      await Promise.all(pages.map((page, i) => waitForRestart(page, before[i]?.localUfrags ?? [])));

      // The offers crossed: the first two descriptions relayed after the start are both
      // offers, one to each page, so each page offered before it saw the other's.
      const relayed = app.tap.frames
        .slice(sentBefore)
        .filter((frame) => isDescription('offer')(frame) || isDescription('answer')(frame))
        .map(
          (frame) =>
            `${isDescription('offer')(frame) ? 'offer' : 'answer'}->${frame.socket.session}`,
        );
      assert.deepEqual(
        relayed.slice(0, 2).sort(),
        ids.map((id) => `offer->${id.session}`).sort(),
        `descriptions relayed: ${JSON.stringify(relayed)}`,
      );

      const now = await Promise.all(pages.map(onlyPeer));
      for (const [i, view] of now.entries()) {
        assert.equal(view.signalingState, 'stable');
        assert.deepEqual(view.transceivers, before[i]?.transceivers, 'no duplicate transceivers');
        assert.deepEqual(view.transceivers.map((t) => t.split(':')[0]).sort(), ['audio', 'video']);
      }

      const frames = await Promise.all(pages.map(framesDecoded));
      await Promise.all(pages.map((page, i) => waitForVideo(page, 1, frames[i])));
      await sendChat(alice.page, `after round ${round}`);
      await waitForChat(bob.page, `after round ${round}`);
    });
  }

  test('logs no console errors', () => {
    assert.deepEqual(alice.consoleErrors, []);
    assert.deepEqual(bob.consoleErrors, []);
  });
});
