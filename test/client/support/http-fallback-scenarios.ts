/**
 * @roamhq/wrtc peers that meet through a real signaling server, one of them on the HTTP
 * fallback. Run in a child process by http-fallback-wrtc.test.ts (wrtc crashes Node at exit
 * once media was applied), which owns the server and passes its URL.
 */
import {
  createSignalingClient,
  joinRoom,
  type SignalingTransport,
  type WebSocketConstructor,
} from 'switchboard/client';
import WebSocket from 'ws';
import { WrtcPeerConnection } from '../../support/wrtc.ts';
import { serveScenarios } from './child-process.ts';
import { delay, waitFor } from './loopback-signaling.ts';

const TAG = Math.random().toString(36).slice(2, 8);

interface Peer {
  name: string;
  transport: string | undefined;
  received: string[];
  channel: RTCDataChannel | undefined;
  close(): void;
}

async function startPeer(
  url: string,
  name: string,
  transports: SignalingTransport[],
  room: string,
): Promise<Peer> {
  const client = createSignalingClient({
    url,
    peer: `${name}.${TAG}`,
    transports,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
  });
  await client.connect();
  const peer: Peer = {
    name,
    transport: client.transport,
    received: [],
    channel: undefined,
    close: () => client.close(),
  };
  const joined = await joinRoom(client, room, {
    createPeerConnection: (configuration) => new WrtcPeerConnection(configuration),
    setupPeer: (session) => {
      const channel = session.connection.createDataChannel(`${name}->${session.peer}`);
      peer.channel = channel;
    },
  });
  joined.on('datachannel', ({ channel }) => {
    channel.addEventListener('message', (event) => {
      peer.received.push(String((event as MessageEvent).data));
    });
  });
  const close = peer.close;
  peer.close = () => {
    for (const session of joined.peers.values()) session.close();
    close();
  };
  return peer;
}

/** Alice on the HTTP fallback, bob on a WebSocket: a data channel each way. */
async function mixedTransports(url: string): Promise<unknown> {
  const room = `fallback.${TAG}`;
  const alice = await startPeer(url, 'alice', ['http'], room);
  const bob = await startPeer(url, 'bob', ['websocket'], room);
  const peers = [alice, bob];
  await waitFor(
    () => peers.every((p) => p.channel?.readyState === 'open'),
    'both data channels open',
    20_000,
  );
  alice.channel?.send('hello bob, from alice over the HTTP fallback');
  bob.channel?.send('hello alice, from bob over a WebSocket');
  await waitFor(() => peers.every((p) => p.received.length >= 1), 'both messages', 10_000);
  const result = {
    transports: peers.map((p) => `${p.name}:${p.transport}`),
    received: Object.fromEntries(peers.map((p) => [p.name, p.received])),
  };
  for (const p of peers) p.close();
  await delay(50);
  return result;
}

serveScenarios(import.meta.url, { 'mixed-transports': mixedTransports });
