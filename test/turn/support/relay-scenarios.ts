/**
 * Relay-only @roamhq/wrtc peers that meet through a real signaling server configured with
 * TURN REST credentials for a real coturn. Run in a child process by coturn-wrtc.test.ts,
 * which owns the servers and passes the signaling URL; each scenario returns plain data.
 *
 * The peers set nothing but `iceTransportPolicy: 'relay'` in the room's configuration: the
 * ICE servers, with their credentials, are the ones the signaling server announced.
 */
import {
  createSignalingClient,
  joinRoom,
  type PeerSession,
  type Room,
  type SignalingClient,
  type WebSocketConstructor,
} from 'switchboard/client';
import type { IceServer } from 'switchboard/protocol';
import WebSocket from 'ws';
import { serveScenarios } from '../../client/support/child-process.ts';
import { delay, waitFor } from '../../client/support/loopback-signaling.ts';
import { WrtcPeerConnection } from '../../support/wrtc.ts';

/**
 * Per-run peer ids and rooms, so a failed run leaves nothing the next could meet. Results
 * carry the tag: coturn's log names the tagged ids.
 */
const TAG = Math.random().toString(36).slice(2, 8);
const tagged = (name: string) => `${name}.${TAG}`;

interface RelayPeer {
  name: string;
  client: SignalingClient;
  room: Room;
  channel: RTCDataChannel | undefined;
  received: string[];
  errors: string[];
  /** Types of the local candidates this side gathered (and signaled). */
  candidateTypes: string[];
  /** Every ICE server list the client held: the one from `welcome`, then each refresh. */
  iceServerHistory: IceServer[][];
}

/** A candidate's `typ` from its SDP attribute text (RFC 8839 section 5.1). */
const candidateType = (candidate: string) => / typ (\S+)/.exec(candidate)?.[1] ?? '?';

/** Connects `name` and joins `roomName`; a peer that `opens` creates the data channel. */
async function startPeer(
  url: string,
  name: string,
  roomName: string,
  opens: boolean,
): Promise<RelayPeer> {
  const client = createSignalingClient({
    url,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    peer: tagged(name),
  });
  const peer: RelayPeer = {
    name,
    client,
    room: undefined as unknown as Room,
    channel: undefined,
    received: [],
    errors: [],
    candidateTypes: [],
    iceServerHistory: [],
  };
  client.on('error', ({ error }) => peer.errors.push(`${error.code}: ${error.message}`));
  client.on('iceservers', ({ iceServers }) => peer.iceServerHistory.push([...iceServers]));
  await client.connect();
  peer.iceServerHistory.push([...client.iceServers]);
  const listen = (channel: RTCDataChannel) => {
    peer.channel = channel;
    channel.addEventListener('message', (event) => {
      peer.received.push(String((event as MessageEvent).data));
    });
  };
  peer.room = await joinRoom(client, tagged(roomName), {
    createPeerConnection: (configuration) => {
      const pc = new WrtcPeerConnection(configuration);
      pc.addEventListener('icecandidate', ({ candidate }) => {
        if (candidate?.candidate) peer.candidateTypes.push(candidateType(candidate.candidate));
      });
      return pc;
    },
    configuration: { iceTransportPolicy: 'relay' },
    setupPeer: (session) => {
      if (opens) listen(session.connection.createDataChannel(name));
    },
  });
  peer.room.on('datachannel', ({ channel }) => listen(channel));
  peer.room.on('error', ({ peer: from, error }) => peer.errors.push(`${from}: ${error.message}`));
  return peer;
}

/** Alice joins first, then bob, who opens a data channel to her. */
async function startPair(url: string, roomName: string): Promise<[RelayPeer, RelayPeer]> {
  const alice = await startPeer(url, 'alice', roomName, false);
  const bob = await startPeer(url, 'bob', roomName, true);
  await waitFor(() => alice.room.peers.size === 1, 'alice meets bob', 10_000);
  return [alice, bob];
}

const session = (peer: RelayPeer) => [...peer.room.peers.values()][0] as PeerSession;

/** Sends one message each way over the data channel and waits for both. */
async function exchange(peers: [RelayPeer, RelayPeer], round: string): Promise<string[][]> {
  await waitFor(
    () => peers.every((p) => p.channel?.readyState === 'open'),
    'data channel open on both sides',
    15_000,
  );
  for (const p of peers) p.received.length = 0;
  const [alice, bob] = peers;
  alice.channel?.send(`${round}: alice to bob`);
  bob.channel?.send(`${round}: bob to alice`);
  await waitFor(() => peers.every((p) => p.received.length >= 1), `${round} messages`, 10_000);
  return peers.map((p) => [...p.received]);
}

/** The selected candidate pair as getStats reports it (webrtc-stats: transport, candidates). */
async function selectedPair(pc: RTCPeerConnection): Promise<Record<string, unknown> | undefined> {
  const stats = new Map<string, Record<string, unknown>>();
  (await pc.getStats()).forEach((report: Record<string, unknown>) => {
    stats.set(report.id as string, report);
  });
  const transport = [...stats.values()].find((s) => s.type === 'transport');
  const pair =
    stats.get(transport?.selectedCandidatePairId as string) ??
    [...stats.values()].find(
      (s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated,
    );
  if (!pair) return undefined;
  const local = stats.get(pair.localCandidateId as string);
  const remote = stats.get(pair.remoteCandidateId as string);
  return {
    local: {
      type: local?.candidateType,
      protocol: local?.protocol,
      relayProtocol: local?.relayProtocol,
      address: local?.address ?? local?.ip,
      port: local?.port,
    },
    remote: { type: remote?.candidateType, address: remote?.address ?? remote?.ip },
  };
}

async function connectedPairs(peers: RelayPeer[]): Promise<Array<Record<string, unknown>>> {
  await waitFor(
    () => peers.every((p) => session(p)?.state === 'connected'),
    'both sessions connected',
    15_000,
  );
  const pairs: Array<Record<string, unknown>> = [];
  for (const p of peers) {
    const pair = await selectedPair(session(p).connection);
    if (!pair) throw new Error(`${p.name}: getStats names no selected candidate pair`);
    pairs.push(pair);
  }
  return pairs;
}

async function shutdown(peers: RelayPeer[]): Promise<void> {
  for (const p of peers) await p.room.leave().catch(() => {});
  for (const p of peers) p.client.close();
  await delay(50);
}

/** Two relay-only peers connect and exchange messages; reports what carried them. */
async function relayCall(url: string): Promise<unknown> {
  const started = performance.now();
  const peers = await startPair(url, 'relay');
  const received = await exchange(peers, 'relay');
  const connectedMs = Math.round(performance.now() - started);
  const pairs = await connectedPairs(peers);
  const result = {
    tag: TAG,
    iceServers: Object.fromEntries(peers.map((p) => [p.name, p.client.iceServers])),
    received,
    pairs,
    candidateTypes: peers.map((p) => [...new Set(p.candidateTypes)]),
    errors: peers.flatMap((p) => p.errors),
    connectedMs,
  };
  await shutdown(peers);
  return result;
}

/**
 * Two relay-only peers whose TURN credentials coturn refuses: once both have finished
 * gathering, they wait `holdMs` more and report that nothing connected.
 */
async function relayRefused(url: string, holdMs: string): Promise<unknown> {
  const peers = await startPair(url, 'refused');
  await waitFor(
    () => peers.every((p) => session(p)?.connection.iceGatheringState === 'complete'),
    'both sides finished gathering',
    15_000,
  );
  await delay(Number(holdMs));
  const result = {
    tag: TAG,
    iceServers: Object.fromEntries(peers.map((p) => [p.name, p.client.iceServers])),
    candidateTypes: peers.map((p) => p.candidateTypes),
    iceStates: peers.map((p) => session(p).connection.iceConnectionState),
    sessionStates: peers.map((p) => session(p).state),
    channelStates: peers.map((p) => p.channel?.readyState ?? 'none'),
    received: peers.map((p) => p.received),
  };
  await shutdown(peers);
  return result;
}

const turnUsername = (servers: readonly IceServer[]) =>
  servers.find((s) => s.username !== undefined)?.username ?? '';
const expiryOf = (username: string) => Number(username.split(':')[0]);

/**
 * A relay call outlives the TURN credentials it started with: the server pushes fresh ones
 * (`ice-servers`), the SDK hands them to each peer connection (`setConfiguration`), and once
 * the first credentials have expired an ICE restart (by alice) allocates new relays with the
 * fresh ones. Pairs are reported from bob's side.
 */
async function relayRefresh(url: string): Promise<unknown> {
  const peers = await startPair(url, 'refresh');
  const [alice, bob] = peers;
  const first = await exchange(peers, 'before expiry');
  // Bob offered first, so his ICE agent is the controlling one (RFC 8445 section 6.1.1) and
  // stays so across restarts: his selected pair is the one nominated. (libwebrtc's controlled
  // side may go on reporting the pair it selected before the restart.)
  const [, pairBefore] = await connectedPairs(peers);
  const welcomeExpiry = Math.max(
    ...peers.map((p) => expiryOf(turnUsername(p.iceServerHistory[0] ?? []))),
  );
  // Past both expiries (whole seconds; coturn refuses once `expiry < now`), with a margin.
  const expiredAtMs = (welcomeExpiry + 1) * 1000;
  await waitFor(() => Date.now() > expiredAtMs, 'the welcome credentials expired', 30_000);
  await waitFor(
    () => peers.every((p) => p.iceServerHistory.length >= 2),
    'fresh credentials pushed to both clients',
    10_000,
  );
  const afterExpiry = await exchange(peers, 'after expiry');
  const restartUsernames = peers.map((p) => turnUsername(p.client.iceServers));
  const configured = peers.map((p) =>
    turnUsername(session(p).connection.getConfiguration().iceServers ?? []),
  );
  const localUfrag = () =>
    session(alice).connection.localDescription?.sdp.match(/a=ice-ufrag:(\S+)/)?.[1];
  const ufragBefore = localUfrag();
  const restartedAfterExpiry = Date.now() > expiredAtMs;
  session(alice).restartIce();
  await waitFor(
    () =>
      localUfrag() !== ufragBefore &&
      peers.every((p) => session(p).connection.signalingState === 'stable'),
    'ICE restart negotiated',
    15_000,
  );
  await waitFor(
    async () => {
      const pair = await selectedPair(session(bob).connection);
      return pair !== undefined && JSON.stringify(pair) !== JSON.stringify(pairBefore);
    },
    'a new candidate pair selected after the restart',
    15_000,
  );
  const afterRestart = await exchange(peers, 'after restart');
  const [, pairAfter] = await connectedPairs(peers);
  const result = {
    tag: TAG,
    welcomeUsernames: peers.map((p) => turnUsername(p.iceServerHistory[0] ?? [])),
    refreshedUsernames: peers.map((p) => p.iceServerHistory.slice(1).map(turnUsername)),
    restartUsernames,
    configuredUsernames: configured,
    restartedAfterExpiry,
    received: { first, afterExpiry, afterRestart },
    pairBefore,
    pairAfter,
    errors: peers.flatMap((p) => p.errors),
  };
  await shutdown(peers);
  return result;
}

serveScenarios(import.meta.url, {
  'relay-call': relayCall,
  'relay-refused': relayRefused,
  'relay-refresh': relayRefresh,
});
