import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSdpParseError } from 'switchboard/sdp';
import type { Capabilities } from './capabilities.ts';
import { NegotiationError } from './errors.ts';
import { createOffer } from './offer.ts';
import { codecIdentities, createSession, type NegotiationSession } from './session.ts';
import type { SdpType, SignalingState } from './signaling-state.ts';

/** A small hand-written endpoint: opus, VP8 with rtx, one header extension, data. */
function capabilities(): Capabilities {
  return {
    codecs: {
      audio: [
        {
          name: 'opus',
          clockRate: 48000,
          channels: 2,
          parameters: { minptime: '10', useinbandfec: '1' },
          feedback: ['transport-cc'],
          preferredPayloadType: 111,
        },
      ],
      video: [
        {
          name: 'VP8',
          clockRate: 90000,
          parameters: {},
          feedback: ['nack', 'nack pli'],
          preferredPayloadType: 96,
        },
        {
          name: 'rtx',
          clockRate: 90000,
          parameters: { apt: '96' },
          feedback: [],
          preferredPayloadType: 97,
        },
      ],
    },
    headerExtensions: {
      audio: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 4 }],
      video: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 4 }],
    },
    dataChannel: { sctpPort: 5000, maxMessageSize: 262144 },
    extmapAllowMixed: true,
    rtcpRsize: true,
    iceOptions: ['trickle'],
    dtlsRole: 'active',
    defaultDirection: 'recvonly',
  };
}

const REMOTE_UFRAG = 'Rmte';

/** An answer to `offer` from another endpoint: its own ICE credentials, a=setup:active. */
function answerFor(offer: string, ufrag = REMOTE_UFRAG): string {
  return offer
    .replace(/^o=- \d+ \d+/m, 'o=- 1 1')
    .replace(/^a=ice-ufrag:.*$/gm, `a=ice-ufrag:${ufrag}`)
    .replace(/^a=ice-pwd:.*$/gm, 'a=ice-pwd:RemoteRemoteRemoteRemote')
    .replace(/^a=setup:actpass$/gm, 'a=setup:active');
}

/** What a step sequence runs against: the session, a remote peer, the last offers. */
interface Context {
  s: NegotiationSession;
  remote: NegotiationSession;
  localOffer: string;
  remoteOffer: string;
}

const STEPS: Record<string, (c: Context) => void> = {
  'setLocal(offer)': (c) => {
    c.localOffer = createOffer(c.s).sdp;
    c.s.setLocalDescription('offer', c.localOffer);
  },
  'setLocal(answer)': (c) => c.s.setLocalDescription('answer', answerFor(c.remoteOffer, 'Locl')),
  'setLocal(pranswer)': (c) =>
    c.s.setLocalDescription('pranswer', answerFor(c.remoteOffer, 'Locl')),
  'setLocal(rollback)': (c) => c.s.setLocalDescription('rollback'),
  'setRemote(offer)': (c) => {
    c.remoteOffer = createOffer(c.remote).sdp;
    c.s.setRemoteDescription('offer', c.remoteOffer);
  },
  'setRemote(answer)': (c) => c.s.setRemoteDescription('answer', answerFor(c.localOffer)),
  'setRemote(pranswer)': (c) => c.s.setRemoteDescription('pranswer', answerFor(c.localOffer)),
  'setRemote(rollback)': (c) => c.s.setRemoteDescription('rollback'),
  'close()': (c) => c.s.close(),
};

function start(): Context {
  const s = createSession({ capabilities: capabilities() });
  const remote = createSession({ capabilities: capabilities() });
  s.addTransceiver('audio');
  remote.addTransceiver('audio');
  remote.createDataChannel();
  return { s, remote, localOffer: '', remoteOffer: '' };
}

type Slot = DescriptionSlot | null;
type DescriptionSlot = `${'local' | 'remote'} ${Exclude<SdpType, 'rollback'>}`;

/** Which description each W3C slot holds after a sequence (W3C webrtc-pc 4.4.1.5). */
const SEQUENCES: {
  steps: string[];
  state: SignalingState;
  pendingLocal: Slot;
  currentLocal: Slot;
  pendingRemote: Slot;
  currentRemote: Slot;
}[] = [
  {
    steps: ['setLocal(offer)'],
    state: 'have-local-offer',
    pendingLocal: 'local offer',
    currentLocal: null,
    pendingRemote: null,
    currentRemote: null,
  },
  {
    steps: ['setLocal(offer)', 'setLocal(offer)'],
    state: 'have-local-offer',
    pendingLocal: 'local offer',
    currentLocal: null,
    pendingRemote: null,
    currentRemote: null,
  },
  {
    steps: ['setLocal(offer)', 'setRemote(answer)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: 'local offer',
    pendingRemote: null,
    currentRemote: 'remote answer',
  },
  {
    steps: ['setLocal(offer)', 'setRemote(pranswer)'],
    state: 'have-remote-pranswer',
    pendingLocal: 'local offer',
    currentLocal: null,
    pendingRemote: 'remote pranswer',
    currentRemote: null,
  },
  {
    steps: ['setLocal(offer)', 'setRemote(pranswer)', 'setRemote(answer)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: 'local offer',
    pendingRemote: null,
    currentRemote: 'remote answer',
  },
  {
    steps: ['setLocal(offer)', 'setLocal(rollback)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: null,
    pendingRemote: null,
    currentRemote: null,
  },
  {
    steps: ['setLocal(offer)', 'setRemote(rollback)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: null,
    pendingRemote: null,
    currentRemote: null,
  },
  {
    steps: ['setLocal(offer)', 'setRemote(offer)'],
    state: 'have-remote-offer',
    pendingLocal: null,
    currentLocal: null,
    pendingRemote: 'remote offer',
    currentRemote: null,
  },
  {
    steps: ['setRemote(offer)'],
    state: 'have-remote-offer',
    pendingLocal: null,
    currentLocal: null,
    pendingRemote: 'remote offer',
    currentRemote: null,
  },
  {
    steps: ['setRemote(offer)', 'setLocal(answer)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: 'local answer',
    pendingRemote: null,
    currentRemote: 'remote offer',
  },
  {
    steps: ['setRemote(offer)', 'setLocal(pranswer)'],
    state: 'have-local-pranswer',
    pendingLocal: 'local pranswer',
    currentLocal: null,
    pendingRemote: 'remote offer',
    currentRemote: null,
  },
  {
    steps: ['setRemote(offer)', 'setLocal(pranswer)', 'setLocal(answer)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: 'local answer',
    pendingRemote: null,
    currentRemote: 'remote offer',
  },
  {
    steps: ['setRemote(offer)', 'setRemote(rollback)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: null,
    pendingRemote: null,
    currentRemote: null,
  },
  {
    steps: ['setLocal(offer)', 'setRemote(answer)', 'setLocal(offer)', 'setLocal(rollback)'],
    state: 'stable',
    pendingLocal: null,
    currentLocal: 'local offer',
    pendingRemote: null,
    currentRemote: 'remote answer',
  },
  {
    steps: ['setLocal(offer)', 'close()'],
    state: 'closed',
    pendingLocal: 'local offer',
    currentLocal: null,
    pendingRemote: null,
    currentRemote: null,
  },
];

for (const seq of SEQUENCES) {
  test(`stable -> ${seq.steps.join(' -> ')}: ${seq.state}`, () => {
    const c = start();
    for (const step of seq.steps) STEPS[step]?.(c);
    const { s } = c;
    assert.equal(s.signalingState, seq.state);
    const slot = (d: typeof s.localDescription, side: 'local' | 'remote'): Slot =>
      d === null ? null : `${side} ${d.type}`;
    assert.deepEqual(
      {
        pendingLocal: slot(s.pendingLocalDescription, 'local'),
        currentLocal: slot(s.currentLocalDescription, 'local'),
        pendingRemote: slot(s.pendingRemoteDescription, 'remote'),
        currentRemote: slot(s.currentRemoteDescription, 'remote'),
      },
      {
        pendingLocal: seq.pendingLocal,
        currentLocal: seq.currentLocal,
        pendingRemote: seq.pendingRemote,
        currentRemote: seq.currentRemote,
      },
    );
    assert.equal(s.localDescription, s.pendingLocalDescription ?? s.currentLocalDescription);
    assert.equal(s.remoteDescription, s.pendingRemoteDescription ?? s.currentRemoteDescription);
  });
}

test('setLocal(offer) binds mids to transceivers and records payload types per mid', () => {
  const c = start();
  const video = c.s.addTransceiver('video');
  c.s.createDataChannel();
  STEPS['setLocal(offer)']?.(c);
  assert.deepEqual(
    c.s.transceivers.map((t) => t.mid),
    ['0', '1'],
  );
  assert.equal(video.mid, '1');
  assert.equal(c.s.dataMid, '2');
  const record = c.s.midRecords.get('1');
  assert.equal(record?.kind, 'video');
  assert.deepEqual([...(record?.payloadTypes.values() ?? [])], [96, 97]);
  assert.deepEqual([...(record?.extensionIds ?? [])], [['urn:ietf:params:rtp-hdrext:sdes:mid', 4]]);
});

test('setRemote(answer) records the remote ICE ufrag per mid', () => {
  const c = start();
  c.s.addTransceiver('video');
  STEPS['setLocal(offer)']?.(c);
  STEPS['setRemote(answer)']?.(c);
  assert.deepEqual(
    [...c.s.remoteIceCredentials].map(([mid, ice]) => [mid, ice.ufrag]),
    [
      ['0', REMOTE_UFRAG],
      ['1', REMOTE_UFRAG],
    ],
  );
});

test('setRemote(offer) gives unclaimed m-sections new recvonly transceivers', () => {
  const c = start();
  STEPS['setRemote(offer)']?.(c);
  const [mine, created] = c.s.transceivers;
  assert.equal(mine?.mid, undefined, 'an addTransceiver() transceiver is not reused (W3C)');
  assert.deepEqual(
    { kind: created?.kind, mid: created?.mid, direction: created?.direction },
    { kind: 'audio', mid: '0', direction: 'recvonly' },
  );
  assert.equal(c.s.dataMid, '1');
});

test('rollback restores the previous local description and unbinds new mids', () => {
  const c = start();
  STEPS['setLocal(offer)']?.(c);
  STEPS['setRemote(answer)']?.(c);
  const previous = c.s.localDescription;
  const credentials = c.s.credentials;
  const video = c.s.addTransceiver('video');
  const restart = createOffer(c.s, { iceRestart: true });
  c.s.setLocalDescription('offer', restart.sdp);
  assert.equal(video.mid, '1');
  assert.notEqual(c.s.credentials.ufrag, credentials.ufrag);
  c.s.setLocalDescription('rollback');
  assert.equal(c.s.localDescription, previous);
  assert.equal(video.mid, undefined);
  assert.equal(c.s.transceivers[0]?.mid, '0');
  assert.equal(c.s.credentials, credentials);
  assert.deepEqual([...c.s.midRecords.keys()], ['0']);
});

test('rollback of a remote offer removes the transceivers it created, not the local ones', () => {
  const c = start();
  STEPS['setRemote(offer)']?.(c);
  const added = c.s.addTransceiver('video');
  assert.equal(c.s.transceivers.length, 3);
  STEPS['setRemote(rollback)']?.(c);
  assert.deepEqual(c.s.transceivers.length, 2);
  assert.ok(c.s.transceivers.includes(added));
  assert.equal(c.s.dataMid, undefined);
  assert.equal(c.s.remoteIceCredentials.size, 0);
});

test('a remote offer in have-local-offer rolls the local offer back first (W3C)', () => {
  const c = start();
  STEPS['setLocal(offer)']?.(c);
  const [mine] = c.s.transceivers;
  assert.equal(mine?.mid, '0');
  STEPS['setRemote(offer)']?.(c);
  assert.equal(mine?.mid, undefined);
  assert.equal(c.s.transceivers.length, 2);
  assert.equal(c.s.transceivers[1]?.mid, '0');
});

test('an answer that rejects an m-section stops its transceiver', () => {
  const c = start();
  const video = c.s.addTransceiver('video');
  STEPS['setLocal(offer)']?.(c);
  const answer = answerFor(c.localOffer)
    .replace('m=video 9', 'm=video 0')
    .replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 0');
  c.s.setRemoteDescription('answer', answer);
  assert.equal(video.stopped, true);
  assert.equal(c.s.transceivers[0]?.stopped, false);
});

const DESCRIPTION_ERRORS: {
  name: string;
  before?: (c: Context) => void;
  apply: (c: Context) => void;
  check?: (e: NegotiationError) => void;
}[] = [
  {
    name: 'a remote offer that does not parse',
    apply: (c) => c.s.setRemoteDescription('offer', 'v=0\r\nnot sdp\r\n'),
    check: (e) => assert.ok(isSdpParseError(e.cause)),
  },
  {
    name: 'a local offer that does not parse',
    apply: (c) => c.s.setLocalDescription('offer', ''),
  },
  {
    name: 'a remote offer without fingerprints',
    apply: (c) =>
      c.s.setRemoteDescription(
        'offer',
        createOffer(c.remote).sdp.replace(/^a=fingerprint:.*\r\n/gm, ''),
      ),
    check: (e) => assert.ok(e.problems.some((p) => p.code === 'SDP_PROBLEM_MISSING_FINGERPRINT')),
  },
  {
    name: 'a local offer with an m-section without a=mid',
    apply: (c) =>
      c.s.setLocalDescription('offer', createOffer(c.s).sdp.replace(/^a=mid:.*\r\n/m, '')),
  },
  {
    name: 'an answer whose mids differ from the offer',
    before: (c) => STEPS['setLocal(offer)']?.(c),
    apply: (c) =>
      c.s.setRemoteDescription(
        'answer',
        answerFor(c.localOffer).replace('a=mid:0', 'a=mid:9').replace('BUNDLE 0', 'BUNDLE 9'),
      ),
  },
  {
    name: 'a local offer without a transceiver for an m-section',
    apply: (c) => {
      const other = createSession({ capabilities: capabilities() });
      other.addTransceiver('video');
      c.s.setLocalDescription('offer', createOffer(other).sdp);
    },
  },
  {
    name: 'a subsequent offer that changes the kind of an m-section',
    before: (c) => {
      STEPS['setLocal(offer)']?.(c);
      STEPS['setRemote(answer)']?.(c);
    },
    apply: (c) => {
      const other = createSession({ capabilities: capabilities() });
      other.addTransceiver('video');
      c.s.setRemoteDescription('offer', createOffer(other).sdp);
    },
  },
];

for (const c of DESCRIPTION_ERRORS) {
  test(`refuses ${c.name} with NEG_ERR_INVALID_DESCRIPTION and changes nothing`, () => {
    const ctx = start();
    c.before?.(ctx);
    const state = ctx.s.signalingState;
    const local = ctx.s.localDescription;
    const remote = ctx.s.remoteDescription;
    const mids = ctx.s.transceivers.map((t) => t.mid);
    assert.throws(
      () => c.apply(ctx),
      (e: unknown) => {
        assert.ok(e instanceof NegotiationError);
        assert.equal(e.code, 'NEG_ERR_INVALID_DESCRIPTION');
        c.check?.(e);
        return true;
      },
    );
    assert.equal(ctx.s.signalingState, state);
    assert.equal(ctx.s.localDescription, local);
    assert.equal(ctx.s.remoteDescription, remote);
    assert.deepEqual(
      ctx.s.transceivers.map((t) => t.mid),
      mids,
    );
  });
}

const CLOSED_STEPS: [string, (s: NegotiationSession) => void][] = [
  ['setLocal(offer)', (s) => s.setLocalDescription('offer', 'v=0\r\n')],
  ['setRemote(answer)', (s) => s.setRemoteDescription('answer', 'v=0\r\n')],
  ['setLocal(rollback)', (s) => s.setLocalDescription('rollback')],
  ['createOffer()', (s) => createOffer(s)],
  ['addTransceiver()', (s) => s.addTransceiver('audio')],
  ['createDataChannel()', (s) => s.createDataChannel()],
];

for (const [step, run] of CLOSED_STEPS) {
  test(`closed -> ${step}: InvalidStateError (NEG_ERR_CLOSED)`, () => {
    const { s } = start();
    s.close();
    s.close();
    assert.throws(
      () => run(s),
      (e: unknown) =>
        e instanceof NegotiationError &&
        e.code === 'NEG_ERR_CLOSED' &&
        e.message === `closed -> ${step}: InvalidStateError`,
    );
    assert.equal(s.signalingState, 'closed');
  });
}

const MISUSE: [string, () => void][] = [
  ['createSession without capabilities', () => createSession({} as never)],
  [
    'createSession with credentials lacking a fingerprint',
    () =>
      createSession({
        capabilities: capabilities(),
        credentials: { ufrag: 'abcd', pwd: 'a'.repeat(24), fingerprints: [] },
      }),
  ],
  ['an unknown description type', () => start().s.setLocalDescription('final' as SdpType, '')],
  ['an offer without sdp', () => start().s.setRemoteDescription('offer')],
  ['an unknown transceiver kind', () => start().s.addTransceiver('text' as 'audio')],
  [
    'an unknown direction',
    () => start().s.addTransceiver('audio', { direction: 'sendall' as 'sendrecv' }),
  ],
  [
    'a data channel without data channel capabilities',
    () => {
      const caps = capabilities();
      delete caps.dataChannel;
      createSession({ capabilities: caps }).createDataChannel();
    },
  ],
];

for (const [name, run] of MISUSE) {
  test(`throws a TypeError for ${name}`, () => {
    assert.throws(run, TypeError);
  });
}

test('uses the given credentials and copies the capabilities', () => {
  const caps = capabilities();
  const credentials = {
    ufrag: 'Ufrg',
    pwd: 'PasswordPasswordPassword',
    fingerprints: [{ algorithm: 'sha-256', fingerprint: Array(32).fill('AB').join(':') }],
  };
  const s = createSession({ capabilities: caps, credentials });
  caps.codecs.audio.length = 0;
  s.addTransceiver('audio');
  const sdp = createOffer(s).sdp;
  assert.match(sdp, /^a=ice-ufrag:Ufrg$/m);
  assert.match(sdp, /^a=rtpmap:111 opus\/48000\/2$/m);
  assert.match(s.sessionId, /^\d+$/);
});

test('versionFor increments only when the body changes', () => {
  const { s } = start();
  assert.equal(s.sessionVersion, 1);
  assert.equal(s.versionFor('a'), 2);
  assert.equal(s.versionFor('a'), 2);
  assert.equal(s.versionFor('b'), 3);
  assert.equal(s.sessionVersion, 3);
});

test('codec identities resolve rtx and RED references to the codec they name', () => {
  const opus = { name: 'opus', clockRate: 48000, channels: 2, parameters: {}, payloadType: 111 };
  const [a, red, rtx, orphan] = codecIdentities([
    opus,
    { name: 'red', clockRate: 48000, channels: 2, parameters: { '111/111': '' }, payloadType: 63 },
    { name: 'rtx', clockRate: 48000, parameters: { apt: '111' }, payloadType: 99 },
    { name: 'rtx', clockRate: 90000, parameters: { apt: '5' }, payloadType: 98 },
  ]);
  const [b] = codecIdentities([{ ...opus, name: 'OPUS', payloadType: 120 }]);
  assert.equal(a, b);
  assert.equal(red, `red/48000/2;list=(${a}/${a})`);
  assert.equal(rtx, `rtx/48000/1;apt=(${a})`);
  assert.equal(orphan, undefined);
});
