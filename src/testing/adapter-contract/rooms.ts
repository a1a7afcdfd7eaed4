/**
 * The adapter contract on rooms: joins and their refusals, replacement of a peer id, leaves,
 * presence updates, member lists and the expiry of empty rooms. Every change to a member
 * bumps its version.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JoinResult, SignalingAdapter } from '../../server/adapter.ts';
import { type ContractContext, JOIN, joined, newSession, T0 } from './fixtures.ts';

/** Registers the tests of rooms and presence. */
export function roomTests(contract: ContractContext): void {
  const { withAdapter, sessionsOf } = contract;

  test(
    'the first join creates the room; later joins see earlier members',
    withAdapter(async (adapter) => {
      const [a, b, c] = await sessionsOf(adapter, 'a', 'b', 'c');
      const first = joined(await adapter.join('r', a!, { name: 'A' }, JOIN));
      assert.deepEqual([first.created, first.already, first.others], [true, false, []]);
      const second = joined(await adapter.join('r', b!, {}, JOIN));
      assert.equal(second.created, false);
      assert.deepEqual(
        second.others.map((m) => [m.peer, m.presence]),
        [['a', { name: 'A' }]],
      );
      const third = joined(await adapter.join('r', c!, {}, JOIN));
      assert.deepEqual(
        third.others.map((m) => m.peer),
        ['a', 'b'],
      );
      assert.ok(first.self.version < second.self.version);
      assert.ok(second.self.version < third.self.version);
      assert.deepEqual((await adapter.getSession(c!))!.rooms, ['r']);
    }),
  );

  test(
    'joining again changes nothing',
    withAdapter(async (adapter) => {
      const [a] = await sessionsOf(adapter, 'a');
      const first = joined(await adapter.join('r', a!, {}, JOIN));
      const again = joined(await adapter.join('r', a!, { x: 1 }, JOIN));
      assert.equal(again.already, true);
      assert.equal(again.self.version, first.self.version);
      assert.deepEqual((await adapter.getSession(a!))!.rooms, ['r']);
    }),
  );

  const refusals: [string, (adapter: SignalingAdapter) => Promise<JoinResult>, string][] = [
    [
      'a room that does not exist when rooms are not created on join',
      async (adapter) => {
        const [a] = await sessionsOf(adapter, 'a');
        return adapter.join('r', a!, {}, { ...JOIN, createOnJoin: false });
      },
      'not-found',
    ],
    [
      'a full room',
      async (adapter) => {
        const ids = await sessionsOf(adapter, 'a', 'b', 'c');
        for (const id of ids.slice(0, 2)) await adapter.join('r', id, {}, { ...JOIN, maxPeers: 2 });
        return adapter.join('r', ids[2]!, {}, { ...JOIN, maxPeers: 2 });
      },
      'full',
    ],
    [
      'a session in maxRoomsPerSession rooms',
      async (adapter) => {
        const [a] = await sessionsOf(adapter, 'a');
        for (const room of ['r1', 'r2', 'r3']) await adapter.join(room, a!, {}, JOIN);
        return adapter.join('r4', a!, {}, JOIN);
      },
      'too-many-rooms',
    ],
    [
      'an unknown session',
      async (adapter) => adapter.join('r', 'nope', {}, JOIN),
      'unknown-session',
    ],
  ];
  for (const [what, run, reason] of refusals) {
    test(
      `join refuses ${what}: ${reason}`,
      withAdapter(async (adapter) => {
        const result = await run(adapter);
        assert.equal(result.ok, false);
        assert.equal(!result.ok && result.reason, reason);
      }),
    );
  }

  test(
    'an explicitly created room can be joined without createOnJoin',
    withAdapter(async (adapter) => {
      const [a] = await sessionsOf(adapter, 'a');
      assert.equal(await adapter.createRoom('r', T0), true);
      assert.equal(await adapter.createRoom('r', T0), false);
      const result = joined(await adapter.join('r', a!, {}, { ...JOIN, createOnJoin: false }));
      assert.equal(result.created, false);
    }),
  );

  test(
    'a second session with the same peer id replaces the first',
    withAdapter(async (adapter) => {
      const [old, other] = await sessionsOf(adapter, 'p', 'q');
      const fresh = newSession('p', 'conn-new');
      await adapter.createSession(fresh);
      const before = joined(await adapter.join('r', old!, {}, JOIN));
      joined(await adapter.join('r', other!, {}, JOIN));
      const result = joined(await adapter.join('r', fresh.id, {}, { ...JOIN, maxPeers: 2 }));
      assert.equal(result.replaced?.member.session, old);
      assert.ok(result.replaced!.version > before.self.version);
      assert.ok(result.self.version > result.replaced!.version);
      assert.deepEqual(
        result.others.map((m) => m.peer),
        ['q'],
      );
      assert.deepEqual((await adapter.getSession(old!))!.rooms, []);
      assert.equal(await adapter.leave('r', old!, T0), undefined);
      assert.equal((await adapter.member('r', 'p'))!.session, fresh.id);
    }),
  );

  test(
    'leave bumps the version and lists who remains',
    withAdapter(async (adapter) => {
      const [a, b] = await sessionsOf(adapter, 'a', 'b');
      joined(await adapter.join('r', a!, {}, JOIN));
      const bJoin = joined(await adapter.join('r', b!, {}, JOIN));
      const departure = await adapter.leave('r', a!, T0);
      assert.ok(departure);
      assert.equal(departure.member.peer, 'a');
      assert.ok(departure.version > bJoin.self.version);
      assert.deepEqual(
        departure.remaining.map((m) => m.peer),
        ['b'],
      );
      assert.equal(await adapter.leave('r', a!, T0), undefined);
      assert.deepEqual((await adapter.getSession(a!))!.rooms, []);
    }),
  );

  test(
    'presence updates bump the member version',
    withAdapter(async (adapter) => {
      const [a, b] = await sessionsOf(adapter, 'a', 'b');
      const aJoin = joined(await adapter.join('r', a!, {}, JOIN));
      joined(await adapter.join('r', b!, {}, JOIN));
      const first = await adapter.updatePresence('r', a!, { muted: true });
      const second = await adapter.updatePresence('r', a!, { muted: false });
      assert.ok(first && second);
      assert.ok(aJoin.self.version < first.member.version);
      assert.ok(first.member.version < second.member.version);
      assert.deepEqual(second.member.presence, { muted: false });
      assert.deepEqual(
        second.others.map((m) => m.peer),
        ['b'],
      );
      assert.deepEqual((await adapter.member('r', 'a'))!.presence, { muted: false });
      const [c] = await sessionsOf(adapter, 'c');
      assert.equal(await adapter.updatePresence('r', c!, {}), undefined);
    }),
  );

  test(
    'members are listed in join order',
    withAdapter(async (adapter) => {
      const ids = await sessionsOf(adapter, 'z', 'a', 'm');
      for (const id of ids) await adapter.join('r', id, {}, JOIN);
      assert.deepEqual(
        (await adapter.members('r')).map((m) => m.peer),
        ['z', 'a', 'm'],
      );
      assert.deepEqual(await adapter.members('none'), []);
      assert.equal(await adapter.member('r', 'nobody'), undefined);
    }),
  );

  test(
    'empty rooms expire after they have been empty long enough',
    withAdapter(async (adapter) => {
      const [a] = await sessionsOf(adapter, 'a');
      joined(await adapter.join('busy', a!, {}, JOIN));
      joined(await adapter.join('gone', a!, {}, JOIN));
      await adapter.leave('gone', a!, T0 + 100);
      await adapter.createRoom('fresh', T0 + 200);
      assert.deepEqual(await adapter.expireRooms(T0 + 99), []);
      assert.deepEqual(await adapter.expireRooms(T0 + 100), ['gone']);
      assert.deepEqual(await adapter.expireRooms(T0 + 1_000), ['fresh']);
      assert.deepEqual((await adapter.counts()).rooms, 1);
    }),
  );
}
