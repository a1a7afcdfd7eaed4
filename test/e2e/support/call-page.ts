/**
 * Probes of a call page for end-to-end tests: waits on what the page shows (peer tiles and
 * their `data-state`, the chat log) and reads what its peer connections say (getStats,
 * descriptions, transceivers) through the page's automation hook, `window.switchboardCall`
 * (web/pages/call/automation.ts). Every wait has a timeout whose error says what was
 * awaited and what the page showed instead.
 */
import type { Page } from 'playwright-core';

// The page's `window.switchboardCall` type comes with the hook's declaration.
export type { SwitchboardCallHandle } from '../../../web/pages/call/automation.ts';

/** What one remote peer tile shows. */
export interface TileView {
  peer: string;
  state: string;
  candidate: string;
  rtt: string;
  bitrate: string;
}

/** The remote tiles as shown. */
export function tiles(page: Page): Promise<TileView[]> {
  return page.$$eval('[data-testid="peer-tile"]', (elements) =>
    elements.map((el) => {
      const text = (id: string) =>
        el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
      return {
        peer: el.getAttribute('data-peer') ?? '',
        state: el.getAttribute('data-state') ?? '',
        candidate: text('peer-candidate'),
        rtt: text('peer-rtt'),
        bitrate: text('peer-bitrate'),
      };
    }),
  );
}

/** The page's event log (`open:...`, `resumed:...`, `peerleft:...`). */
export function callLog(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.switchboardCall?.log ?? [])]);
}

/** A one-line picture of the page for timeout messages. */
async function describePage(page: Page): Promise<string> {
  try {
    const [shown, log, banner, peers] = await Promise.all([
      tiles(page),
      callLog(page),
      page.locator('[data-testid="error-banner"]').textContent(),
      page.evaluate(() =>
        [...(window.switchboardCall?.room?.peers ?? [])].map(
          ([peer, s]) =>
            `${peer.slice(0, 8)} ${s.connection.signalingState}/${s.connection.iceConnectionState}/${s.connection.connectionState}`,
        ),
      ),
    ]);
    return `tiles ${JSON.stringify(shown)}; peers ${JSON.stringify(peers)}; banner ${JSON.stringify(banner?.trim() ?? '')}; log ${JSON.stringify(log.slice(-20))}`;
  } catch (error) {
    return `(page unreadable: ${(error as Error).message})`;
  }
}

/** Polls `check` in the page until it returns true; on timeout, throws naming `what`. */
export async function waitInPage<A>(
  page: Page,
  what: string,
  check: (arg: A) => boolean | Promise<boolean>,
  arg: A,
  timeoutMs = 30_000,
): Promise<void> {
  try {
    // Playwright types the argument through its Unboxed<>; the values passed here are plain.
    const pageFunction = check as (value: unknown) => boolean | Promise<boolean>;
    await page.waitForFunction(pageFunction, arg as unknown, { timeout: timeoutMs, polling: 100 });
  } catch {
    throw new Error(
      `timed out after ${timeoutMs} ms waiting for ${what}: ${await describePage(page)}`,
    );
  }
}

/** Waits until exactly `count` remote tiles show `state` (default `connected`) and no others. */
export function waitForPeers(
  page: Page,
  count: number,
  state = 'connected',
  timeoutMs = 30_000,
): Promise<void> {
  return waitInPage(
    page,
    `${count} peer tile(s) in state ${state}`,
    ([n, s]) => {
      const all = document.querySelectorAll('[data-testid="peer-tile"]');
      const matching = document.querySelectorAll(`[data-testid="peer-tile"][data-state="${s}"]`);
      return all.length === n && matching.length === n;
    },
    [count, state] as const,
    timeoutMs,
  );
}

/** The page's signaling session and peer id. */
export async function sessionOf(page: Page): Promise<{ session: string; peer: string }> {
  const info = await page.evaluate(() => {
    const client = window.switchboardCall?.client;
    return { session: client?.session?.session, peer: client?.peer };
  });
  if (info.session === undefined || info.peer === undefined) {
    throw new Error(`the page has no signaling session: ${await describePage(page)}`);
  }
  return { session: info.session, peer: info.peer };
}

/** Per remote peer: video frames decoded so far (getStats inbound-rtp, kind video). */
export function framesDecoded(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const result: Record<string, number> = {};
    for (const [peer, session] of window.switchboardCall?.room?.peers ?? []) {
      let frames = 0;
      for (const stats of (await session.connection.getStats()).values()) {
        if (stats.type === 'inbound-rtp' && stats.kind === 'video')
          frames += stats.framesDecoded ?? 0;
      }
      result[peer] = frames;
    }
    return result;
  });
}

/**
 * Waits until every one of `peers` remote peers has decoded more than `above[peer]` video
 * frames (default 0) and returns the counts.
 */
export async function waitForVideo(
  page: Page,
  peers: number,
  above: Record<string, number> = {},
  timeoutMs = 30_000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let frames: Record<string, number> = {};
  for (;;) {
    frames = await framesDecoded(page);
    const entries = Object.entries(frames);
    if (entries.length === peers && entries.every(([peer, n]) => n > (above[peer] ?? 0))) {
      return frames;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for video from ${peers} peer(s) above ${JSON.stringify(above)}: decoded ${JSON.stringify(frames)}; ${await describePage(page)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What one peer connection's negotiation looks like now. */
export interface NegotiationView {
  signalingState: string;
  connectionState: string;
  iceConnectionState: string;
  /** Transceivers by kind and mid, e.g. `audio:0`, `video:1`. */
  transceivers: string[];
  /** The `a=ice-ufrag` values of the local and remote descriptions. */
  localUfrags: string[];
  remoteUfrags: string[];
}

/** Per remote peer: signaling and ICE state, transceivers, ICE credentials in use. */
export function negotiation(page: Page): Promise<Record<string, NegotiationView>> {
  return page.evaluate(() => {
    const ufrags = (sdp: string | undefined) => [
      ...new Set([...(sdp ?? '').matchAll(/^a=ice-ufrag:(\S+)/gm)].map((m) => m[1] ?? '')),
    ];
    const result: Record<string, NegotiationView> = {};
    for (const [peer, session] of window.switchboardCall?.room?.peers ?? []) {
      const pc = session.connection;
      result[peer] = {
        signalingState: pc.signalingState,
        connectionState: pc.connectionState,
        iceConnectionState: pc.iceConnectionState,
        transceivers: pc.getTransceivers().map((t) => `${t.receiver.track.kind}:${t.mid}`),
        localUfrags: ufrags(pc.localDescription?.sdp),
        remoteUfrags: ufrags(pc.remoteDescription?.sdp),
      };
    }
    return result;
  });
}

/** Per remote peer: the UDP ports of the selected candidate pair (local, remote). */
export function selectedPorts(
  page: Page,
): Promise<Record<string, { local: number; remote: number; protocol: string }>> {
  return page.evaluate(async () => {
    const result: Record<string, { local: number; remote: number; protocol: string }> = {};
    for (const [peer, session] of window.switchboardCall?.room?.peers ?? []) {
      const report = await session.connection.getStats();
      const all = [...report.values()];
      const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
      const pair = transport ? report.get(transport.selectedCandidatePairId) : undefined;
      const local = pair ? report.get(pair.localCandidateId) : undefined;
      const remote = pair ? report.get(pair.remoteCandidateId) : undefined;
      if (local && remote) {
        result[peer] = { local: local.port, remote: remote.port, protocol: local.protocol };
      }
    }
    return result;
  });
}

/** Types `text` into the chat box and sends it, as a user does. */
export async function sendChat(page: Page, text: string): Promise<void> {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
}

/** Waits until the chat log shows a message with exactly `text`. */
export function waitForChat(page: Page, text: string, timeoutMs = 15_000): Promise<void> {
  return waitInPage(
    page,
    `the chat message ${JSON.stringify(text)}`,
    (t) =>
      [...document.querySelectorAll('[data-testid="chat-log"] .chat-text')].some(
        (el) => el.textContent === t,
      ),
    text,
    timeoutMs,
  );
}
