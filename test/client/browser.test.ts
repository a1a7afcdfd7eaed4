import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSignalingServer } from 'switchboard/server';
import { withChromiumPage } from '../support/chromium.ts';
import { bundleClient } from '../support/client-bundle.ts';

// switchboard/client in a real browser: the package bundled for the browser platform (no
// Node built-ins available), two peers in one Chromium page with the browser's own
// WebSocket and RTCPeerConnection, through a real server.

interface PageResult {
  states: string[];
  received: string[];
  roles: boolean[];
}

/** Runs in the page: two clients meet in a room and greet each other over a data channel. */
async function twoPeersInPage(url: string): Promise<PageResult> {
  type Client = typeof import('switchboard/client');
  const sdk = (globalThis as unknown as { Switchboard: Client }).Switchboard;
  const received: string[] = [];
  const room = `browser-${Math.random().toString(36).slice(2)}`;
  const start = async (name: string) => {
    const client = sdk.createSignalingClient({ url });
    await client.connect();
    const handle = sdk.createRoom(client, room, {
      presence: { name },
      createPeerConnection: (configuration) => new RTCPeerConnection(configuration),
    });
    return { client, room: handle };
  };
  const alice = await start('alice');
  const bob = await start('bob');
  const done = new Promise<void>((resolve, reject) => {
    setTimeout(() => reject(new Error('no exchange within 15 s')), 15_000);
    alice.room.on('peerjoined', ({ session }) => {
      const channel = session.connection.createDataChannel('chat');
      channel.onopen = () => channel.send('hello from alice');
      channel.onmessage = (event) => {
        received.push(`alice got: ${event.data}`);
        resolve();
      };
    });
    bob.room.on('datachannel', ({ channel }) => {
      channel.onmessage = (event) => {
        received.push(`bob got: ${event.data}`);
        channel.send('hello from bob');
      };
    });
  });
  await alice.room.join();
  await bob.room.join();
  await done;
  const sessions = [...alice.room.peers.values(), ...bob.room.peers.values()];
  const result = {
    states: sessions.map((s) => s.state),
    received,
    roles: sessions.map((s) => s.polite),
  };
  for (const side of [alice, bob]) {
    await side.room.leave();
    side.client.close();
  }
  return result;
}

test('the client runs in Chromium: two browser peers connect through the server', {
  timeout: 60_000,
}, async () => {
  const server = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false });
  await server.listening;
  try {
    const url = `ws://127.0.0.1:${server.address()?.port}/v1/ws`;
    const bundle = await bundleClient();
    const result = await withChromiumPage(async (page) => {
      await page.addScriptTag({ content: bundle });
      return page.evaluate(twoPeersInPage, url);
    });
    assert.deepEqual(result.received, ['bob got: hello from alice', 'alice got: hello from bob']);
    assert.deepEqual(result.states, ['connected', 'connected']);
    assert.deepEqual([...result.roles].sort(), [false, true]);
  } finally {
    await server.close();
  }
});
