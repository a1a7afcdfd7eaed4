import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerMessages, SignalPayload } from 'switchboard/protocol';
import { BAD_OFFER, candidate, endOfCandidates, offer } from './fixtures.ts';
import { startServer } from './harness.ts';
import { data, signalsIn } from './test-client.ts';

type Undeliverable = ServerMessages['undeliverable'];
const isUndeliverable = (m: { type: string }): m is Undeliverable => m.type === 'undeliverable';

describe('relay', () => {
  test('100 signals arrive in order, once each, and are acknowledged', async () => {
    const h = await startServer({ limits: { burst: 1_000 } });
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      for (let i = 1; i <= 100; i++) alice.signal('r', 'bob', data(i));
      await bob.until(() => signalsIn(bob).length === 100, 5_000, '100 signals');
      assert.deepEqual(
        signalsIn(bob).map(([from, payload]) => [from, (payload as { data: number }).data]),
        Array.from({ length: 100 }, (_, i) => ['alice', i + 1]),
      );
      await alice.waitFor((m) => m.type === 'ack' && m.seq === 100);
      assert.equal(alice.outbox.size, 0);
      const acks = alice.log
        .filter((m): m is ServerMessages['ack'] => m.type === 'ack')
        .map((m) => m.seq);
      assert.deepEqual(
        [...acks].sort((a, b) => a - b),
        acks,
        'acks never go back',
      );
      assert.ok(acks.length < 100, `acks are batched (${acks.length} acks)`);
      assert.deepEqual([bob.duplicates, bob.gaps], [[], []]);
      // Bob's acks empty his buffer on the server.
      await bob.until(() => true, 0, '');
      const deadline = Date.now() + 2_000;
      while (
        (await h.server.adapter.pending(bob.session!, 0)).length > 0 &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.deepEqual(await h.server.adapter.pending(bob.session!, 0), []);
    } finally {
      await h.close();
    }
  });

  test('the server stamps from: a spoofed from is ignored', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      await h.joined('carol', 'r');
      alice.signal('r', 'bob', data('hi'), { from: 'carol' });
      const [signal] = await bob.streamOf(
        (m): m is ServerMessages['signal'] => m.type === 'signal',
        1,
      );
      assert.equal(signal!.from, 'alice');
    } finally {
      await h.close();
    }
  });

  test('a signal to a peer not in the room gets undeliverable not-in-room', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      await h.joined('bob', 'elsewhere');
      const seq = alice.signal('r', 'bob', data('hi'));
      const [undeliverable] = await alice.streamOf(isUndeliverable, 1);
      assert.deepEqual(
        [undeliverable!.ref, undeliverable!.to, undeliverable!.reason],
        [seq, 'bob', 'not-in-room'],
      );
      // The seq was consumed: acknowledged, and the next one relays normally.
      await alice.waitFor((m) => m.type === 'ack' && m.seq === seq);
    } finally {
      await h.close();
    }
  });

  test('a signal into a room the sender is not in gets SRV_ERR_NOT_IN_ROOM', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'a');
      const bob = await h.joined('bob', 'b');
      const seq = alice.signal('b', 'bob', data('hi'));
      await alice.waitFor((m) => m.type === 'error');
      assert.deepEqual(alice.errors(), [['SRV_ERR_NOT_IN_ROOM', seq]]);
      await alice.waitFor((m) => m.type === 'ack' && m.seq === seq);
      assert.deepEqual(signalsIn(bob), []);
    } finally {
      await h.close();
    }
  });

  test('a duplicate seq is acknowledged again, not relayed again', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      const seq = alice.signal('r', 'bob', data('once'));
      alice.send({ type: 'signal', seq, room: 'r', to: 'bob', payload: data('once') });
      alice.signal('r', 'bob', data('twice'));
      await bob.until(() => signalsIn(bob).length === 2, 2_000, 'two signals');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(
        signalsIn(bob).map(([, p]) => p),
        [data('once'), data('twice')],
      );
      assert.deepEqual(alice.errors(), []);
    } finally {
      await h.close();
    }
  });

  test('a seq that skips ahead gets SRV_ERR_SEQUENCE and is not relayed', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      alice.send({ type: 'signal', seq: 5, room: 'r', to: 'bob', payload: data('early') });
      await alice.waitFor((m) => m.type === 'error');
      assert.deepEqual(alice.errors(), [['SRV_ERR_SEQUENCE', 5]]);
      alice.signal('r', 'bob', data('first'));
      await bob.until(() => signalsIn(bob).length === 1, 2_000, 'a signal');
      assert.deepEqual(signalsIn(bob), [['alice', data('first')]]);
    } finally {
      await h.close();
    }
  });

  const payloads: [string, SignalPayload][] = [
    ['an offer', offer],
    ['a candidate', candidate(5000)],
    [
      'a candidate without the candidate: prefix',
      {
        kind: 'candidate',
        candidate: { candidate: '1 1 udp 2122260223 10.0.0.1 5001 typ host' },
      },
    ],
    ['an empty candidate (end of candidates)', { kind: 'candidate', candidate: { candidate: '' } }],
    ['end-of-candidates', endOfCandidates],
    [
      'a rollback with empty sdp',
      { kind: 'description', description: { type: 'rollback', sdp: '' } },
    ],
    ['application data', data({ nested: [1, 2, 3] })],
  ];
  test('relays every valid payload kind unchanged', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      for (const [, payload] of payloads) alice.signal('r', 'bob', payload);
      await bob.until(() => signalsIn(bob).length === payloads.length, 2_000, 'all payloads');
      assert.deepEqual(
        signalsIn(bob).map(([, p]) => p),
        payloads.map(([, p]) => p),
      );
      assert.deepEqual(alice.errors(), []);
    } finally {
      await h.close();
    }
  });

  const invalid: [string, SignalPayload, string, { line?: number; column?: number }][] = [
    [
      'malformed SDP',
      { kind: 'description', description: { type: 'offer', sdp: BAD_OFFER } },
      'SRV_ERR_INVALID_SDP',
      { line: 4, column: 3 },
    ],
    [
      'an empty offer',
      { kind: 'description', description: { type: 'answer', sdp: '' } },
      'SRV_ERR_INVALID_SDP',
      {},
    ],
    [
      'a malformed candidate',
      { kind: 'candidate', candidate: { candidate: 'candidate:garbage' } },
      'SRV_ERR_INVALID_CANDIDATE',
      {},
    ],
  ];
  for (const [what, payload, code, position] of invalid) {
    test(`${what} goes back to the sender as ${code} and is not relayed`, async () => {
      const h = await startServer();
      try {
        const alice = await h.joined('alice', 'r');
        const bob = await h.joined('bob', 'r');
        const seq = alice.signal('r', 'bob', payload);
        const error = await alice.waitFor((m): m is ServerMessages['error'] => m.type === 'error');
        assert.deepEqual([error.code, error.ref], [code, seq]);
        if (position.line !== undefined) {
          assert.deepEqual({ line: error.line, column: error.column }, position);
        }
        assert.doesNotMatch(error.message, /\n\s+at /, 'no stack on the wire');
        alice.signal('r', 'bob', data('after'));
        await bob.until(() => signalsIn(bob).length === 1, 2_000, 'the next signal');
        assert.deepEqual(signalsIn(bob), [['alice', data('after')]]);
      } finally {
        await h.close();
      }
    });
  }

  test('a full buffer makes the sender get undeliverable buffer-full, never a silent drop', async () => {
    const h = await startServer({ resume: { maxMessages: 3 } });
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r', { autoAck: false });
      // Bob joined last, so his buffer starts empty: three signals fill it.
      const seqs = [1, 2, 3, 4, 5].map((i) => alice.signal('r', 'bob', data(i)));
      const undeliverable = await alice.streamOf(isUndeliverable, 2);
      assert.deepEqual(
        undeliverable.map((u) => [u.ref, u.reason]),
        [
          [seqs[3], 'buffer-full'],
          [seqs[4], 'buffer-full'],
        ],
      );
      await bob.until(() => signalsIn(bob).length === 3, 2_000, 'three signals');
      bob.ack();
      const next = alice.signal('r', 'bob', data(6));
      await bob.until(() => signalsIn(bob).length === 4, 2_000, 'the sixth signal');
      assert.equal(
        alice.stream.filter(isUndeliverable).some((u) => u.ref === next),
        false,
      );
    } finally {
      await h.close();
    }
  });

  test('signaling oneself is refused', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const seq = alice.signal('r', 'alice', data('me'));
      await alice.waitFor((m) => m.type === 'error');
      assert.deepEqual(alice.errors(), [['PROTO_ERR_INVALID_MESSAGE', seq]]);
    } finally {
      await h.close();
    }
  });
});
