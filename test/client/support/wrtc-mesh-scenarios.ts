/**
 * @roamhq/wrtc peers that meet through a real signaling server with the SDK (signaling
 * client + rooms). Run in a child process by wrtc-mesh.test.ts, which owns the server and
 * passes its URL; each scenario returns plain data the test asserts on.
 */
import wrtc from '@roamhq/wrtc';
import {
  createSignalingClient,
  joinRoom,
  type PeerSession,
  type Room,
  type SignalingClient,
  type WebSocketConstructor,
} from 'switchboard/client';
import type { SignalPayload } from 'switchboard/protocol';
import WebSocket from 'ws';
import { WrtcPeerConnection } from '../../support/wrtc.ts';
import { serveScenarios } from './child-process.ts';
import { delay, waitFor } from './loopback-signaling.ts';

/**
 * Every child run uses its own peer ids and rooms, so a run that failed (leaving sessions
 * in their resume window on the shared server) cannot disturb the next; results are
 * reported without the tag.
 */
const TAG = Math.random().toString(36).slice(2, 8);
const tagged = (name: string) => `${name}.${TAG}`;
const untagged = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll(`.${TAG}`, ''));

/** Where a socket is cut: the predicate sees every frame the client is about to send. */
type CutRule = (frame: { type: string; payload?: SignalPayload }) => 'before' | 'after' | undefined;

/** A `ws` constructor whose sockets can be cut (a network drop) at a chosen frame. */
function cuttableWebSocket(): {
  WebSocket: WebSocketConstructor;
  cutAt(rule: CutRule): void;
  cuts: number;
} {
  const state = { rule: undefined as CutRule | undefined, cuts: 0 };
  class Cuttable extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      const rule = state.rule;
      const when = rule && typeof data === 'string' ? rule(JSON.parse(data)) : undefined;
      if (when) state.rule = undefined;
      if (when === 'before') {
        state.cuts += 1;
        this.terminate();
        return;
      }
      (super.send as (...args: unknown[]) => void)(data, ...rest);
      if (when === 'after') {
        state.cuts += 1;
        // Let the frame leave before the socket dies.
        setTimeout(() => this.terminate(), 5);
      }
    }
  }
  return {
    WebSocket: Cuttable as unknown as WebSocketConstructor,
    cutAt(rule) {
      state.rule = rule;
    },
    get cuts() {
      return state.cuts;
    },
  };
}

interface Peer {
  name: string;
  client: SignalingClient;
  room: Room;
  /** Messages received on data channels, as `from: text`. */
  received: string[];
  channels: Map<string, RTCDataChannel>;
  errors: string[];
  events: string[];
  cut: ReturnType<typeof cuttableWebSocket>;
}

/** Connects `name`, joins `room` and gives every session a data channel named after both ends. */
async function startPeer(
  url: string,
  name: string,
  roomName = 'mesh',
  dataChannels = true,
): Promise<Peer> {
  const cut = cuttableWebSocket();
  const client = createSignalingClient({ url, WebSocket: cut.WebSocket, peer: tagged(name) });
  const peer: Peer = {
    name,
    client,
    room: undefined as unknown as Room,
    received: [],
    channels: new Map(),
    errors: [],
    events: [],
    cut,
  };
  for (const type of ['reconnecting', 'resumed', 'open', 'close'] as const) {
    client.on(type, () => peer.events.push(type));
  }
  client.on('error', ({ error }) => peer.errors.push(`${error.code}: ${error.message}`));
  await client.connect();
  const listen = (channel: RTCDataChannel, from: string) => {
    channel.addEventListener('message', (event) => {
      peer.received.push(`${from}: ${String((event as MessageEvent).data)}`);
    });
  };
  peer.room = await joinRoom(client, tagged(roomName), {
    createPeerConnection: (configuration) => new WrtcPeerConnection(configuration),
    presence: { name },
    setupPeer: (session) => {
      if (!dataChannels) return;
      const channel = session.connection.createDataChannel(`${name}->${session.peer}`);
      peer.channels.set(session.peer, channel);
      listen(channel, session.peer);
    },
  });
  peer.room.on('datachannel', ({ peer: from, channel }) => listen(channel, from));
  peer.room.on('error', ({ peer: from, error }) => peer.errors.push(`${from}: ${error.message}`));
  return peer;
}

const open = (channel: RTCDataChannel | undefined) => channel?.readyState === 'open';

/** Every peer sends one message to every other over its own channel; returns what arrived. */
async function exchangeAll(peers: Peer[]): Promise<Record<string, string[]>> {
  await waitFor(
    () => peers.every((p) => peers.every((q) => q === p || open(p.channels.get(tagged(q.name))))),
    'every data channel open',
    20_000,
  );
  for (const p of peers) {
    for (const [to, channel] of p.channels) channel.send(`hello ${to}, from ${tagged(p.name)}`);
  }
  const expected = peers.length - 1;
  await waitFor(() => peers.every((p) => p.received.length >= expected), 'every message', 10_000);
  return Object.fromEntries(peers.map((p) => [p.name, [...p.received].sort()]));
}

function sessionStates(peers: Peer[]): Record<string, string[]> {
  return Object.fromEntries(
    peers.map((p) => [
      p.name,
      [...p.room.peers.values()].map((s) => `${s.peer}:${s.state}`).sort(),
    ]),
  );
}

async function shutdown(peers: Peer[]): Promise<void> {
  for (const p of peers) {
    for (const session of p.room.peers.values()) session.close();
    p.client.close();
  }
  await delay(50);
}

/** `count` peers join at once and exchange messages over data channels, every pair both ways. */
async function mesh(url: string, count: string): Promise<unknown> {
  const names = ['alice', 'bob', 'carol', 'dave'].slice(0, Number(count));
  const peers = await Promise.all(names.map((name) => startPeer(url, name)));
  const received = await exchangeAll(peers);
  await waitFor(
    () => peers.every((p) => [...p.room.peers.values()].every((s) => s.state === 'connected')),
    'every session connected',
  );
  const result = {
    received,
    states: sessionStates(peers),
    roles: Object.fromEntries(
      peers.map((p) => [
        p.name,
        [...p.room.peers.values()]
          .map((s) => `${s.peer}:${s.polite ? 'polite' : 'impolite'}`)
          .sort(),
      ]),
    ),
    errors: peers.flatMap((p) => p.errors),
  };
  await shutdown(peers);
  return result;
}

function sendFrames(
  source: InstanceType<typeof wrtc.nonstandard.RTCVideoSource>,
  stop: { stopped: boolean },
) {
  const width = 64;
  const height = 48;
  const data = new Uint8Array(width * height * 1.5);
  const tick = () => {
    if (stop.stopped) return;
    source.onFrame({ width, height, data });
    setTimeout(tick, 20);
  };
  tick();
}

/**
 * Two connected peers both add a video track at the same instant: negotiation converges to
 * stable, each side has one video transceiver (no duplicates), and frames arrive both ways.
 */
async function glareVideo(url: string): Promise<unknown> {
  const peers = [await startPeer(url, 'alice'), await startPeer(url, 'bob')];
  await exchangeAll(peers);
  const sessions = peers.map((p) => [...p.room.peers.values()][0] as PeerSession);
  const offers = [0, 0];
  sessions.forEach((session, index) => {
    const pc = session.connection;
    pc.addEventListener('signalingstatechange', () => {
      if (pc.signalingState === 'have-local-offer') offers[index] = (offers[index] ?? 0) + 1;
    });
  });
  const frames = [0, 0];
  const sinks: Array<{ stop(): void }> = [];
  peers.forEach((p, index) => {
    p.room.on('track', ({ track }) => {
      if (track.kind !== 'video') return;
      const sink = new wrtc.nonstandard.RTCVideoSink(track);
      sink.onframe = () => {
        frames[index] = (frames[index] ?? 0) + 1;
      };
      sinks.push(sink);
    });
  });
  const stop = { stopped: false };
  // The same instant: both tracks are added in one synchronous block.
  const sources = sessions.map((session) => {
    const source = new wrtc.nonstandard.RTCVideoSource();
    session.connection.addTrack(source.createTrack());
    return source;
  });
  for (const source of sources) sendFrames(source, stop);
  const stable = () =>
    sessions.every((s) => s.connection.signalingState === 'stable') &&
    sessions.every((s) =>
      s.connection.getTransceivers().every((t) => t.currentDirection === 'sendrecv'),
    );
  await waitFor(stable, 'stable with sendrecv transceivers', 15_000);
  await Promise.all(sessions.map((s) => s.whenIdle()));
  await delay(300);
  await waitFor(stable, 'still stable', 5000);
  await waitFor(
    () => (frames[0] ?? 0) > 3 && (frames[1] ?? 0) > 3,
    'video frames both ways',
    10_000,
  );
  stop.stopped = true;
  for (const sink of sinks) sink.stop();
  const result = {
    offers,
    signaling: sessions.map((s) => s.connection.signalingState),
    transceivers: sessions.map((s) =>
      s.connection
        .getTransceivers()
        .map((t) => `${t.mid}:${t.receiver.track.kind}:${t.currentDirection}`),
    ),
    framesReceived: frames.map((n) => n > 3),
    errors: peers.flatMap((p) => p.errors),
  };
  await shutdown(peers);
  return result;
}

const CUT_RULES: Record<string, CutRule> = {
  // The offer never leaves: it waits in the outbound buffer and goes out after resume.
  'before-offer': (f) =>
    f.type === 'signal' && f.payload?.kind === 'description' ? 'before' : undefined,
  // The offer reached the server; the answer comes back while the offerer is away.
  'after-offer': (f) =>
    f.type === 'signal' && f.payload?.kind === 'description' ? 'after' : undefined,
  // Cut amid the candidates.
  'after-candidate': (f) =>
    f.type === 'signal' && f.payload?.kind === 'candidate' ? 'after' : undefined,
};

/**
 * Alice's signaling socket drops at `point` of her offer to bob; her client resumes the
 * session and the peers connect anyway.
 */
async function dropMidNegotiation(url: string, point: string): Promise<unknown> {
  const rule = CUT_RULES[point];
  if (!rule) throw new Error(`unknown cut point ${point}`);
  const alice = await startPeer(url, 'alice', `drop-${point}`, false);
  alice.cut.cutAt(rule);
  const bob = await startPeer(url, 'bob', `drop-${point}`, false);
  await waitFor(() => alice.room.peers.size === 1, 'alice meets bob');
  const session = alice.room.peers.get(tagged('bob')) as PeerSession;
  const channel = session.connection.createDataChannel('after-drop');
  alice.channels.set(tagged('bob'), channel);
  channel.addEventListener('message', (event) => {
    alice.received.push(`${tagged('bob')}: ${String((event as MessageEvent).data)}`);
  });
  if (process.env.DEBUG_DROP) {
    for (const p of [alice, bob]) {
      for (const t of [
        'signal',
        'reconnecting',
        'resumed',
        'open',
        'error',
        'undeliverable',
        'expired',
        'peerleft',
        'peerjoined',
      ] as const) {
        p.client.on(t, (e) => console.error(p.name, t, JSON.stringify(e).slice(0, 160)));
      }
    }
  }
  bob.room.on('datachannel', ({ peer, channel: remote }) => {
    if (peer === tagged('alice')) bob.channels.set(tagged('alice'), remote);
  });
  const received = await exchangeAll([alice, bob]);
  await waitFor(() => alice.events.includes('resumed'), 'alice resumed');
  const result = {
    cuts: alice.cut.cuts,
    aliceEvents: alice.events,
    received,
    states: sessionStates([alice, bob]),
    errors: [...alice.errors, ...bob.errors],
  };
  await shutdown([alice, bob]);
  return result;
}

/** Two connected peers; alice restarts ICE through the server; the channels keep working. */
async function iceRestart(url: string): Promise<unknown> {
  const peers = [await startPeer(url, 'alice', 'restart'), await startPeer(url, 'bob', 'restart')];
  await exchangeAll(peers);
  const [alice, bob] = peers as [Peer, Peer];
  const session = alice.room.peers.get(tagged('bob')) as PeerSession;
  const remote = bob.room.peers.get(tagged('alice')) as PeerSession;
  const ufrag = (d: RTCSessionDescription | null) => d?.sdp.match(/a=ice-ufrag:(\S+)/)?.[1];
  const before = ufrag(session.connection.localDescription);
  session.restartIce();
  await waitFor(
    () =>
      ufrag(session.connection.localDescription) !== before &&
      session.connection.signalingState === 'stable' &&
      ufrag(remote.connection.remoteDescription) === ufrag(session.connection.localDescription),
    'restarted ICE applied on both sides',
  );
  await waitFor(
    () => ['connected', 'completed'].includes(session.connection.iceConnectionState),
    'ICE connected after restart',
  );
  for (const p of peers) p.received.length = 0;
  const received = await exchangeAll(peers);
  const result = {
    changed: ufrag(session.connection.localDescription) !== before,
    received,
    errors: peers.flatMap((p) => p.errors),
  };
  await shutdown(peers);
  return result;
}

const untaggedResult =
  <A extends string[]>(scenario: (...args: A) => Promise<unknown>) =>
  async (...args: A) =>
    untagged(await scenario(...args));

serveScenarios(import.meta.url, {
  mesh: untaggedResult(mesh),
  'glare-video': untaggedResult(glareVideo),
  'drop-mid-negotiation': untaggedResult(dropMidNegotiation),
  'ice-restart': untaggedResult(iceRestart),
});
