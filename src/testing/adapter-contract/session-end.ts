/**
 * The adapter contract on the end of sessions: ended by their connection or expired after a
 * drop, a session leaves its rooms and hands back the messages still waiting for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ContractContext, JOIN, joined, signal, T0 } from './fixtures.ts';

/** Registers the tests of ending and expiring sessions. */
export function sessionEndTests(contract: ContractContext): void {
  const { withAdapter, sessionsOf } = contract;

  test(
    'ending a session for a connection that no longer holds it does nothing',
    withAdapter(async (adapter) => {
      const [id] = await sessionsOf(adapter, 'alice');
      await adapter.markConnected(id!, 'conn-2');
      assert.equal(await adapter.endSession(id!, T0, 'conn-alice'), undefined);
      assert.ok(await adapter.getSession(id!));
      assert.ok(await adapter.endSession(id!, T0, 'conn-2'));
    }),
  );

  test(
    'expires only dropped sessions whose window ended, exactly once',
    withAdapter(async (adapter) => {
      const [live, early, late] = await sessionsOf(adapter, 'live', 'early', 'late');
      await adapter.markDropped(early!, 'conn-early', T0 + 100);
      await adapter.markDropped(late!, 'conn-late', T0 + 200);
      assert.deepEqual(await adapter.expireSessions(T0 + 99), []);
      const ended = await adapter.expireSessions(T0 + 100);
      assert.deepEqual(
        ended.map((e) => e.session.id),
        [early],
      );
      assert.deepEqual(await adapter.expireSessions(T0 + 150), []);
      assert.equal(await adapter.getSession(early!), undefined);
      assert.ok(await adapter.getSession(live!));
      assert.ok(await adapter.getSession(late!));
    }),
  );

  test(
    'ending a session leaves its rooms and returns its pending messages',
    withAdapter(async (adapter) => {
      const [a, b] = await sessionsOf(adapter, 'a', 'b');
      joined(await adapter.join('r1', a!, {}, JOIN));
      joined(await adapter.join('r2', a!, {}, JOIN));
      const bJoin = joined(await adapter.join('r1', b!, {}, JOIN));
      await adapter.append(a!, {
        message: signal('b', 'x'),
        bytes: 10,
        at: T0,
        origin: { session: b!, ref: 3 },
      });
      const ended = await adapter.endSession(a!, T0 + 5);
      assert.ok(ended);
      assert.deepEqual(
        ended.departures.map((d) => [d.room, d.member.peer, d.remaining.map((m) => m.peer)]),
        [
          ['r1', 'a', ['b']],
          ['r2', 'a', []],
        ],
      );
      assert.ok(ended.departures[0]!.version > bJoin.self.version);
      assert.deepEqual(
        ended.pending.map((p) => p.origin),
        [{ session: b, ref: 3 }],
      );
      assert.deepEqual(
        (await adapter.members('r1')).map((m) => m.peer),
        ['b'],
      );
      assert.equal(await adapter.getSession(a!), undefined);
    }),
  );

  test(
    'expiry returns departures and pending messages too',
    withAdapter(async (adapter) => {
      const [a, b] = await sessionsOf(adapter, 'a', 'b');
      joined(await adapter.join('r', a!, {}, JOIN));
      joined(await adapter.join('r', b!, {}, JOIN));
      await adapter.append(a!, {
        message: signal('b', 'x'),
        bytes: 1,
        at: T0,
        origin: { session: b!, ref: 1 },
      });
      await adapter.markDropped(a!, 'conn-a', T0 + 10);
      const [ended] = await adapter.expireSessions(T0 + 10);
      assert.deepEqual(
        ended!.departures.map((d) => d.remaining.map((m) => m.peer)),
        [['b']],
      );
      assert.equal(ended!.pending.length, 1);
    }),
  );
}
