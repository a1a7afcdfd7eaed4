/**
 * The server relays a signal on one of two paths: on the adapter's synchronous operations
 * (the in-memory adapter, all steps in one go) or on its asynchronous methods (any other
 * adapter, here the in-memory one with its synchronous operations hidden). Both must answer
 * exactly the same; and the frames relayed carry a data payload as the sender wrote it, any
 * other payload as serialized from the value that was checked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerMessage } from 'switchboard/protocol';
import { createMemoryAdapter, type SignalingAdapter } from 'switchboard/server';
import { createFakeClock } from 'switchboard/testing';
import { BAD_OFFER, candidate, offer } from './fixtures.ts';
import { startServer } from './harness.ts';
import { data, signalsIn, type TestPeer } from './test-client.ts';

/** The in-memory adapter behind its asynchronous methods only. */
function asynchronousOnly(): SignalingAdapter {
  return { ...createMemoryAdapter(), sync: undefined };
}

/** A data payload written with spaces, escapes and a key order of the sender's own. */
const ODD_DATA =
  '{ "data" : {"s":"q\\"u\\u00e9","n":[1.50, -0e0, 1E2] , "o":{}} , "kind" : "data" }';
/** A data payload that also names another kind: relayed re-serialized, never verbatim. */
const TWO_KINDS =
  '{"kind":"description","description":{"type":"offer","sdp":"junk"},"kind":"data","data":7}';

const frame = (seq: number, to: string, payload: string) =>
  `{"type":"signal","seq":${seq},"room":"r","to":"${to}","payload":${payload}}`;

/**
 * What a peer got, without what differs between runs: session ids and tokens, and acks (how
 * many there are depends on how the frames happen to be read, a chunk at a time).
 */
function transcript(peer: TestPeer): unknown[] {
  return peer.log
    .filter((m) => m.type !== 'welcome' && m.type !== 'peer-joined' && m.type !== 'ack')
    .map((m: ServerMessage) => (m.type === 'joined' ? { type: m.type, room: m.room } : m));
}

async function run(adapter: SignalingAdapter | undefined) {
  const h = await startServer({
    ackDelayMs: 0,
    limits: { burst: 1_000 },
    ...(adapter === undefined ? {} : { adapter }),
  });
  try {
    const bob = await h.joined('bob', 'r');
    const alice = await h.joined('alice', 'r');
    await h.joined('carol', 'elsewhere');
    const raw: string[] = [];
    bob.socket?.on('message', (data) => raw.push(String(data)));
    alice.send(frame(1, 'bob', ODD_DATA));
    alice.send(frame(2, 'bob', JSON.stringify(offer)));
    alice.send(frame(3, 'bob', JSON.stringify(candidate(5000))));
    alice.send(frame(4, 'bob', TWO_KINDS));
    alice.send(
      frame(5, 'bob', JSON.stringify({ ...offer, description: { type: 'offer', sdp: BAD_OFFER } })),
    );
    alice.send(frame(6, 'alice', ODD_DATA));
    alice.send(frame(7, 'carol', ODD_DATA));
    alice.send(frame(7, 'bob', ODD_DATA));
    alice.send(frame(9, 'bob', ODD_DATA));
    alice.send({ type: 'ack', seq: 99 });
    alice.send(frame(8, 'bob', '{"kind":"data","data":"last"}'));
    await bob.until(
      () => bob.stream.filter((m) => m.type === 'signal').length === 5,
      5_000,
      '5 signals',
    );
    await alice.waitFor((m) => m.type === 'ack' && m.seq === 8);
    const signals = raw.filter((f) => f.startsWith('{"type":"signal"'));
    return { alice: transcript(alice), bob: transcript(bob), signals };
  } finally {
    await h.close();
  }
}

describe('relay paths', () => {
  test('synchronous and asynchronous adapters answer alike, frame for frame', async () => {
    const fast = await run(undefined);
    const slow = await run(asynchronousOnly());
    assert.deepEqual(fast.alice, slow.alice);
    assert.deepEqual(fast.bob, slow.bob);
    assert.deepEqual(fast.signals, slow.signals);

    // Alice: the errors and the undeliverable, each naming its seq; the duplicate is silent.
    const answers = fast.alice
      .filter((m) => (m as ServerMessage).type !== 'joined')
      .map((m) => {
        const message = m as ServerMessage;
        return message.type === 'error'
          ? [message.code, message.ref]
          : message.type === 'undeliverable'
            ? [message.type, message.ref, message.reason]
            : [message.type];
      });
    assert.deepEqual(answers, [
      ['SRV_ERR_INVALID_SDP', 5],
      ['PROTO_ERR_INVALID_MESSAGE', 6],
      ['undeliverable', 7, 'not-in-room'],
      ['SRV_ERR_SEQUENCE', 9],
      ['SRV_ERR_SEQUENCE', 99],
    ]);

    // Bob: five signals, each frame `encode` would give, a data payload as alice wrote it.
    const head = '{"type":"signal","room":"r","from":"alice","payload":';
    const payloads = [
      ODD_DATA,
      JSON.stringify(offer),
      JSON.stringify(candidate(5000)),
      JSON.stringify(JSON.parse(TWO_KINDS)),
      '{"kind":"data","data":"last"}',
    ];
    assert.equal(fast.signals.length, payloads.length);
    fast.signals.forEach((signal, i) => {
      assert.match(signal, /,"seq":\d+\}$/);
      assert.equal(signal.replace(/,"seq":\d+\}$/, ''), `${head}${payloads[i]}`);
    });
    assert.doesNotMatch(fast.signals[3] ?? '', /junk".*"kind"|"kind":"description"/);
  });

  test('a waiting ack leaves with the next message to its client once most of ackDelayMs is over', async () => {
    const clock = createFakeClock(1_000);
    const h = await startServer({ clock, ackDelayMs: 100 });
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      const acked = () => alice.log.some((m) => m.type === 'ack');
      const seq = alice.signal('r', 'bob', data('hi'));
      await bob.until(() => signalsIn(bob).length === 1, 2_000, "alice's signal");
      // Half the delay: a message to alice goes alone, the ack keeps waiting.
      clock.advance(50);
      bob.signal('r', 'alice', data('early'));
      await alice.until(() => signalsIn(alice).length === 1, 2_000, "bob's first signal");
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(acked(), false);
      // Three quarters and more: the next message to alice takes the ack along.
      clock.advance(30);
      bob.signal('r', 'alice', data('late'));
      await alice.waitFor((m) => m.type === 'ack' && m.seq === seq);
      assert.equal(signalsIn(alice).length, 2);
      const last = alice.log.slice(-2).map((m) => m.type);
      assert.deepEqual(last, ['signal', 'ack'], 'in the same write, right after the signal');
    } finally {
      await h.close();
    }
  });
});
