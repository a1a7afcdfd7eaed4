/**
 * Resume: a socket cut at any step of an offer/answer/candidate exchange, then resumed,
 * gives exactly-once, in-order delivery both ways; a session that does not come back in
 * time is announced as expired to its rooms and to everyone with signals buffered for it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerMessages, SignalPayload } from 'switchboard/protocol';
import type { SignalingServer } from 'switchboard/server';
import { createFakeClock } from 'switchboard/testing';
import { answer, candidate, endOfCandidates, offer } from './fixtures.ts';
import { startServer } from './harness.ts';
import { data, signalsIn, type TestPeer } from './test-client.ts';

type Name = 'alice' | 'bob';

/** The exchange, in the notation of the test names. */
const EXCHANGE: [Name, string, SignalPayload][] = [
  ['alice', 'offer', offer],
  ['bob', 'answer', answer],
  ['alice', 'candidate 1', candidate(5001)],
  ['alice', 'candidate 2', candidate(5002)],
  ['bob', 'candidate', candidate(6001)],
  ['alice', 'end-of-candidates', endOfCandidates],
  ['bob', 'end-of-candidates', endOfCandidates],
];

/**
 * When the victim's socket is cut relative to step i, and when it resumes:
 * - `after-send, resume at once`: step i is sent, the socket cut at once, then resumed;
 * - `after-send, resume at the end`: as above, but the rest of the exchange goes on first;
 * - `before-send, resume at the end`: cut before step i is sent.
 */
const MODES = [
  'after-send, resume at once',
  'after-send, resume at the end',
  'before-send, resume at the end',
] as const;

/** Waits until the adapter says `session` has no socket (the server saw the cut). */
async function dropped(server: SignalingServer, session: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  while ((await server.adapter.getSession(session))?.connection !== undefined) {
    assert.ok(Date.now() < deadline, 'the server never noticed the cut');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('resume', () => {
  for (const victimName of ['alice', 'bob'] as const) {
    for (const mode of MODES) {
      for (let cutAt = 0; cutAt < EXCHANGE.length; cutAt++) {
        const [sender, what] = EXCHANGE[cutAt]!;
        test(`cut ${victimName} ${mode.split(',')[0]} step ${cutAt + 1} (${sender} ${what}),${mode.split(',')[1]}: exactly once, in order`, async () => {
          const h = await startServer();
          try {
            const peers: Record<Name, TestPeer> = {
              alice: await h.joined('alice', 'r'),
              bob: await h.joined('bob', 'r'),
            };
            const victim = peers[victimName];
            const online = (peer: TestPeer) => peer.socket !== undefined;
            const expected: Record<Name, SignalPayload[]> = { alice: [], bob: [] };
            for (let i = 0; i < EXCHANGE.length; i++) {
              const [from, , payload] = EXCHANGE[i]!;
              const to: Name = from === 'alice' ? 'bob' : 'alice';
              if (i === cutAt && mode.startsWith('before-send')) victim.cut();
              peers[from].signal('r', to, payload);
              expected[to].push(payload);
              if (i === cutAt && mode.startsWith('after-send')) {
                victim.cut();
                if (mode.endsWith('at once')) await victim.resume();
              } else if (online(peers[to]) && online(peers[from])) {
                const receiver = peers[to];
                const count = expected[to].length;
                await receiver.until(
                  () => signalsIn(receiver).length >= count,
                  2_000,
                  `step ${i + 1}`,
                );
              }
            }
            if (!online(victim)) await victim.resume();
            for (const name of ['alice', 'bob'] as const) {
              const peer = peers[name];
              await peer.until(
                () => signalsIn(peer).length >= expected[name].length,
                2_000,
                `${name}'s signals`,
              );
            }
            // Give stray duplicates a moment to show up.
            await new Promise((resolve) => setTimeout(resolve, 20));
            for (const name of ['alice', 'bob'] as const) {
              const peer = peers[name];
              const other = name === 'alice' ? 'bob' : 'alice';
              assert.deepEqual(
                signalsIn(peer),
                expected[name].map((p) => [other, p]),
                `${name} receives the exchange exactly once, in order`,
              );
              assert.deepEqual(peer.duplicates, [], `${name}: no duplicates`);
              assert.deepEqual(peer.gaps, [], `${name}: no gaps`);
              assert.deepEqual(peer.errors(), [], `${name}: no errors`);
            }
          } finally {
            await h.close();
          }
        });
      }
    }
  }

  test('a resume while the old socket is open takes the session over (4004 on the old one)', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      const twin = h.peer();
      twin.session = bob.session;
      twin.resumeToken = bob.resumeToken;
      twin.peer = bob.peer;
      const welcome = await twin.resume();
      assert.equal(welcome.peer, 'bob');
      assert.equal(await bob.closed(), 4004);
      alice.signal('r', 'bob', data('to the twin'));
      await twin.until(() => signalsIn(twin).length === 1, 2_000, 'the signal');
      assert.deepEqual(signalsIn(bob), []);
    } finally {
      await h.close();
    }
  });

  // 1000 from the client ends the session at once (rooms.test.ts); every other close keeps it.
  const RESUMABLE_CLOSES: [number, string][] = [
    [4100, 'the client gives the connection up to resume'],
    [1001, 'going away'],
  ];
  for (const [code, meaning] of RESUMABLE_CLOSES) {
    test(`a client close with ${code} (${meaning}) keeps the session resumable, with the same token`, async () => {
      const h = await startServer();
      try {
        const alice = await h.joined('alice', 'r');
        const bob = await h.joined('bob', 'r');
        await alice.waitFor((m) => m.type === 'peer-joined');
        const token = bob.resumeToken;
        await bob.close(code);
        await dropped(h.server, bob.session!);
        alice.signal('r', 'bob', data('while bob was away'));
        await alice.waitFor((m) => m.type === 'ack' && m.seq === 1);
        const welcome = await bob.resume();
        assert.equal(welcome.resumeToken, token);
        await bob.until(() => signalsIn(bob).length === 1, 2_000, 'the buffered signal');
        assert.deepEqual(signalsIn(bob), [['alice', data('while bob was away')]]);
        assert.equal(
          alice.log.some((m) => m.type === 'peer-left' || m.type === 'undeliverable'),
          false,
        );
      } finally {
        await h.close();
      }
    });
  }

  const failures: [string, (peer: TestPeer) => void][] = [
    ['a wrong token', (peer) => (peer.resumeToken = 'A'.repeat(43))],
    ['an unknown session', (peer) => (peer.session = '00000000-0000-4000-8000-000000000000')],
  ];
  for (const [what, spoil] of failures) {
    test(`resuming with ${what} fails with SRV_ERR_RESUME_FAILED and close 4003`, async () => {
      const h = await startServer();
      try {
        const peer = h.peer();
        await peer.hello({ peer: 'p' });
        peer.cut();
        spoil(peer);
        await assert.rejects(peer.resume(), /resume failed/);
        assert.equal(await peer.closed(), 4003);
        assert.deepEqual(peer.errors(), [['SRV_ERR_RESUME_FAILED', undefined]]);
      } finally {
        await h.close();
      }
    });
  }

  test('after the window: the room sees peer-left expired, senders get expired with their refs', async () => {
    const clock = createFakeClock();
    // Acks at once: this test waits for them while its clock stands still.
    const h = await startServer({ clock, ackDelayMs: 0 });
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      const carol = await h.joined('carol', 'r');
      // Bob gets and acknowledges the first signal; the next ones wait for him.
      alice.signal('r', 'bob', data('acked'));
      await bob.until(() => signalsIn(bob).length === 1, 2_000, 'the first signal');
      bob.ack();
      await bob.until(() => true, 0, '');
      while ((await h.server.adapter.pending(bob.session!, 0)).length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      bob.cut();
      await dropped(h.server, bob.session!);
      const refs = [
        alice.signal('r', 'bob', data('late 1')),
        alice.signal('r', 'bob', data('late 2')),
      ];
      const carolRef = carol.signal('r', 'bob', data('from carol'));
      await alice.waitFor((m) => m.type === 'ack' && m.seq === refs[1]);
      await carol.waitFor((m) => m.type === 'ack' && m.seq === carolRef);

      clock.advance(29_999);
      await h.server.sweep();
      assert.ok(await h.server.adapter.getSession(bob.session!), 'still resumable');
      clock.advance(1);
      await h.server.sweep();

      const isLeft = (m: { type: string }): m is ServerMessages['peer-left'] =>
        m.type === 'peer-left';
      const isExpired = (m: { type: string }): m is ServerMessages['expired'] =>
        m.type === 'expired';
      const [left] = await alice.streamOf(isLeft, 1);
      assert.deepEqual([left!.peer, left!.reason], ['bob', 'expired']);
      const [expired] = await alice.streamOf(isExpired, 1);
      assert.deepEqual([expired!.to, expired!.refs], ['bob', refs]);
      const [carolExpired] = await carol.streamOf(isExpired, 1);
      assert.deepEqual(carolExpired!.refs, [carolRef]);
      await carol.streamOf(isLeft, 1);

      await assert.rejects(bob.resume(), /resume failed/);
      assert.equal(await bob.closed(), 4003);
    } finally {
      await h.close();
    }
  });

  test('with resume.windowMs 0 a dropped session ends at once', async () => {
    const h = await startServer({ resume: { windowMs: 0 } });
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      bob.cut();
      const [left] = await alice.streamOf(
        (m): m is ServerMessages['peer-left'] => m.type === 'peer-left',
        1,
      );
      assert.equal(left!.reason, 'expired');
    } finally {
      await h.close();
    }
  });

  test('a resumed welcome says which client seqs the server has, and replays only unacked', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r', { autoAck: false });
      for (let i = 1; i <= 3; i++) alice.signal('r', 'bob', data(i));
      await bob.until(() => signalsIn(bob).length === 3, 2_000, 'three signals');
      bob.signal('r', 'alice', data('reply'));
      await bob.waitFor((m) => m.type === 'ack' && m.seq === 1);
      // Bob joined last (no room events for him): his seqs 1-3 are the three signals.
      bob.send({ type: 'ack', seq: 2 });
      bob.cut();
      // Pretend bob lost the third signal: he resumes with ack 2.
      bob.lastSeq = 2;
      bob.stream.splice(2);
      const welcome = await bob.resume();
      assert.equal(welcome.ack, 1);
      await bob.until(() => signalsIn(bob).length === 3, 2_000, 'the replay');
      assert.deepEqual(
        signalsIn(bob).map(([, p]) => p),
        [data(1), data(2), data(3)],
      );
      assert.deepEqual(bob.duplicates, []);
    } finally {
      await h.close();
    }
  });
});
