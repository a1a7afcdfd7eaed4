import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type CreatePeerConnection,
  createSignalingClient,
  joinRoom,
  type PeerSession,
  type Room,
  type SignalingClient,
  type WebSocketConstructor,
} from 'switchboard/client';
import { createSignalingServer, type SignalingServer } from 'switchboard/server';
import * as werift from 'werift';
import WebSocket from 'ws';
import { type Coturn, startCoturn } from '../support/coturn.ts';
import { WrtcPeerConnection } from '../support/wrtc.ts';
import { waitFor } from './support/loopback-signaling.ts';

// werift (a WebRTC stack written in TypeScript) behind the SDK, through a real signaling
// server. While gathering, werift asks a STUN server for a server-reflexive candidate (a
// public one unless configured), so the signaling server announces a local coturn as its
// STUN server, and werift gets exactly the SDK's configuration, which carries it.

const TAG = Math.random().toString(36).slice(2, 8);
const tagged = (name: string) => `${name}.${TAG}`;

/**
 * The SDK's peer connection factory for werift: the SDK's configuration (ICE servers from
 * the signaling server) plus loopback as a host address, which werift skips otherwise.
 */
const createWeriftPeerConnection: CreatePeerConnection = (configuration) =>
  new werift.RTCPeerConnection({
    ...(configuration as werift.RTCConfiguration),
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
  }) as unknown as RTCPeerConnection;

const STACKS: Record<string, CreatePeerConnection> = {
  werift: createWeriftPeerConnection,
  wrtc: (configuration) => new WrtcPeerConnection(configuration),
};

interface Peer {
  name: string;
  client: SignalingClient;
  room: Room;
  channel: RTCDataChannel | undefined;
  received: string[];
  errors: string[];
  /** Types of the local candidates gathered (`typ` of each `icecandidate`). */
  candidateTypes: Set<string>;
}

/**
 * Connects `name` and joins `roomName`; a peer that `opens` creates one data channel to each
 * member it meets, the other side gets it through `datachannel`.
 */
async function startPeer(
  url: string,
  name: string,
  roomName: string,
  stack: string,
  opens: boolean,
): Promise<Peer> {
  const client = createSignalingClient({
    url,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    peer: tagged(name),
  });
  const peer: Peer = {
    name,
    client,
    room: undefined as unknown as Room,
    channel: undefined,
    received: [],
    errors: [],
    candidateTypes: new Set(),
  };
  client.on('error', ({ error }) => peer.errors.push(`${error.code}: ${error.message}`));
  await client.connect();
  const listen = (channel: RTCDataChannel) => {
    peer.channel = channel;
    channel.addEventListener('message', (event) => {
      peer.received.push(String((event as MessageEvent).data));
    });
  };
  peer.room = await joinRoom(client, tagged(roomName), {
    createPeerConnection: (configuration) => {
      const pc = (STACKS[stack] as CreatePeerConnection)(configuration);
      pc.addEventListener('icecandidate', ({ candidate }) => {
        const type = candidate?.candidate && / typ (\S+)/.exec(candidate.candidate)?.[1];
        if (type) peer.candidateTypes.add(type);
      });
      return pc;
    },
    setupPeer: (session) => {
      if (opens) listen(session.connection.createDataChannel(`${name}->${session.peer}`));
    },
  });
  peer.room.on('datachannel', ({ channel }) => listen(channel));
  peer.room.on('error', ({ peer: from, error }) => peer.errors.push(`${from}: ${error.message}`));
  return peer;
}

const sessionOf = (peer: Peer) => [...peer.room.peers.values()][0] as PeerSession | undefined;

describe('werift peers through a signaling server', () => {
  let coturn: Coturn;
  let server: SignalingServer;
  let url = '';

  before(async () => {
    coturn = await startCoturn();
    server = createSignalingServer({
      port: 0,
      host: '127.0.0.1',
      logger: false,
      iceServers: [{ urls: coturn.stunUri }],
    });
    await server.listening;
    url = `ws://127.0.0.1:${server.address()?.port}/v1/ws`;
  });
  after(async () => {
    await server?.close();
    await coturn?.stop();
  });

  const CASES = [
    { first: 'werift', second: 'werift' },
    { first: 'wrtc', second: 'werift' },
    { first: 'werift', second: 'wrtc' },
  ];
  for (const { first, second } of CASES) {
    test(`${first} meets ${second}: the joiner opens a data channel, messages flow both ways`, {
      timeout: 60_000,
    }, async () => {
      const room = `${first}-${second}`;
      const alice = await startPeer(url, 'alice', room, first, false);
      const bob = await startPeer(url, 'bob', room, second, true);
      const peers = [alice, bob];
      try {
        await waitFor(
          () => peers.every((p) => p.channel?.readyState === 'open'),
          'the data channel open on both sides',
          20_000,
        );
        bob.channel?.send('hello alice');
        alice.channel?.send('hello bob');
        await waitFor(() => peers.every((p) => p.received.length >= 1), 'both messages', 10_000);
        assert.deepEqual(
          peers.map((p) => p.received),
          [['hello alice'], ['hello bob']],
        );
        assert.equal(alice.channel?.label, `bob->${tagged('alice')}`);
        await waitFor(
          () => peers.every((p) => sessionOf(p)?.state === 'connected'),
          'both sessions connected',
          10_000,
        );
        assert.deepEqual(
          peers.map((p) => sessionOf(p)?.connection.signalingState),
          ['stable', 'stable'],
        );
        // werift asked the STUN server the signaling server announced (the only one there is).
        const werifts = peers.filter((_, i) => [first, second][i] === 'werift');
        for (const p of werifts) {
          assert.ok(p.candidateTypes.has('srflx'), `${p.name}: ${[...p.candidateTypes]}`);
          assert.deepEqual(sessionOf(p)?.connection.getConfiguration().iceServers, [
            { urls: coturn.stunUri },
          ]);
        }
        assert.deepEqual(
          peers.flatMap((p) => p.errors),
          [],
        );
      } finally {
        for (const p of peers) await p.room.leave().catch(() => {});
        for (const p of peers) p.client.close();
      }
    });
  }
});
