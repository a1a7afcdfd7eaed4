/**
 * Perfect negotiation between two real libwebrtc stacks (@roamhq/wrtc), wired by loopback
 * signaling. Run in a child process by peer-session-wrtc.test.ts (see child-process.ts); each
 * scenario returns plain data the test asserts on.
 */

import wrtc from '@roamhq/wrtc';
import fc from 'fast-check';
import { createPeerSession, type PeerSession } from 'switchboard/client';
import { WrtcPeerConnection } from '../../support/wrtc.ts';
import { serveScenarios } from './child-process.ts';
import { delay, Loopback, waitFor } from './loopback-signaling.ts';

export interface Side {
  session: PeerSession;
  errors: string[];
  tracks: string[];
  channels: RTCDataChannel[];
}

export interface Pair {
  a: Side;
  b: Side;
  loop: Loopback;
  close(): void;
}

/** Two sessions to each other; `polite` names the polite side. */
export function createPair(polite: 'a' | 'b', latencyMs: () => number = () => 1): Pair {
  const loop = new Loopback(latencyMs);
  const side = (name: 'a' | 'b'): Side => {
    const session = createPeerSession({
      signaling: name === 'a' ? loop.a : loop.b,
      room: 'r',
      peer: name === 'a' ? 'b' : 'a',
      polite: polite === name,
      createPeerConnection: (configuration) => new WrtcPeerConnection(configuration),
    });
    const result: Side = { session, errors: [], tracks: [], channels: [] };
    session.on('error', ({ error }) => result.errors.push(`${error.code}: ${error.message}`));
    session.on('track', ({ track }) => result.tracks.push(track.kind));
    session.on('datachannel', ({ channel }) => result.channels.push(channel));
    return result;
  };
  const a = side('a');
  const b = side('b');
  loop.connect(a.session, b.session);
  return {
    a,
    b,
    loop,
    close() {
      a.session.close();
      b.session.close();
    },
  };
}

const stable = (side: Side) => side.session.connection.signalingState === 'stable';

/** Waits until both sides are stable with nothing in flight, and stay so for `quietMs`. */
export async function converged(pair: Pair, timeoutMs = 10_000, quietMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await waitFor(
      () => stable(pair.a) && stable(pair.b) && pair.loop.idle,
      'both sides stable',
      Math.max(1, deadline - Date.now()),
    );
    await Promise.all([pair.a.session.whenIdle(), pair.b.session.whenIdle()]);
    await delay(quietMs);
    if (stable(pair.a) && stable(pair.b) && pair.loop.idle) return;
    if (Date.now() > deadline) throw new Error('negotiation did not settle');
  }
}

function transceivers(side: Side) {
  return side.session.connection.getTransceivers().map((t) => ({
    mid: t.mid,
    kind: t.receiver.track.kind,
    currentDirection: t.currentDirection,
  }));
}

function ufrag(description: RTCSessionDescription | null): string | undefined {
  return description?.sdp.match(/a=ice-ufrag:(\S+)/)?.[1];
}

function audioTrack(): MediaStreamTrack {
  return new wrtc.nonstandard.RTCAudioSource().createTrack();
}

function videoTrack(): MediaStreamTrack {
  return new wrtc.nonstandard.RTCVideoSource().createTrack();
}

/** Sends `text` on `channel` once open and resolves with the first message `other` gets. */
async function exchange(from: RTCDataChannel, to: RTCDataChannel, text: string): Promise<string> {
  await waitFor(() => from.readyState === 'open' && to.readyState === 'open', 'data channel open');
  const received = new Promise<string>((resolve) => {
    to.addEventListener('message', (event) => resolve(String((event as MessageEvent).data)), {
      once: true,
    });
  });
  from.send(text);
  return received;
}

const ICE_UP = new Set(['connected', 'completed']);
const iceUp = (side: Side) => ICE_UP.has(side.session.connection.iceConnectionState);

async function dataChannel(): Promise<unknown> {
  const pair = createPair('b');
  const channel = pair.a.session.connection.createDataChannel('chat');
  await waitFor(() => pair.b.channels.length > 0, 'datachannel event');
  const remote = pair.b.channels[0] as RTCDataChannel;
  const atB = await exchange(channel, remote, 'hello from a');
  const atA = await exchange(remote, channel, 'hello from b');
  await waitFor(
    () => pair.a.session.state === 'connected' && pair.b.session.state === 'connected',
    'connected',
  );
  const result = {
    atA,
    atB,
    states: [pair.a.session.state, pair.b.session.state],
    errors: [...pair.a.errors, ...pair.b.errors],
  };
  pair.close();
  return result;
}

/** Both sides add a track at the same instant; neither hears the other's offer first. */
async function glareTracks(polite: string): Promise<unknown> {
  const pair = createPair(polite === 'a' ? 'a' : 'b');
  pair.loop.hold();
  pair.a.session.connection.addTrack(audioTrack());
  pair.b.session.connection.addTrack(audioTrack());
  await waitFor(
    () =>
      pair.a.session.connection.signalingState === 'have-local-offer' &&
      pair.b.session.connection.signalingState === 'have-local-offer',
    'both sides offering',
  );
  pair.loop.release();
  await converged(pair);
  await waitFor(() => pair.a.tracks.length > 0 && pair.b.tracks.length > 0, 'tracks on both sides');
  await waitFor(() => iceUp(pair.a) && iceUp(pair.b), 'ICE connected');
  const result = {
    signaling: [pair.a.session.connection.signalingState, pair.b.session.connection.signalingState],
    transceiversA: transceivers(pair.a),
    transceiversB: transceivers(pair.b),
    tracksA: pair.a.tracks,
    tracksB: pair.b.tracks,
    offers: [pair.loop.a.sent, pair.loop.b.sent].map(
      (sent) =>
        sent.filter((p) => p.kind === 'description' && p.description.type === 'offer').length,
    ),
    errors: [...pair.a.errors, ...pair.b.errors],
  };
  pair.close();
  return result;
}

/** Both sides open a data channel at the same instant. */
async function glareChannels(): Promise<unknown> {
  const pair = createPair('a');
  pair.loop.hold();
  const fromA = pair.a.session.connection.createDataChannel('a');
  const fromB = pair.b.session.connection.createDataChannel('b');
  await waitFor(
    () =>
      pair.a.session.connection.signalingState === 'have-local-offer' &&
      pair.b.session.connection.signalingState === 'have-local-offer',
    'both sides offering',
  );
  pair.loop.release();
  await converged(pair);
  await waitFor(() => pair.a.channels.length > 0 && pair.b.channels.length > 0, 'remote channels');
  const atB = await exchange(fromA, pair.b.channels[0] as RTCDataChannel, 'a->b');
  const atA = await exchange(fromB, pair.a.channels[0] as RTCDataChannel, 'b->a');
  const result = {
    atA,
    atB,
    labelsAtA: pair.a.channels.map((c) => c.label),
    labelsAtB: pair.b.channels.map((c) => c.label),
    errors: [...pair.a.errors, ...pair.b.errors],
  };
  pair.close();
  return result;
}

/** A's candidates reach B before A's offer does. */
async function candidatesFirst(): Promise<unknown> {
  const pair = createPair('b');
  pair.loop.ab.held = true;
  const channel = pair.a.session.connection.createDataChannel('chat');
  await waitFor(
    () => pair.loop.ab.queue.some((p) => p.kind === 'candidate'),
    'A gathered candidates',
  );
  // Move the offer behind every candidate gathered so far.
  const queue = pair.loop.ab.queue;
  const offerIndex = queue.findIndex((p) => p.kind === 'description');
  const [offer] = queue.splice(offerIndex, 1);
  const candidates = queue.filter((p) => p.kind === 'candidate').length;
  if (offer) queue.push(offer);
  pair.loop.release();
  await waitFor(() => pair.b.channels.length > 0, 'datachannel event');
  const atB = await exchange(
    channel,
    pair.b.channels[0] as RTCDataChannel,
    'late offer, early candidates',
  );
  const result = {
    candidatesBeforeOffer: candidates,
    atB,
    errors: [...pair.a.errors, ...pair.b.errors],
  };
  pair.close();
  return result;
}

/** A restarts ICE on a connected session; data keeps flowing on the same channel. */
async function iceRestart(): Promise<unknown> {
  const pair = createPair('a');
  const channel = pair.a.session.connection.createDataChannel('chat');
  await waitFor(() => pair.b.channels.length > 0, 'datachannel event');
  const remote = pair.b.channels[0] as RTCDataChannel;
  await exchange(channel, remote, 'before');
  await converged(pair);
  const before = {
    a: ufrag(pair.a.session.connection.localDescription),
    b: ufrag(pair.b.session.connection.localDescription),
  };
  pair.a.session.restartIce();
  await waitFor(
    () => ufrag(pair.a.session.connection.localDescription) !== before.a,
    'a new local ufrag at A',
  );
  await converged(pair);
  await waitFor(() => iceUp(pair.a) && iceUp(pair.b), 'ICE connected again');
  const after = {
    a: ufrag(pair.a.session.connection.localDescription),
    b: ufrag(pair.b.session.connection.localDescription),
    remoteAtB: ufrag(pair.b.session.connection.remoteDescription),
  };
  const atB = await exchange(channel, remote, 'after restart a->b');
  const atA = await exchange(remote, channel, 'after restart b->a');
  const result = { before, after, atA, atB, errors: [...pair.a.errors, ...pair.b.errors] };
  pair.close();
  return result;
}

type Action = { side: 'a' | 'b'; kind: 'audio' | 'video' | 'channel' | 'restart'; at: number };

/**
 * Property: whatever both sides change and whenever (tracks, channels, ICE restarts, at
 * random moments, with random signaling latency), negotiation converges to stable on both
 * sides with matching transceivers, and no step fails.
 */
async function randomNegotiation(runs: string): Promise<unknown> {
  const actionArb = fc.record({
    side: fc.constantFrom<'a' | 'b'>('a', 'b'),
    kind: fc.constantFrom<Action['kind']>('audio', 'video', 'channel', 'restart'),
    at: fc.integer({ min: 0, max: 40 }),
  });
  let executed = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(actionArb, { minLength: 1, maxLength: 6 }),
      fc.constantFrom<'a' | 'b'>('a', 'b'),
      fc.integer({ min: 0, max: 8 }),
      async (actions, polite, latency) => {
        executed += 1;
        const pair = createPair(polite, () => Math.floor(Math.random() * (latency + 1)));
        try {
          await Promise.all(
            actions.map(async (action) => {
              await delay(action.at);
              const side = action.side === 'a' ? pair.a : pair.b;
              const pc = side.session.connection;
              if (action.kind === 'audio') pc.addTrack(audioTrack());
              else if (action.kind === 'video') pc.addTrack(videoTrack());
              else if (action.kind === 'channel') pc.createDataChannel(`dc-${action.at}`);
              else side.session.restartIce();
            }),
          );
          await converged(pair, 15_000, 300);
          const mids = (side: Side) =>
            transceivers(side)
              .map((t) => `${t.mid}:${t.kind}`)
              .sort();
          if (pair.a.errors.length + pair.b.errors.length > 0) {
            throw new Error(`errors: ${[...pair.a.errors, ...pair.b.errors].join('; ')}`);
          }
          if (JSON.stringify(mids(pair.a)) !== JSON.stringify(mids(pair.b))) {
            throw new Error(`transceivers differ: ${mids(pair.a)} vs ${mids(pair.b)}`);
          }
        } finally {
          pair.close();
        }
      },
    ),
    { numRuns: Number(runs), endOnFailure: true },
  );
  return { runs: executed };
}

serveScenarios(import.meta.url, {
  'data-channel': dataChannel,
  'glare-tracks': glareTracks,
  'glare-channels': glareChannels,
  'candidates-first': candidatesFirst,
  'ice-restart': iceRestart,
  'random-negotiation': randomNegotiation,
});
