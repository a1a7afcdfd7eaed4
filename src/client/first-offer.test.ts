import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SignalPayload } from 'switchboard/protocol';
import {
  FakePeerConnection,
  FakeSignaling,
} from '../../test/client/support/fake-peer-connection.ts';
import { createFakeClock, flushMicrotasks } from '../testing/fake-clock.ts';
import {
  FIRST_OFFER_WAIT,
  type FirstOfferRule,
  FirstOfferWait,
  firstOfferWaitMs,
  needsOwnOffer,
} from './first-offer.ts';
import { createPeerSession } from './peer-session.ts';

const DATA_OFFER = 'v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:0\r\n';
const AUDIO_OFFER = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n';

describe('FirstOfferWait', () => {
  test('holds while waiting; answered() ends the wait and tells whether it held', () => {
    const clock = createFakeClock();
    const timeouts: boolean[] = [];
    const wait = new FirstOfferWait(clock, 100, (held) => timeouts.push(held));
    assert.equal(wait.hold(), true);
    assert.equal(wait.answered(), true);
    assert.equal(wait.hold(), false);
    assert.equal(clock.pending, 0);
    clock.advance(1_000);
    assert.deepEqual(timeouts, []);
  });

  test('answered() without anything held says so', () => {
    const wait = new FirstOfferWait(createFakeClock(), 100, () => {});
    assert.equal(wait.answered(), false);
  });

  for (const held of [true, false]) {
    test(`the wait ends after waitMs, ${held ? 'with' : 'without'} a held negotiation`, () => {
      const clock = createFakeClock();
      const timeouts: boolean[] = [];
      const wait = new FirstOfferWait(clock, 100, (h) => timeouts.push(h));
      if (held) wait.hold();
      clock.advance(99);
      assert.deepEqual(timeouts, []);
      clock.advance(1);
      assert.deepEqual(timeouts, [held]);
      assert.equal(wait.hold(), false);
      assert.equal(wait.answered(), false);
    });
  }

  test('stop() cancels the wait', () => {
    const clock = createFakeClock();
    const timeouts: boolean[] = [];
    const wait = new FirstOfferWait(clock, 100, (h) => timeouts.push(h));
    wait.hold();
    wait.stop();
    assert.equal(clock.pending, 0);
    assert.equal(wait.hold(), false);
  });
});

describe('firstOfferWaitMs', () => {
  const { minMs, maxMs, defaultMs, perRoundTrip, marginMs } = FIRST_OFFER_WAIT;
  const CASES = [
    { roundTrip: undefined, wait: defaultMs },
    { roundTrip: Number.NaN, wait: defaultMs },
    { roundTrip: 0, wait: Math.max(minMs, marginMs) },
    { roundTrip: -5, wait: Math.max(minMs, marginMs) },
    { roundTrip: 40, wait: perRoundTrip * 40 + marginMs },
    { roundTrip: 10_000, wait: maxMs },
  ];
  for (const { roundTrip, wait } of CASES) {
    test(`round trip ${roundTrip} ms: waits ${wait} ms`, () => {
      assert.equal(firstOfferWaitMs(roundTrip), wait);
    });
  }
});

describe('needsOwnOffer', () => {
  const transceiver = (mid: string | null, currentDirection: string | null = null) =>
    ({ mid, currentDirection }) as RTCRtpTransceiver;
  const connection = (transceivers: RTCRtpTransceiver[] | undefined) =>
    (transceivers === undefined
      ? {}
      : { getTransceivers: () => transceivers }) as RTCPeerConnection;
  const CASES = [
    { name: 'data offer, nothing of ours', transceivers: [], offer: DATA_OFFER, needed: false },
    { name: 'audio offer, no data section', transceivers: [], offer: AUDIO_OFFER, needed: true },
    {
      name: 'data offer, all transceivers assigned',
      transceivers: [transceiver('1')],
      offer: DATA_OFFER,
      needed: false,
    },
    {
      name: 'data offer, a transceiver without mid',
      transceivers: [transceiver(null)],
      offer: DATA_OFFER,
      needed: true,
    },
    {
      name: 'data offer, a stopped transceiver without mid',
      transceivers: [transceiver(null, 'stopped')],
      offer: DATA_OFFER,
      needed: false,
    },
    {
      name: 'a stack without getTransceivers',
      transceivers: undefined,
      offer: DATA_OFFER,
      needed: true,
    },
  ];
  for (const { name, transceivers, offer, needed } of CASES) {
    test(`${name}: ${needed ? 'offer' : 'no offer'}`, () => {
      assert.equal(needsOwnOffer(connection(transceivers), offer), needed);
    });
  }
});

/** The scripted stack, with `getTransceivers()` (none: these sessions only open channels). */
class FakeWithTransceivers extends FakePeerConnection {
  getTransceivers(): RTCRtpTransceiver[] {
    return [];
  }
}

describe('a session with firstOffer', () => {
  function setup(polite: boolean, firstOffer: FirstOfferRule, firstOfferWaitMs?: number) {
    const clock = createFakeClock();
    const signaling = new FakeSignaling();
    let pc: FakePeerConnection | undefined;
    const session = createPeerSession({
      signaling,
      room: 'r',
      peer: 'bob',
      polite,
      firstOffer,
      firstOfferWaitMs,
      clock,
      createPeerConnection: (configuration) => {
        pc = new FakeWithTransceivers(configuration);
        return pc as unknown as RTCPeerConnection;
      },
    });
    assert.ok(pc);
    const settle = async () => {
      await flushMicrotasks();
      await session.whenIdle();
      await flushMicrotasks();
    };
    return { clock, signaling, pc, session, settle };
  }
  const offer = (sdp: string): SignalPayload => ({
    kind: 'description',
    description: { type: 'offer', sdp },
  });

  const CASES = [
    { polite: true, rule: 'either', offersAtOnce: true },
    { polite: false, rule: 'either', offersAtOnce: true },
    { polite: false, rule: 'impolite', offersAtOnce: true },
    { polite: true, rule: 'impolite', offersAtOnce: false },
  ] as const;
  for (const { polite, rule, offersAtOnce } of CASES) {
    const side = polite ? 'polite' : 'impolite';
    test(`${rule}, ${side}: negotiationneeded ${offersAtOnce ? 'offers at once' : 'is held'}`, async () => {
      const { pc, signaling, settle } = setup(polite, rule);
      pc.fire('negotiationneeded');
      await settle();
      assert.deepEqual(signaling.kinds(), offersAtOnce ? ['description(offer)'] : []);
    });
  }

  test('impolite, polite held: the first offer is answered, and covers the data channel', async () => {
    const { pc, signaling, session, settle } = setup(true, 'impolite');
    pc.fire('negotiationneeded');
    await settle();
    session.receive(offer(DATA_OFFER));
    await settle();
    assert.deepEqual(pc.calls, ['setRemote(offer)', 'createAnswer', 'setLocal(answer)']);
    assert.deepEqual(signaling.kinds(), ['description(answer)']);
  });

  test('impolite, polite held: an offer without a data section is answered, then offered to', async () => {
    const { pc, signaling, session, settle } = setup(true, 'impolite');
    pc.fire('negotiationneeded');
    await settle();
    session.receive(offer(AUDIO_OFFER));
    await settle();
    assert.deepEqual(signaling.kinds(), ['description(answer)', 'description(offer)']);
    assert.equal(pc.signalingState, 'have-local-offer');
  });

  for (const waitMs of [undefined, 30]) {
    const wait = waitMs ?? FIRST_OFFER_WAIT.defaultMs;
    test(`impolite, polite held: no offer within ${wait} ms (firstOfferWaitMs ${waitMs}), so it offers itself`, async () => {
      const { clock, pc, signaling, settle } = setup(true, 'impolite', waitMs);
      pc.fire('negotiationneeded');
      await settle();
      await clock.advanceAsync(wait - 1);
      await settle();
      assert.deepEqual(signaling.kinds(), []);
      await clock.advanceAsync(1);
      await settle();
      assert.deepEqual(signaling.kinds(), ['description(offer)']);
    });
  }

  test('impolite, polite: after the wait, negotiationneeded offers at once', async () => {
    const { clock, pc, signaling, settle } = setup(true, 'impolite');
    await clock.advanceAsync(FIRST_OFFER_WAIT.defaultMs);
    pc.fire('negotiationneeded');
    await settle();
    assert.deepEqual(signaling.kinds(), ['description(offer)']);
  });

  test('closing the session ends the wait', () => {
    const { clock, session } = setup(true, 'impolite');
    assert.equal(clock.pending, 1);
    session.close();
    assert.equal(clock.pending, 0);
  });
});
