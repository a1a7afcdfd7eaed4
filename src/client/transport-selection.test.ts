import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createFakeClock } from '../testing/fake-clock.ts';
import type { FetchFunction } from './http-transport.ts';
import type { WebSocketConstructor } from './transport.ts';
import {
  httpFallbackUrl,
  type SignalingTransport,
  type TransportPlan,
  TransportSelector,
  type TransportSocket,
} from './transport-selection.ts';

/** How a fake transport behaves when opened. */
type Behaviour = 'opens' | 'fails' | 'hangs' | 'throws';

/** A WebSocket constructor whose sockets behave as `behaviours` says, one per attempt. */
function fakeWebSocket(behaviours: Behaviour[]) {
  const opened: FakeWebSocket[] = [];
  class FakeWebSocket {
    readyState = 0;
    closedWith: number | undefined;
    #listeners = new Map<string, Array<(event?: unknown) => void>>();
    constructor(readonly url: string) {
      const behaviour = behaviours.shift() ?? 'fails';
      if (behaviour === 'throws') throw new SyntaxError('blocked');
      opened.push(this);
      if (behaviour === 'opens') {
        queueMicrotask(() => {
          this.readyState = 1;
          this.#emit('open');
        });
      } else if (behaviour === 'fails') {
        queueMicrotask(() => this.#fail());
      }
    }
    addEventListener(type: string, listener: (event?: unknown) => void): void {
      this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
    }
    send(): void {}
    close(code = 1000): void {
      this.closedWith = code;
      if (this.readyState === 0) {
        queueMicrotask(() => this.#fail());
      } else if (this.readyState === 1) {
        this.readyState = 3;
        queueMicrotask(() => this.#emit('close', { code, reason: '' }));
      }
    }
    #fail(): void {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.#emit('error', { type: 'error' });
      this.#emit('close', { code: 1006, reason: '' });
    }
    #emit(type: string, event?: unknown): void {
      for (const listener of this.#listeners.get(type) ?? []) listener(event);
    }
  }
  return { WebSocket: FakeWebSocket as unknown as WebSocketConstructor, opened };
}

/** A fetch whose streams behave as `behaviours` says, one per attempt. */
function fakeFetch(behaviours: Behaviour[]) {
  const urls: string[] = [];
  const fetch: FetchFunction = async (url, init) => {
    if (init?.method === 'POST') return new Response(null, { status: 204 });
    urls.push(url);
    const behaviour = behaviours.shift() ?? 'fails';
    if (behaviour === 'fails' || behaviour === 'throws') throw new TypeError('fetch failed');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (behaviour === 'opens') {
          controller.enqueue(new TextEncoder().encode('event: open\ndata: {"id":"s"}\n\n'));
        }
        init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch, urls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function setup(
  ws: Behaviour[] | undefined,
  http: Behaviour[],
  transports: SignalingTransport[] = ['websocket', 'http'],
) {
  const clock = createFakeClock();
  const sockets = ws === undefined ? undefined : fakeWebSocket(ws);
  const fetches = fakeFetch(http);
  const plan: TransportPlan = {
    transports,
    url: 'ws://example.test/v1/ws',
    httpUrl: 'http://example.test/v1/sse',
    WebSocket: sockets?.WebSocket,
    fetch: fetches.fetch,
    clock,
    fallbackAfterMs: 5_000,
  };
  return { clock, sockets, fetches, selector: new TransportSelector(plan) };
}

function record(socket: TransportSocket): string[] {
  const events: string[] = [];
  socket.addEventListener('open', () => events.push(`open ${socket.transport}`));
  socket.addEventListener('error', () => events.push('error'));
  socket.addEventListener('close', ({ code }) => events.push(`close ${code}`));
  return events;
}

describe('TransportSelector', () => {
  /** [case, WebSocket attempts (undefined: no constructor), HTTP attempts, events]. */
  const CASES: [string, Behaviour[] | undefined, Behaviour[], string[]][] = [
    ['the WebSocket opens: it is used', ['opens'], [], ['open websocket']],
    [
      'the WebSocket fails before opening: HTTP, and the failure is not reported',
      ['fails'],
      ['opens'],
      ['open http'],
    ],
    ['the WebSocket constructor throws: HTTP', ['throws'], ['opens'], ['open http']],
    ['there is no WebSocket: HTTP', undefined, ['opens'], ['open http']],
    [
      'both fail: one error and one close, of the last',
      ['fails'],
      ['fails'],
      ['error', 'close 1006'],
    ],
  ];
  for (const [what, ws, http, expected] of CASES) {
    test(what, async () => {
      const { selector, fetches } = setup(ws, http);
      const socket = selector.open();
      const events = record(socket);
      await tick();
      assert.deepEqual(events, expected);
      if (expected[0] === 'open websocket') assert.deepEqual(fetches.urls, []);
      socket.close();
    });
  }

  test('a WebSocket that neither opens nor fails is given up after fallbackAfterMs', async () => {
    const { selector, sockets, clock } = setup(['hangs'], ['opens']);
    const socket = selector.open();
    const events = record(socket);
    await clock.advanceAsync(4_999);
    assert.deepEqual(events, []);
    assert.equal(socket.transport, 'websocket');
    await clock.advanceAsync(1);
    await tick();
    assert.deepEqual(events, ['open http']);
    assert.equal(sockets?.opened[0]?.closedWith, 1000, 'the hanging WebSocket is closed');
    socket.close();
  });

  test('a WebSocket that opens and then closes is reported, not replaced', async () => {
    const { selector, sockets, fetches } = setup(['opens'], ['opens']);
    const socket = selector.open();
    const events = record(socket);
    await tick();
    sockets?.opened[0]?.close(4000);
    await tick();
    assert.deepEqual(events, ['open websocket', 'close 4000']);
    assert.deepEqual(fetches.urls, []);
  });

  test('closing while the WebSocket connects does not fall back', async () => {
    const { selector, fetches } = setup(['hangs'], ['opens']);
    const socket = selector.open();
    const events = record(socket);
    socket.close(4100);
    await tick();
    assert.deepEqual(events, ['error', 'close 1006']);
    assert.deepEqual(fetches.urls, []);
  });

  test('after a fallback, the next connection tries HTTP first, then the WebSocket', async () => {
    const { selector, fetches, sockets } = setup(['fails', 'opens'], ['opens', 'fails']);
    const first = selector.open();
    const firstEvents = record(first);
    await tick();
    assert.deepEqual(firstEvents, ['open http']);
    first.close();
    const second = selector.open();
    const secondEvents = record(second);
    await tick();
    assert.deepEqual(secondEvents, ['open websocket']);
    assert.equal(fetches.urls.length, 2, 'HTTP was tried first');
    assert.equal(sockets?.opened.length, 2);
    second.close();
  });

  test('without a fallback that opened, the order stays as given', async () => {
    const { selector, sockets } = setup(['fails', 'opens'], ['fails']);
    const first = selector.open();
    const events = record(first);
    await tick();
    assert.deepEqual(events, ['error', 'close 1006']);
    const second = selector.open();
    const secondEvents = record(second);
    await tick();
    assert.deepEqual(secondEvents, ['open websocket']);
    assert.equal(sockets?.opened.length, 2);
    second.close();
  });

  test('transports in another order: HTTP first', async () => {
    const { selector, sockets } = setup(['opens'], ['opens'], ['http', 'websocket']);
    const socket = selector.open();
    const events = record(socket);
    await tick();
    assert.deepEqual(events, ['open http']);
    assert.equal(sockets?.opened.length, 0);
    socket.close();
  });

  test('open() throws when no transport can even start', () => {
    const { selector } = setup(['throws'], [], ['websocket']);
    assert.throws(() => selector.open(), SyntaxError);
  });
});

/** [WebSocket URL, HTTP fallback URL]. */
const URLS: [string, string][] = [
  ['ws://localhost:8080/v1/ws', 'http://localhost:8080/v1/sse'],
  ['wss://example.com/v1/ws', 'https://example.com/v1/sse'],
  ['wss://example.com/signaling/v1/ws?x=1', 'https://example.com/signaling/v1/sse?x=1'],
  ['wss://example.com/v1/ws/', 'https://example.com/v1/sse'],
  ['wss://example.com/socket', 'https://example.com/v1/sse'],
  ['https://example.com/v1/ws', 'https://example.com/v1/sse'],
];
for (const [ws, http] of URLS) {
  test(`httpFallbackUrl: ${ws} -> ${http}`, () => {
    assert.equal(httpFallbackUrl(ws), http);
  });
}
