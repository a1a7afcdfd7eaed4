/**
 * Signaling drops mid-negotiation on the call page. The server-side tap withholds an offer
 * it is about to relay and destroys the addressee's socket instead (a network drop at the
 * worst moment): the page's client reconnects and resumes the same session, the server
 * replays the offer, and the call connects, without the other page ever seeing the peer
 * leave. First during the call's very first offer, then during a renegotiation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import {
  type CallPage,
  isDescription,
  openCallPage,
  type ServerFrame,
  startApp,
  type TestApp,
} from './support/app.ts';
import {
  callLog,
  framesDecoded,
  negotiation,
  sendChat,
  sessionOf,
  tiles,
  waitForChat,
  waitForPeers,
  waitForVideo,
  waitInPage,
} from './support/call-page.ts';

/** Waits until the page's log shows that `session` resumed at least `times` times. */
function waitForResumes(page: Page, session: string, times: number): Promise<void> {
  return waitInPage(
    page,
    `${times} resume(s) of session ${session}`,
    ([s, n]) =>
      (window.switchboardCall?.log ?? []).filter((e) => e.startsWith(`resumed:${s}:`)).length >= n,
    [session, times] as const,
    20_000,
  );
}

describe('signaling drops mid-negotiation on the call page', { timeout: 90_000 }, () => {
  const room = `resume-${Math.random().toString(36).slice(2, 8)}`;
  let app: TestApp;
  let browser: Browser;
  let alice: CallPage;
  let bob: CallPage;
  /** The pages by session id, as welcomed before any cut. */
  const bySession = new Map<string, CallPage>();
  const ids = new Map<CallPage, { session: string; peer: string }>();
  /** How many times each page's socket was cut so far. */
  const cuts = new Map<CallPage, number>();

  before(async () => {
    app = await startApp();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The page `frame` went to (its socket was cut), and the other one. */
  function split(frame: ServerFrame): [cut: CallPage, other: CallPage] {
    const cut = bySession.get(frame.socket.session ?? '');
    assert.ok(cut, `the cut socket belongs to neither page (${frame.socket.session})`);
    cuts.set(cut, (cuts.get(cut) ?? 0) + 1);
    return [cut, cut === alice ? bob : alice];
  }

  async function assertResumedWithoutLeaving(cut: CallPage, other: CallPage) {
    const resumes = cuts.get(cut) ?? 0;
    const id = ids.get(cut);
    assert.ok(id);
    await waitForResumes(cut.page, id.session, resumes);
    assert.deepEqual(await sessionOf(cut.page), id, 'same session and peer id after the drop');
    const otherLog = await callLog(other.page);
    assert.deepEqual(
      otherLog.filter((e) => e.startsWith('peerleft:') || e.startsWith('session-lost:')),
      [],
    );
    assert.deepEqual(
      (await callLog(cut.page)).filter((e) => e.startsWith('session-lost:')),
      [],
    );
    assert.deepEqual(
      (await tiles(other.page)).map((t) => t.peer),
      [id.peer],
    );
    const sockets = app.tap.sockets().filter((s) => s.session === id.session);
    assert.equal(sockets.length, resumes + 1, 'one socket per connection of the session');
  }

  test('the first offer is lost with the socket: the session resumes and the call connects', async () => {
    // Armed before the second page joins: the first offer of the call is the one withheld.
    const cutting = app.tap.cutBefore(isDescription('offer'));
    alice = await openCallPage(browser, app.url, { room, name: 'Alice' });
    await waitInPage(
      alice.page,
      'a joined room',
      () => window.switchboardCall?.room !== undefined,
      undefined,
    );
    ids.set(alice, await sessionOf(alice.page));
    bob = await openCallPage(browser, app.url, { room, name: 'Bob' });
    await waitInPage(
      bob.page,
      'a joined room',
      () => window.switchboardCall?.room !== undefined,
      undefined,
    );
    ids.set(bob, await sessionOf(bob.page));
    for (const [page, id] of ids) bySession.set(id.session, page);

    const frame = await cutting;
    const [cut, other] = split(frame);
    await Promise.all([waitForPeers(alice.page, 1), waitForPeers(bob.page, 1)]);
    await assertResumedWithoutLeaving(cut, other);
    await Promise.all([waitForVideo(alice.page, 1), waitForVideo(bob.page, 1)]);
    await sendChat(cut.page, 'back after the drop');
    await waitForChat(other.page, 'back after the drop');
  });

  test('a renegotiation’s offer is lost with the socket: it completes after the resume', async () => {
    const before = await Promise.all([alice, bob].map((p) => negotiation(p.page)));
    const cutting = app.tap.cutBefore(isDescription('offer'));
    await alice.page.evaluate(() => window.switchboardCall.renegotiate());
    const frame = await cutting;
    const [cut, other] = split(frame);
    assert.equal(cut, bob, 'the offer withheld is the one Alice sent to Bob');

    await waitInPage(
      alice.page,
      'the ICE restart to complete (stable, connected, new ufrag)',
      (old) => {
        const [session] = [...(window.switchboardCall?.room?.peers.values() ?? [])];
        const pc = session?.connection;
        const ufrag = /^a=ice-ufrag:(\S+)/m.exec(pc?.localDescription?.sdp ?? '')?.[1];
        return (
          pc?.signalingState === 'stable' &&
          pc.connectionState === 'connected' &&
          ufrag !== undefined &&
          !old.includes(ufrag)
        );
      },
      Object.values(before[0] ?? {}).flatMap((view) => view.localUfrags),
      20_000,
    );
    await assertResumedWithoutLeaving(cut, other);
    const after = await Promise.all([alice, bob].map((p) => negotiation(p.page)));
    for (const [i, views] of after.entries()) {
      for (const [peer, view] of Object.entries(views)) {
        assert.equal(view.signalingState, 'stable');
        assert.deepEqual(view.transceivers, before[i]?.[peer]?.transceivers);
      }
    }
    const frames = await Promise.all([alice, bob].map((p) => framesDecoded(p.page)));
    await Promise.all([alice, bob].map((p, i) => waitForVideo(p.page, 1, frames[i])));
  });

  test('logs no console errors', () => {
    assert.deepEqual(alice.consoleErrors, []);
    assert.deepEqual(bob.consoleErrors, []);
  });
});
