/**
 * The client SDK on the HTTP fallback, against a real server on port 0 over real HTTP: it
 * falls back on its own when a WebSocket cannot open (a proxy that refuses upgrades, a
 * constructor that throws, no WebSocket at all), relays in order with a WebSocket client,
 * resumes after its stream is cut (on either transport), ends its session on close(), and
 * leaves on goaway.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createBackoffPolicy,
  createSignalingClient,
  type SignalingClient,
  type SignalingClientEventMap,
  type SignalingClientOptions,
  type WebSocketConstructor,
} from 'switchboard/client';
import type { SignalPayload } from 'switchboard/protocol';
import { createSignalingServer, type SignalingServer } from 'switchboard/server';
import WebSocket from 'ws';
import { type BlockingProxy, startBlockingProxy } from './support/blocking-proxy.ts';
import { waitFor } from './support/loopback-signaling.ts';

const WS = WebSocket as unknown as WebSocketConstructor;
const fast = () => createBackoffPolicy({ initialDelayMs: 20, maxDelayMs: 200, jitter: 0 });
const data = (value: unknown): SignalPayload => ({ kind: 'data', data: value });

/** A client and what it saw. */
interface Peer {
  client: ReturnType<typeof createSignalingClient>;
  received: unknown[];
  events: string[];
  errors: string[];
}

function start(name: string, options: Omit<SignalingClientOptions, 'peer'>): Peer {
  const client = createSignalingClient({ peer: name, reconnectPolicy: fast(), ...options });
  const peer: Peer = { client, received: [], events: [], errors: [] };
  client.on('signal', ({ payload }) => peer.received.push((payload as { data: unknown }).data));
  for (const type of ['open', 'reconnecting', 'resumed', 'goaway', 'close'] as const) {
    client.on(type, () => peer.events.push(type));
  }
  client.on('error', ({ error }) => peer.errors.push(error.code));
  return peer;
}

/** A fetch whose event streams the test can cut, as a network drop would. */
function cuttableFetch() {
  const streams: AbortController[] = [];
  const fetchFn = (input: string, init?: RequestInit) => {
    if ((init?.method ?? 'GET') !== 'GET') return fetch(input, init);
    const cut = new AbortController();
    streams.push(cut);
    const signal = init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal;
    return fetch(input, { ...init, signal });
  };
  return {
    fetch: fetchFn,
    streams,
    cut() {
      for (const stream of streams) stream.abort();
    },
  };
}

/** Sends `count` signals from `from` to `to` and waits until all arrived. */
async function exchange(from: Peer, to: Peer, room: string, count: number, tag: string) {
  const before = to.received.length;
  for (let i = 0; i < count; i++) from.client.signal(room, to.client.peer!, data(`${tag}${i}`));
  await waitFor(() => to.received.length >= before + count, `${count} signals ${tag}`);
}

describe('client over the HTTP fallback', () => {
  let server: SignalingServer;
  let proxy: BlockingProxy;
  let direct = '';
  let viaProxy = '';
  const peers: Peer[] = [];
  const peer = (name: string, options: Omit<SignalingClientOptions, 'peer'>) => {
    const created = start(name, options);
    peers.push(created);
    return created;
  };

  before(async () => {
    server = createSignalingServer({
      port: 0,
      host: '127.0.0.1',
      logger: false,
      limits: { messagesPerSecond: 10_000, burst: 10_000 },
    });
    await server.listening;
    direct = `ws://127.0.0.1:${server.address()?.port}/v1/ws`;
    proxy = await startBlockingProxy(`http://127.0.0.1:${server.address()?.port}`);
    viaProxy = `${proxy.base.replace('http', 'ws')}/v1/ws`;
  });
  after(async () => {
    for (const p of peers) p.client.close();
    await proxy.close();
    await server.close();
  });

  test('behind a proxy that answers upgrades 403 it connects over HTTP, and relays in order both ways', async () => {
    const refusedBefore = proxy.refused;
    const alice = peer('alice-proxy', { url: viaProxy, WebSocket: WS });
    const bob = peer('bob-proxy', { url: direct, WebSocket: WS });
    await alice.client.connect();
    await bob.client.connect();
    assert.equal(alice.client.transport, 'http');
    assert.equal(bob.client.transport, 'websocket');
    assert.equal(proxy.refused, refusedBefore + 1);
    await alice.client.join('proxy');
    await bob.client.join('proxy');
    await exchange(alice, bob, 'proxy', 300, 'a');
    await exchange(bob, alice, 'proxy', 300, 'b');
    assert.deepEqual(
      bob.received,
      Array.from({ length: 300 }, (_, i) => `a${i}`),
    );
    assert.deepEqual(
      alice.received,
      Array.from({ length: 300 }, (_, i) => `b${i}`),
    );
    assert.deepEqual([...alice.errors, ...bob.errors], []);
  });

  /** [case, the WebSocket option]. */
  const UNAVAILABLE: [string, Partial<SignalingClientOptions>][] = [
    [
      'a WebSocket constructor that throws',
      {
        WebSocket: class {
          constructor() {
            throw new Error('WebSockets are disabled');
          }
        } as unknown as WebSocketConstructor,
      },
    ],
    ['no WebSocket at all (Node 20 has no global one)', {}],
  ];
  for (const [what, options] of UNAVAILABLE) {
    test(`with ${what} it connects over HTTP`, async () => {
      const name = `carol-${peers.length}`;
      const carol = peer(name, { url: direct, ...options });
      const info = await carol.client.connect();
      assert.equal(info.peer, name);
      assert.equal(carol.client.transport, 'http');
      const joined = await carol.client.join(`solo-${name}`);
      assert.equal(joined.room, `solo-${name}`);
    });
  }

  test('transports: ["websocket"] does not fall back: connect() rejects', async () => {
    const dave = peer('dave', { url: viaProxy, WebSocket: WS, transports: ['websocket'] });
    await assert.rejects(dave.client.connect(), { code: 'CLIENT_ERR_CONNECT_FAILED' });
    assert.equal(dave.client.transport, undefined);
  });

  test('a cut stream resumes: signals sent meanwhile arrive exactly once, in order', async () => {
    const cuts = cuttableFetch();
    const erin = peer('erin', { url: direct, transports: ['http'], fetch: cuts.fetch });
    const frank = peer('frank', { url: direct, WebSocket: WS });
    await erin.client.connect();
    await frank.client.connect();
    await erin.client.join('cut');
    await frank.client.join('cut');
    await exchange(frank, erin, 'cut', 50, 'x');
    cuts.cut();
    // Both sides send while erin is away; her outbound buffer and the server's replay them.
    for (let i = 50; i < 100; i++) {
      frank.client.signal('cut', 'erin', data(`x${i}`));
      erin.client.signal('cut', 'frank', data(`y${i - 50}`));
    }
    await waitFor(() => erin.events.includes('resumed'), 'erin resumed');
    await waitFor(() => erin.received.length >= 100 && frank.received.length >= 50, 'the rest');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(
      erin.received,
      Array.from({ length: 100 }, (_, i) => `x${i}`),
    );
    assert.deepEqual(
      frank.received,
      Array.from({ length: 50 }, (_, i) => `y${i}`),
    );
    assert.deepEqual(erin.events, ['open', 'reconnecting', 'resumed']);
    assert.equal(erin.client.transport, 'http');
  });

  test('a session on a WebSocket whose upgrades start being refused resumes over HTTP', async () => {
    proxy.refuseUpgrades = false;
    try {
      const gina = peer('gina', { url: viaProxy, WebSocket: WS });
      const hal = peer('hal', { url: direct, WebSocket: WS });
      await gina.client.connect();
      await hal.client.connect();
      assert.equal(gina.client.transport, 'websocket');
      await gina.client.join('move');
      await hal.client.join('move');
      await exchange(hal, gina, 'move', 20, 'm');
      proxy.refuseUpgrades = true;
      proxy.cutAll();
      for (let i = 20; i < 40; i++) hal.client.signal('move', 'gina', data(`m${i}`));
      await waitFor(() => gina.events.includes('resumed'), 'gina resumed');
      await waitFor(() => gina.received.length >= 40, 'the signals sent meanwhile');
      assert.equal(gina.client.transport, 'http');
      assert.deepEqual(
        gina.received,
        Array.from({ length: 40 }, (_, i) => `m${i}`),
      );
      // Having fallen back, a later reconnect does not try the WebSocket first.
      const refused = proxy.refused;
      proxy.cutAll();
      await waitFor(() => gina.events.filter((e) => e === 'resumed').length === 2, 'again');
      assert.equal(proxy.refused, refused);
      assert.equal(gina.client.transport, 'http');
    } finally {
      proxy.refuseUpgrades = true;
    }
  });

  test('close() over HTTP ends the session at once: the room sees peerleft left', async () => {
    const ivy = peer('ivy', { url: direct, transports: ['http'] });
    const jon = peer('jon', { url: direct, WebSocket: WS });
    await ivy.client.connect();
    await jon.client.connect();
    await ivy.client.join('bye');
    await jon.client.join('bye');
    const left = new Promise<SignalingClientEventMap['peerleft']>((resolve) =>
      jon.client.on('peerleft', resolve),
    );
    ivy.client.close();
    const event = await left;
    assert.deepEqual([event.peer, event.reason], ['ivy', 'left']);
  });
});

test('goaway over HTTP: the client leaves, and the server drains without waiting', async () => {
  const server = createSignalingServer({
    port: 0,
    host: '127.0.0.1',
    logger: false,
    drainTimeoutMs: 10_000,
  });
  await server.listening;
  const url = `ws://127.0.0.1:${server.address()?.port}/v1/ws`;
  const kim = start('kim', { url, transports: ['http'] });
  let client: SignalingClient | undefined = kim.client;
  try {
    await kim.client.connect();
    const started = Date.now();
    await server.close({ reason: 'restarting', reconnectIn: 50 });
    assert.ok(Date.now() - started < 5_000, 'the client left on goaway');
    assert.deepEqual(kim.events.slice(0, 2), ['open', 'goaway']);
    await waitFor(() => kim.client.state === 'reconnecting', 'reconnecting');
  } finally {
    client?.close();
    client = undefined;
  }
});
