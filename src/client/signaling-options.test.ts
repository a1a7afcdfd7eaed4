import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FetchFunction } from './http-transport.ts';
import { resolveSignalingOptions, type SignalingClientOptions } from './signaling-options.ts';
import type { WebSocketConstructor } from './transport.ts';

const WebSocket = class {} as unknown as WebSocketConstructor;
const fetch: FetchFunction = async () => new Response(null);
const url = 'wss://example.com/v1/ws';

/** [case, options, transports used, HTTP fallback URL]. Node 20 has no global WebSocket. */
const RESOLVED: [string, Partial<SignalingClientOptions>, string[], string][] = [
  [
    'by default: the WebSocket, then HTTP',
    { WebSocket },
    ['websocket', 'http'],
    'https://example.com/v1/sse',
  ],
  ['no WebSocket at all: HTTP alone', {}, ['http'], 'https://example.com/v1/sse'],
  ['only the WebSocket', { WebSocket, transports: ['websocket'] }, ['websocket'], ''],
  [
    'HTTP first',
    { WebSocket, transports: ['http', 'websocket'] },
    ['http', 'websocket'],
    'https://example.com/v1/sse',
  ],
  [
    'an httpUrl of its own',
    { WebSocket, httpUrl: 'https://edge.example.com/fallback' },
    ['websocket', 'http'],
    'https://edge.example.com/fallback',
  ],
  ['a fetch of its own', { fetch, transports: ['http'] }, ['http'], 'https://example.com/v1/sse'],
];
for (const [what, options, transports, httpUrl] of RESOLVED) {
  test(`transports: ${what}`, () => {
    const resolved = resolveSignalingOptions({ url, ...options });
    assert.deepEqual(resolved.transport.transports, transports);
    assert.equal(resolved.transport.httpUrl, httpUrl);
  });
}

/** [case, options, the option the TypeError names]. */
const REJECTED: [string, Partial<SignalingClientOptions>, RegExp][] = [
  ['an unknown transport', { WebSocket, transports: ['polling' as never] }, /`transports`/],
  ['no transport', { WebSocket, transports: [] }, /`transports`/],
  ['a transport twice', { WebSocket, transports: ['http', 'http'] }, /`transports`/],
  ['only the WebSocket, and there is none', { transports: ['websocket'] }, /`WebSocket`/],
  ['a fetch that is not a function', { WebSocket, fetch: 'fetch' as never }, /`fetch`/],
  ['an empty httpUrl', { WebSocket, httpUrl: '' }, /`httpUrl`/],
];
for (const [what, options, names] of REJECTED) {
  test(`throws TypeError for ${what}`, () => {
    assert.throws(
      () => resolveSignalingOptions({ url, ...options }),
      (error: Error) => error instanceof TypeError && names.test(error.message),
    );
  });
}

test('throws TypeError naming `WebSocket` and `fetch` when neither exists', () => {
  const saved = globalThis.fetch;
  (globalThis as { fetch?: unknown }).fetch = undefined;
  try {
    assert.throws(
      () => resolveSignalingOptions({ url }),
      (error: Error) =>
        error instanceof TypeError && /`WebSocket` or a `fetch`/.test(error.message),
    );
  } finally {
    globalThis.fetch = saved;
  }
});
