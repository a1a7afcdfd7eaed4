import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createPeerSession,
  ICE_DISCONNECTED_RESTART_MS,
  type PeerSession,
  type PeerSessionOptions,
  type PeerSessionState,
} from 'switchboard/client';
import type { SignalPayload } from 'switchboard/protocol';
import { createFakeClock, flushMicrotasks } from '../../src/testing/fake-clock.ts';
import {
  FakePeerConnection,
  type FakePeerConnectionOptions,
  FakeSignaling,
} from './support/fake-peer-connection.ts';

// Perfect negotiation decisions against a scripted peer connection. Real negotiation between
// two libwebrtc stacks is in peer-session-wrtc.test.ts.

function setup(
  polite: boolean,
  stack: FakePeerConnectionOptions = {},
  extra: Partial<PeerSessionOptions> = {},
) {
  const signaling = new FakeSignaling();
  let pc: FakePeerConnection | undefined;
  const session = createPeerSession({
    ...extra,
    signaling,
    room: 'r',
    peer: 'bob',
    polite,
    createPeerConnection: (configuration) => {
      pc = new FakePeerConnection(configuration, stack);
      return pc as unknown as RTCPeerConnection;
    },
  });
  assert.ok(pc);
  const errors: string[] = [];
  session.on('error', ({ error }) => errors.push(`${error.code}: ${error.message}`));
  return { signaling, pc, session, errors };
}

const offer = (sdp = 'remote-offer'): SignalPayload => ({
  kind: 'description',
  description: { type: 'offer', sdp },
});
const answer = (sdp = 'remote-answer'): SignalPayload => ({
  kind: 'description',
  description: { type: 'answer', sdp },
});
const candidate = (n: number): SignalPayload => ({
  kind: 'candidate',
  candidate: { candidate: `c${n}`, sdpMid: '0' },
});

async function settle(session: PeerSession): Promise<void> {
  await flushMicrotasks();
  await session.whenIdle();
  await flushMicrotasks();
}

/** Puts the session in have-local-offer, as after negotiationneeded. */
async function makeOffer(pc: FakePeerConnection, session: PeerSession): Promise<void> {
  pc.fire('negotiationneeded');
  await settle(session);
  assert.equal(pc.signalingState, 'have-local-offer');
}

describe('perfect negotiation', () => {
  test('negotiationneeded: setLocal(offer) and the offer is signaled', async () => {
    const { pc, session, signaling } = setup(false);
    await makeOffer(pc, session);
    assert.deepEqual(pc.calls, ['createOffer', 'setLocal(offer)']);
    assert.deepEqual(signaling.sent, [
      {
        room: 'r',
        to: 'bob',
        payload: { kind: 'description', description: { type: 'offer', sdp: 'offer-1' } },
      },
    ]);
  });

  test('stable -> remote offer: setRemote(offer), setLocal(answer), answer signaled', async () => {
    const { pc, session, signaling } = setup(false);
    session.receive(offer());
    await settle(session);
    assert.deepEqual(pc.calls, ['setRemote(offer)', 'createAnswer', 'setLocal(answer)']);
    assert.deepEqual(signaling.kinds(), ['description(answer)']);
    assert.equal(pc.signalingState, 'stable');
  });

  test('impolite, have-local-offer -> remote offer: ignored, and its candidates too', async () => {
    const { pc, session, signaling, errors } = setup(false);
    await makeOffer(pc, session);
    session.receive(offer());
    session.receive(candidate(1));
    await settle(session);
    assert.deepEqual(pc.calls, ['createOffer', 'setLocal(offer)']);
    assert.deepEqual(signaling.kinds(), ['description(offer)']);
    session.receive(answer());
    session.receive(candidate(2));
    await settle(session);
    assert.deepEqual(pc.calls.slice(2), ['setRemote(answer)', 'addIceCandidate(c2)']);
    assert.equal(pc.signalingState, 'stable');
    assert.deepEqual(errors, []);
  });

  test('polite, have-local-offer -> remote offer: implicit rollback, then answer', async () => {
    const { pc, session, signaling } = setup(true);
    await makeOffer(pc, session);
    session.receive(offer());
    await settle(session);
    assert.deepEqual(pc.calls.slice(2), [
      'setRemote(offer)',
      '(implicit rollback)',
      'createAnswer',
      'setLocal(answer)',
    ]);
    assert.deepEqual(signaling.kinds(), ['description(offer)', 'description(answer)']);
    assert.equal(pc.signalingState, 'stable');
  });

  test('polite on a stack without implicit rollback: setLocal(rollback) first, from then on', async () => {
    const { pc, session, errors } = setup(true, { implicitRollback: false });
    await makeOffer(pc, session);
    session.receive(offer('o1'));
    await settle(session);
    assert.deepEqual(pc.calls.slice(2), [
      'setRemote(offer)',
      'setLocal(rollback)',
      'setRemote(offer)',
      'createAnswer',
      'setLocal(answer)',
    ]);
    pc.calls.length = 0;
    await makeOffer(pc, session);
    session.receive(offer('o2'));
    await settle(session);
    assert.deepEqual(pc.calls.slice(2), [
      'setLocal(rollback)',
      'setRemote(offer)',
      'createAnswer',
      'setLocal(answer)',
    ]);
    assert.deepEqual(errors, []);
  });

  test('a stack without setLocalDescription(): createOffer/createAnswer explicitly', async () => {
    const { pc, session, signaling } = setup(false, { implicitLocalDescription: false });
    await makeOffer(pc, session);
    assert.deepEqual(pc.calls, ['createOffer', 'setLocal(offer)']);
    session.receive(answer());
    session.receive(offer());
    await settle(session);
    assert.deepEqual(pc.calls.slice(2), [
      'setRemote(answer)',
      'setRemote(offer)',
      'createAnswer',
      'setLocal(answer)',
    ]);
    assert.deepEqual(signaling.kinds(), ['description(offer)', 'description(answer)']);
  });

  test('negotiationneeded outside stable waits for stable, then offers', async () => {
    const { pc, session, signaling } = setup(false);
    session.receive(offer());
    pc.fire('negotiationneeded'); // queued behind the remote offer
    await settle(session);
    assert.deepEqual(signaling.kinds(), ['description(answer)', 'description(offer)']);
    assert.equal(pc.signalingState, 'have-local-offer');
  });
});

describe('candidates', () => {
  test('are held until a remote description exists, then added in order', async () => {
    const { pc, session, errors } = setup(false);
    session.receive(candidate(1));
    session.receive(candidate(2));
    await settle(session);
    assert.deepEqual(pc.calls, []);
    session.receive(offer());
    session.receive(candidate(3));
    await settle(session);
    assert.deepEqual(pc.calls, [
      'setRemote(offer)',
      'addIceCandidate(c1)',
      'addIceCandidate(c2)',
      'createAnswer',
      'setLocal(answer)',
      'addIceCandidate(c3)',
    ]);
    assert.deepEqual(errors, []);
  });

  test('end-of-candidates becomes an empty candidate for the stack', async () => {
    const { pc, session } = setup(false);
    session.receive(offer());
    session.receive({ kind: 'end-of-candidates', sdpMid: '0' });
    await settle(session);
    assert.equal(pc.calls.at(-1), 'addIceCandidate()');
  });

  test('local candidates are signaled, and the null candidate as end-of-candidates', async () => {
    const { pc, signaling } = setup(false);
    pc.fire('icecandidate', {
      candidate: {
        candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
        usernameFragment: 'u',
      },
    });
    pc.fire('icecandidate', { candidate: null });
    assert.deepEqual(
      signaling.sent.map((s) => s.payload),
      [
        {
          kind: 'candidate',
          candidate: {
            candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
            sdpMid: '0',
            sdpMLineIndex: 0,
            usernameFragment: 'u',
          },
        },
        { kind: 'end-of-candidates' },
      ],
    );
  });
});

describe('ICE restart and configuration', () => {
  test('restarts ICE when the ICE connection fails', async () => {
    const { pc, session, signaling } = setup(false);
    pc.setIceConnectionState('failed');
    await settle(session);
    assert.deepEqual(pc.calls, ['restartIce', 'createOffer', 'setLocal(offer)']);
    assert.deepEqual(signaling.kinds(), ['description(offer)']);
  });

  for (const [ice, restarts] of [
    ['disconnected', true],
    ['failed', true],
    ['connected', false],
    ['checking', false],
  ] as const) {
    test(`after signaling resumed with ICE ${ice}: ${restarts ? 'restarts ICE' : 'no restart'}`, async () => {
      const { pc, session, signaling } = setup(true);
      pc.iceConnectionState = ice;
      signaling.emit('resumed', {
        session: 's',
        peer: 'me',
        resumed: true,
        heartbeat: 20_000,
        resumeWindow: 30_000,
        limits: {
          maxFrameBytes: 1,
          messagesPerSecond: 1,
          burst: 1,
          maxRoomsPerSession: 1,
          maxPeersPerRoom: 2,
        },
        iceServers: [],
        replayed: 0,
      });
      await settle(session);
      assert.equal(pc.calls.includes('restartIce'), restarts);
    });
  }

  // ICE that stays disconnected is restarted after iceDisconnectedRestartMs; ICE that
  // recovers, or a session closed meanwhile, is left alone.
  const disconnectedCases: [name: string, steps: (string | number)[], restarts: number][] = [
    ['disconnected for the whole delay: one restart', ['disconnected', 3000], 1],
    [
      'disconnected, then connected again before the delay: none',
      ['disconnected', 2999, 'connected', 10],
      0,
    ],
    [
      'disconnected twice, recovering in between: the delay starts again',
      ['disconnected', 2000, 'connected', 'disconnected', 2000],
      0,
    ],
    [
      'disconnected, checking, disconnected for the delay: one',
      ['disconnected', 1000, 'checking', 'disconnected', 3000],
      1,
    ],
    ['closed while disconnected: none', ['disconnected', 1000, 'close', 5000], 0],
  ];
  for (const [name, steps, restarts] of disconnectedCases) {
    test(`ICE ${name}`, async () => {
      const clock = createFakeClock();
      const { pc, session } = setup(false, {}, { clock, iceDisconnectedRestartMs: 3000 });
      for (const step of steps) {
        if (typeof step === 'number') await clock.advanceAsync(step);
        else if (step === 'close') session.close();
        else pc.setIceConnectionState(step as RTCIceConnectionState);
      }
      await settle(session);
      assert.equal(pc.calls.filter((call) => call === 'restartIce').length, restarts);
    });
  }

  test('iceDisconnectedRestartMs 0 leaves a disconnected ICE alone', async () => {
    const clock = createFakeClock();
    const { pc, session } = setup(false, {}, { clock, iceDisconnectedRestartMs: 0 });
    pc.setIceConnectionState('disconnected');
    await clock.advanceAsync(10 * ICE_DISCONNECTED_RESTART_MS);
    await settle(session);
    assert.equal(pc.calls.includes('restartIce'), false);
  });

  test('applies ICE servers pushed by the server with setConfiguration', () => {
    const { pc, signaling } = setup(false);
    const iceServers = [{ urls: 'turn:127.0.0.1:3478', username: '9:me', credential: 'c' }];
    signaling.emit('iceservers', { iceServers });
    assert.deepEqual(pc.calls, [`setConfiguration(${JSON.stringify(iceServers)})`]);
    assert.deepEqual(pc.configuration.iceServers, iceServers);
  });

  test('a stack without restartIce() gets createOffer({ iceRestart: true })', async () => {
    const { pc, session } = setup(false);
    (pc as { restartIce?: unknown }).restartIce = undefined;
    session.restartIce();
    await settle(session);
    assert.deepEqual(pc.calls, ['createOffer(iceRestart)', 'setLocal(offer)']);
  });
});

describe('state and lifecycle', () => {
  test('maps connectionState to the session state', () => {
    const { pc, session } = setup(false);
    const states: PeerSessionState[] = [];
    session.on('statechange', ({ state }) => states.push(state));
    for (const state of [
      'connecting',
      'connected',
      'disconnected',
      'connected',
      'failed',
    ] as const) {
      pc.setConnectionState(state);
    }
    assert.deepEqual(states, ['connecting', 'connected', 'connecting', 'connected', 'failed']);
  });

  test('close() closes the peer connection, stops listening and ignores later signals', async () => {
    const { pc, session, signaling } = setup(false);
    const states: PeerSessionState[] = [];
    session.on('statechange', ({ state }) => states.push(state));
    session.close();
    session.receive(offer());
    pc.fire('negotiationneeded');
    await settle(session);
    assert.deepEqual(pc.calls, ['close']);
    assert.deepEqual(states, ['closed']);
    assert.equal(signaling.listenerCount(), 0);
    assert.deepEqual(signaling.sent, []);
  });

  test('closes itself when its peer leaves the room, not when another does', () => {
    const { pc, session, signaling } = setup(false);
    const left = (room: string, peer: string) =>
      signaling.emit('peerleft', {
        room,
        peer,
        reason: 'left',
        member: { peer, presence: {}, version: 2, polite: false },
      });
    left('r', 'carol');
    left('other', 'bob');
    assert.equal(session.state, 'new');
    left('r', 'bob');
    assert.equal(session.state, 'closed');
    assert.deepEqual(pc.calls, ['close']);
  });

  test('data signals are emitted as data events and sent with send()', () => {
    const { session, signaling } = setup(false);
    const data: unknown[] = [];
    session.on('data', (event) => data.push(event.data));
    session.receive({ kind: 'data', data: { hello: 1 } });
    session.send('hi');
    assert.deepEqual(data, [{ hello: 1 }]);
    assert.deepEqual(
      signaling.sent.map((s) => s.payload),
      [{ kind: 'data', data: 'hi' }],
    );
  });

  test('uses the client ICE servers unless the configuration names some', () => {
    const signaling = new FakeSignaling();
    signaling.iceServers = [{ urls: 'stun:127.0.0.1:3478' }];
    const configs: RTCConfiguration[] = [];
    const create = (configuration?: RTCConfiguration) =>
      createPeerSession({
        signaling,
        room: 'r',
        peer: 'bob',
        polite: false,
        configuration,
        createPeerConnection: (config) => {
          configs.push(config);
          return new FakePeerConnection(config) as unknown as RTCPeerConnection;
        },
      });
    create();
    create({ iceServers: [], bundlePolicy: 'max-bundle' });
    assert.deepEqual(configs, [
      { iceServers: [{ urls: 'stun:127.0.0.1:3478' }] },
      { iceServers: [], bundlePolicy: 'max-bundle' },
    ]);
  });
});
