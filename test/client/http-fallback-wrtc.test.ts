import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSignalingServer, type SignalingServer } from 'switchboard/server';
import { runInChild } from './support/child-process.ts';

// Two @roamhq/wrtc peers (in a child process: see support/child-process.ts) negotiate through
// a real server on 127.0.0.1, port 0: alice over the HTTP fallback, bob over a WebSocket.

const SCENARIOS = new URL('./support/http-fallback-scenarios.ts', import.meta.url).href;

let server: SignalingServer;
let url = '';
before(async () => {
  server = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false });
  await server.listening;
  url = `ws://127.0.0.1:${server.address()?.port}/v1/ws`;
});
after(() => server.close());

test('a wrtc peer on the HTTP fallback connects to one on a WebSocket: data channel messages both ways', {
  timeout: 70_000,
}, async () => {
  const result = await runInChild(SCENARIOS, 'mixed-transports', [url], 60_000);
  assert.deepEqual(result, {
    transports: ['alice:http', 'bob:websocket'],
    received: {
      alice: ['hello alice, from bob over a WebSocket'],
      bob: ['hello bob, from alice over the HTTP fallback'],
    },
  });
});
