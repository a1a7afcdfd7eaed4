import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerMessages } from 'switchboard/protocol';
import { startServer } from './harness.ts';

type Joined = ServerMessages['joined'];
type PeerJoined = ServerMessages['peer-joined'];
type PeerUpdated = ServerMessages['peer-updated'];
type PeerLeft = ServerMessages['peer-left'];
type PresenceUpdated = ServerMessages['presence-updated'];

const isPeerJoined = (m: { type: string }): m is PeerJoined => m.type === 'peer-joined';
const isPeerUpdated = (m: { type: string }): m is PeerUpdated => m.type === 'peer-updated';
const isPeerLeft = (m: { type: string }): m is PeerLeft => m.type === 'peer-left';

describe('rooms', () => {
  test('a joiner gets the current members; members get peer-joined in join order', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = h.peer();
      await bob.hello({ peer: 'bob' });
      const bobJoined = (await bob.join('r', { name: 'Bob' })) as Joined;
      assert.equal(bobJoined.type, 'joined');
      assert.deepEqual(
        bobJoined.peers.map((p) => p.peer),
        ['alice'],
      );
      const carol = await h.joined('carol', 'r');
      const carolJoined = carol.log.find((m): m is Joined => m.type === 'joined')!;
      assert.deepEqual(
        carolJoined.peers.map((p) => [p.peer, p.presence]),
        [
          ['alice', {}],
          ['bob', { name: 'Bob' }],
        ],
      );
      const seen = await alice.streamOf(isPeerJoined, 2);
      assert.deepEqual(
        seen.map((m) => [m.member.peer, m.room]),
        [
          ['bob', 'r'],
          ['carol', 'r'],
        ],
      );
      assert.ok(seen[0]!.member.version < seen[1]!.member.version);
      assert.equal(seen[0]!.member.version, bobJoined.self.version);
      // Bob's joined came before the peer-joined about carol.
      await bob.streamOf(isPeerJoined, 1);
      const bobLog = bob.log.map((m) => m.type);
      assert.ok(bobLog.indexOf('joined') < bobLog.indexOf('peer-joined'));
      assert.deepEqual(carol.stream, []);
    } finally {
      await h.close();
    }
  });

  test('exactly one side of each pair is polite: the greater peer id', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      const [aboutBob] = await alice.streamOf(isPeerJoined, 1);
      const bobJoined = bob.log.find((m): m is Joined => m.type === 'joined')!;
      const aboutAlice = bobJoined.peers[0]!;
      // 'bob' > 'alice': bob is polite towards alice, alice is not towards bob.
      assert.equal(aboutAlice.polite, true);
      assert.equal(aboutBob!.member.polite, false);
    } finally {
      await h.close();
    }
  });

  test('presence updates reach the others as peer-updated with growing versions', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      const [joined] = await alice.streamOf(isPeerJoined, 1);
      bob.send({ type: 'presence', id: 'p1', room: 'r', presence: { muted: true } });
      bob.send({ type: 'presence', id: 'p2', room: 'r', presence: { muted: false, name: 'B' } });
      const updates = await alice.streamOf(isPeerUpdated, 2);
      assert.deepEqual(
        updates.map((u) => u.member.presence),
        [{ muted: true }, { muted: false, name: 'B' }],
      );
      assert.ok(joined!.member.version < updates[0]!.member.version);
      assert.ok(updates[0]!.member.version < updates[1]!.member.version);
      assert.equal(bob.stream.filter(isPeerUpdated).length, 0);
      // A member of another room is not told, and a non-member cannot update.
      bob.send({ type: 'presence', id: 'p3', room: 'elsewhere', presence: {} });
      await bob.waitFor((m) => m.type === 'error' && m.ref === 'p3');
      assert.deepEqual(bob.errors(), [['SRV_ERR_NOT_IN_ROOM', 'p3']]);
      assert.deepEqual(
        bob.log.filter((m) => m.type === 'presence-updated').map((m) => 'ref' in m && m.ref),
        ['p1', 'p2'],
      );
    } finally {
      await h.close();
    }
  });

  test('presence is answered with presence-updated carrying the version the others see', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = h.peer();
      await bob.hello({ peer: 'bob' });
      const joined = (await bob.join('r', { name: 'Bob' })) as Joined;
      bob.send({ type: 'presence', id: 'p1', room: 'r', presence: { name: 'Bob', muted: true } });
      const reply = await bob.waitFor(
        (m): m is PresenceUpdated => m.type === 'presence-updated' && m.ref === 'p1',
      );
      assert.deepEqual(reply, {
        type: 'presence-updated',
        ref: 'p1',
        room: 'r',
        version: reply.version,
      });
      assert.ok(reply.version > joined.self.version);
      const [update] = await alice.streamOf(isPeerUpdated, 1);
      assert.deepEqual(
        [update!.member.peer, update!.member.version, update!.member.presence],
        ['bob', reply.version, { name: 'Bob', muted: true }],
      );
      // Presence replaces: the same request again is answered again, with a newer version.
      bob.send({ type: 'presence', id: 'p2', room: 'r', presence: { name: 'Bob', muted: true } });
      const again = await bob.waitFor(
        (m): m is PresenceUpdated => m.type === 'presence-updated' && m.ref === 'p2',
      );
      assert.ok(again.version > reply.version);
      assert.deepEqual(bob.errors(), []);
    } finally {
      await h.close();
    }
  });

  test('leave answers left and tells the others peer-left with a newer version', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      const [joined] = await alice.streamOf(isPeerJoined, 1);
      bob.send({ type: 'leave', id: 'l1', room: 'r' });
      await bob.waitFor((m) => m.type === 'left' && m.ref === 'l1');
      const [left] = await alice.streamOf(isPeerLeft, 1);
      assert.deepEqual([left!.peer, left!.reason, left!.room], ['bob', 'left', 'r']);
      assert.ok(left!.version > joined!.member.version);
      bob.send({ type: 'leave', id: 'l2', room: 'r' });
      await bob.waitFor((m) => m.type === 'error' && m.ref === 'l2');
      assert.deepEqual(bob.errors(), [['SRV_ERR_NOT_IN_ROOM', 'l2']]);
    } finally {
      await h.close();
    }
  });

  test('a closing handshake with 1000 ends the session at once: peer-left reason left', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const bob = await h.joined('bob', 'r');
      await alice.streamOf(isPeerJoined, 1);
      await bob.close(1000);
      const [left] = await alice.streamOf(isPeerLeft, 1);
      assert.deepEqual([left!.peer, left!.reason], ['bob', 'left']);
    } finally {
      await h.close();
    }
  });

  test('a new session with a live peer id replaces the old one (4004)', async () => {
    const h = await startServer();
    try {
      const alice = await h.joined('alice', 'r');
      const oldBob = await h.joined('bob', 'r');
      await h.joined('bob', 'r');
      assert.equal(await oldBob.closed(), 4004);
      await alice.until(() => alice.stream.length >= 3, 2_000, 'three room events');
      assert.deepEqual(
        alice.stream.map((m) => [m.type, isPeerLeft(m) ? m.reason : '']),
        [
          ['peer-joined', ''],
          ['peer-left', 'kicked'],
          ['peer-joined', ''],
        ],
      );
      const versions = alice.stream.map((m) =>
        isPeerLeft(m) ? m.version : (m as PeerJoined).member.version,
      );
      assert.deepEqual(
        [...versions].sort((a, b) => a - b),
        versions,
      );
      assert.equal(await h.server.adapter.getSession(oldBob.session!), undefined);
    } finally {
      await h.close();
    }
  });

  const refusals: [
    string,
    Record<string, unknown>,
    (h: Awaited<ReturnType<typeof startServer>>) => Promise<string>,
  ][] = [
    [
      'SRV_ERR_ROOM_FULL',
      { rooms: { maxPeers: 2 } },
      async (h) => {
        await h.joined('a', 'r');
        await h.joined('b', 'r');
        const c = h.peer();
        await c.hello({ peer: 'c' });
        return ((await c.join('r')) as ServerMessages['error']).code;
      },
    ],
    [
      'SRV_ERR_TOO_MANY_ROOMS',
      { limits: { maxRoomsPerSession: 2 } },
      async (h) => {
        const a = await h.joined('a', 'r1');
        await a.join('r2');
        return ((await a.join('r3')) as ServerMessages['error']).code;
      },
    ],
    [
      'SRV_ERR_ROOM_NOT_FOUND',
      { rooms: { createOnJoin: false } },
      async (h) => {
        const a = h.peer();
        await a.hello({ peer: 'a' });
        const refused = (await a.join('r')) as ServerMessages['error'];
        await h.server.createRoom('r');
        assert.equal((await a.join('r')).type, 'joined');
        return refused.code;
      },
    ],
  ];
  for (const [code, options, run] of refusals) {
    test(`join is refused with ${code}; the session goes on`, async () => {
      const h = await startServer(options);
      try {
        assert.equal(await run(h), code);
      } finally {
        await h.close();
      }
    });
  }

  test('empty rooms expire after rooms.emptyTimeoutMs', async () => {
    const { createFakeClock } = await import('switchboard/testing');
    const clock = createFakeClock();
    const h = await startServer({ clock, rooms: { emptyTimeoutMs: 5_000, createOnJoin: false } });
    try {
      await h.server.createRoom('r');
      clock.advance(4_000);
      await h.server.sweep();
      assert.equal((await h.server.adapter.counts()).rooms, 1);
      clock.advance(1_000);
      await h.server.sweep();
      assert.equal((await h.server.adapter.counts()).rooms, 0);
    } finally {
      await h.close();
    }
  });
});
