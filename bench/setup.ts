/**
 * Call setup time through Switchboard against the browser's own floor, measured in the same
 * run: how long two Chromium pages take from "join the room" to an open data channel through
 * a Switchboard server, next to two peer connections in one page that hand their
 * descriptions and candidates across directly (the same-page pc1/pc2 loopback).
 *
 * - via server: one page (the host) has joined a fresh room; the other (the joiner) calls
 *   `joinRoom()` on it, and both create the README's negotiated data channel in `setupPeer`.
 *   Timed from the joiner's `joinRoom()` call until the channel is open on both pages (the
 *   later `open` event). Both signaling clients are connected beforehand, as an app's would
 *   be: the figure covers the join request and reply, the peer-joined event, peer
 *   connection creation, the offer, answer and candidates relayed by the server, ICE, DTLS
 *   and SCTP. The pages swap roles every other run: their peer ids stay the same, so this
 *   is what makes the joiner the polite side in half the runs (the polite side lets the
 *   impolite one offer first, so the offer comes from the joiner in one half and from the
 *   host in the other).
 * - loopback: in the joining page, from creating pc1 and pc2 (each with the same negotiated
 *   channel) until the channel is open on both: createOffer, descriptions and trickled
 *   candidates handed across in JS, ICE, DTLS, SCTP. No signaling: the browser's floor.
 * - overhead: median via server minus median loopback.
 *
 * The pages live in two browser contexts of one Chromium (two profiles, so two renderer
 * processes, like two users; `BENCH_BROWSERS=2` gives each its own Chromium). Timestamps
 * are `performance.timeOrigin + performance.now()` in each page: both pages run on the same
 * machine clock with the same epoch conversion, so a time taken in one and one taken in the
 * other subtract; the script checks this at start (the offset between the pages' clocks,
 * bounded by a round trip through both).
 *
 * Method: {@link WARMUP} discarded runs of each kind, then {@link RUNS} of each, interleaved
 * and alternating which goes first (server, loopback; loopback, server; ...) so drift in
 * the machine's load falls on both alike. The server runs in this process (in-memory
 * adapter, auth off, defaults otherwise) on 127.0.0.1, port 0; the pages come from a local
 * HTTP server. Everything happens inside a loopback-only network namespace (the script
 * re-executes itself under `unshare -n` as root; see setup-netns.ts).
 *
 * Besides the figures it prints how long each signal took through the server and, for each
 * kind of run, the median time of every milestone both pages reached (setup-page.ts marks
 * them), which is where to look when the overhead grows. The last line is for tooling:
 * `setup: <server> ms via server, <loopback> ms loopback, overhead <difference> ms`. Speed
 * never makes the script exit non-zero; a run that fails does, after printing what it
 * reached.
 *
 * Run: `npm run bench:setup`. Env: `BENCH_RUNS` (default 20), `BENCH_WARMUP` (default 3),
 * `BENCH_CHANNEL` (`negotiated`, the default, or `in-band`: only the joiner creates the
 * channel), `BENCH_BROWSERS` (1 or 2), `BENCH_TRACE=1` (print every run's timeline).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { createSignalingServer, type SignalingServer } from 'switchboard/server';
import { launchChromium } from '../test/support/chromium.ts';
import { enterLoopbackNamespace } from './setup-netns.ts';
import type { ChannelMode, JoinResult, Marks, SetupBenchPage } from './setup-page.ts';
import {
  type LoopbackRun,
  loadAverage,
  printReport,
  printTimeline,
  type ServerRun,
} from './setup-report.ts';

function envInt(name: string, fallback: number, min: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${process.env[name]}`);
  }
  return value;
}

const RUNS = envInt('BENCH_RUNS', 20, 1);
const WARMUP = envInt('BENCH_WARMUP', 3, 0);
/**
 * `BENCH_BROWSERS=2` puts each page in a Chromium of its own; by default both pages share
 * one Chromium (and so its network service, which carries both pages' WebSocket and ICE
 * traffic).
 */
const BROWSERS = envInt('BENCH_BROWSERS', 1, 1);
if (BROWSERS > 2) throw new RangeError('BENCH_BROWSERS must be 1 or 2');
/** `BENCH_TRACE=1` prints every measured run's timeline. */
const TRACE = process.env.BENCH_TRACE === '1';
const CHANNEL_MODES: readonly ChannelMode[] = ['negotiated', 'in-band'];
const CHANNEL = (process.env.BENCH_CHANNEL ?? 'negotiated') as ChannelMode;
if (!CHANNEL_MODES.includes(CHANNEL)) {
  throw new RangeError(`BENCH_CHANNEL must be one of ${CHANNEL_MODES.join(', ')}`);
}
/** The longest any one wait of a run may take. */
const STEP_TIMEOUT_MS = 10_000;
/** Idle time after each measurement, so closing peer connections does not overlap the next. */
const SETTLE_MS = 100;
/** Samples of the clock check between the pages. */
const CLOCK_SAMPLES = 15;

const HERE = fileURLToPath(new URL('./', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bench:setup</title>
<script src="/setup-page.js"></script></head><body></body></html>`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bundles bench/setup-page.ts with `switchboard/client` for the browser. */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [`${HERE}setup-page.ts`],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    tsconfig: `${ROOT}tsconfig.json`,
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle');
  return output.text;
}

/** Serves the page and its bundle on 127.0.0.1 (a secure context: WebRTC works). */
async function startPageServer(bundle: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const script = request.url === '/setup-page.js';
    response.writeHead(200, {
      'content-type': script ? 'text/javascript' : 'text/html; charset=utf-8',
    });
    response.end(script ? bundle : PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

type Api = SetupBenchPage;

/** Calls `method` of the page's `setupBench` with `args`. */
function call<M extends keyof Api>(
  page: Page,
  method: M,
  ...args: Parameters<Api[M]>
): Promise<Awaited<ReturnType<Api[M]>>> {
  return page.evaluate(
    ([name, list]) => {
      const bench = (
        globalThis as unknown as { setupBench: Record<string, (...args: unknown[]) => unknown> }
      ).setupBench;
      return bench[name]?.(...list);
    },
    [method, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<Api[M]>>>;
}

/**
 * The offset of B's clock from A's, from the sample with the shortest A-B-A round trip,
 * with its bound (half that round trip).
 */
async function clockOffset(a: Page, b: Page): Promise<{ offset: number; bound: number }> {
  let best = { offset: Number.NaN, bound: Number.POSITIVE_INFINITY };
  for (let i = 0; i < CLOCK_SAMPLES; i += 1) {
    const before = await call(a, 'now');
    const between = await call(b, 'now');
    const after = await call(a, 'now');
    const bound = (after - before) / 2;
    if (bound < best.bound) best = { offset: between - (before + after) / 2, bound };
  }
  return best;
}

let roomCount = 0;

/** Prints what each side of a failed run reached. */
async function reportFailedRun(host: Page, joiner: Page): Promise<void> {
  printTimeline('the failed run reached', await call(joiner, 'marks'), await call(host, 'marks'));
}

/** One timed join through the server: `host` is in a fresh room, `joiner` joins it. */
async function serverRun(host: Page, joiner: Page): Promise<ServerRun> {
  roomCount += 1;
  const room = `setup-${process.pid}-${roomCount}`;
  await call(host, 'host', room, CHANNEL);
  let joined: JoinResult;
  let hostMarks: Marks;
  try {
    joined = await call(joiner, 'join', room, CHANNEL, STEP_TIMEOUT_MS);
    hostMarks = await call(host, 'hostMarks', STEP_TIMEOUT_MS);
  } catch (error) {
    await reportFailedRun(host, joiner);
    throw error;
  }
  await call(joiner, 'leave');
  await call(host, 'leave');
  if (TRACE) printTimeline(`run in room ${room}`, joined.marks, hostMarks);
  const start = joined.marks['join called'] as number;
  const end = Math.max(
    joined.marks['data channel open'] as number,
    hostMarks['data channel open'] as number,
  );
  return {
    ms: end - start,
    start,
    joiner: joined.marks,
    host: hostMarks,
    joinerPolite: joined.polite,
  };
}

async function loopbackRun(page: Page): Promise<LoopbackRun> {
  const result = await call(page, 'loopback', STEP_TIMEOUT_MS);
  return { ms: Math.max(...result.open) - result.start, start: result.start, marks: result.marks };
}

function printDefinitions(): void {
  console.log('bench:setup: call setup time, join -> data channel open (milliseconds)');
  console.log(
    '  via server: one page calls joinRoom() on a fresh room the other page is in (both' +
      '\n    signaling clients connected beforehand), both create the data channel in' +
      '\n    setupPeer; until the channel is open on both pages (the later of the two open' +
      '\n    events minus the joinRoom() call). The pages swap roles every other run, so the' +
      `\n    joiner is the polite side in half the runs. Data channel: ${CHANNEL}.`,
  );
  console.log(
    '  loopback:   in the joining page, from creating pc1 and pc2 until the same channel is' +
      '\n    open on both; descriptions and candidates handed across directly in JS.',
  );
  console.log('  overhead:   median via server - median loopback.');
  console.log(
    `  ${RUNS} runs of each after ${WARMUP} discarded, interleaved, alternating which goes first;` +
      `\n  ${BROWSERS === 1 ? 'both pages in one Chromium' : 'each page in a Chromium of its own'}` +
      `; load average at start: ${loadAverage()}`,
  );
}

async function measure(a: Page, b: Page): Promise<void> {
  const { offset, bound } = await clockOffset(a, b);
  console.log(
    `  page clocks: B - A = ${offset.toFixed(2)} ms, +/- ${bound.toFixed(2)} ms (one round trip)`,
  );
  const server: ServerRun[] = [];
  const loopback: LoopbackRun[] = [];
  for (let run = 0; run < WARMUP + RUNS; run += 1) {
    // Which page joins flips every other run; which measurement goes first, every run.
    const [host, joiner] = Math.floor(run / 2) % 2 === 0 ? [a, b] : [b, a];
    let s: ServerRun;
    let l: LoopbackRun;
    if (run % 2 === 0) {
      s = await serverRun(host, joiner);
      await sleep(SETTLE_MS);
      l = await loopbackRun(joiner);
    } else {
      l = await loopbackRun(joiner);
      await sleep(SETTLE_MS);
      s = await serverRun(host, joiner);
    }
    await sleep(SETTLE_MS);
    if (run < WARMUP) continue;
    server.push(s);
    loopback.push(l);
  }

  printReport(server, loopback);
}

async function main(): Promise<void> {
  const isolation = await enterLoopbackNamespace();
  printDefinitions();
  if (isolation !== 'namespace') {
    console.log('  (no network namespace available: Chromium resolves no host names instead)');
  }
  const bundle = await bundlePage();
  const pages = await startPageServer(bundle);
  let signaling: SignalingServer | undefined;
  const browsers: Browser[] = [];
  try {
    signaling = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false });
    await signaling.listening;
    const wsUrl = `ws://127.0.0.1:${signaling.address()?.port}/v1/ws`;
    for (let i = 0; i < BROWSERS; i += 1) browsers.push(await launchChromium());
    const [a, b] = await Promise.all(
      [0, 1].map(async (i) => {
        const context = await (browsers[i % BROWSERS] as Browser).newContext();
        const page = await context.newPage();
        page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
        await page.goto(pages.url);
        await call(page, 'connect', wsUrl);
        return page;
      }),
    );
    await measure(a as Page, b as Page);
  } finally {
    for (const browser of browsers) await browser.close();
    await signaling?.close();
    pages.server.closeAllConnections();
    await new Promise<void>((resolve) => pages.server.close(() => resolve()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
