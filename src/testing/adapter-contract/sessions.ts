/**
 * The adapter contract on session records: creation, copies, which connection holds a
 * session, client seqs accepted once and in order, and refreshed identities.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ContractContext, newSession, T0 } from './fixtures.ts';

/** Registers the tests of session records. */
export function sessionTests(contract: ContractContext): void {
  const { withAdapter, sessionsOf } = contract;

  test(
    'stores a new session with sequence numbers at 0',
    withAdapter(async (adapter) => {
      const session = newSession('alice');
      await adapter.createSession(session);
      const stored = await adapter.getSession(session.id);
      assert.ok(stored);
      assert.equal(stored.peer, 'alice');
      assert.equal(stored.tokenHash, 'hash-alice');
      assert.equal(stored.connection, 'conn-alice');
      assert.deepEqual(
        [stored.received, stored.acked, stored.seq, stored.expiresAt, stored.rooms],
        [0, 0, 0, undefined, []],
      );
    }),
  );

  test(
    'refuses a second session with the same id',
    withAdapter(async (adapter) => {
      const session = newSession('alice');
      await adapter.createSession(session);
      await assert.rejects(adapter.createSession(session));
    }),
  );

  test(
    'returns undefined for an unknown session',
    withAdapter(async (adapter) => {
      assert.equal(await adapter.getSession('nope'), undefined);
      assert.equal(await adapter.markConnected('nope', 'c'), undefined);
      assert.equal(await adapter.markDropped('nope', 'c', T0), false);
      assert.deepEqual(await adapter.receive('nope', 1), { status: 'unknown-session' });
      assert.equal(await adapter.updateIdentity('nope', { rooms: '*' }), false);
      assert.equal(await adapter.endSession('nope', T0), undefined);
    }),
  );

  test(
    'returns copies, not live state',
    withAdapter(async (adapter) => {
      const [id] = await sessionsOf(adapter, 'alice');
      const stored = await adapter.getSession(id!);
      stored!.rooms.push('x');
      stored!.received = 99;
      const again = await adapter.getSession(id!);
      assert.deepEqual([again!.rooms, again!.received], [[], 0]);
    }),
  );

  test(
    'a drop by the holding connection sets the expiry',
    withAdapter(async (adapter) => {
      const [id] = await sessionsOf(adapter, 'alice');
      assert.equal(await adapter.markDropped(id!, 'someone-else', T0 + 10), false);
      assert.equal((await adapter.getSession(id!))!.connection, 'conn-alice');
      assert.equal(await adapter.markDropped(id!, 'conn-alice', T0 + 10), true);
      const stored = await adapter.getSession(id!);
      assert.deepEqual([stored!.connection, stored!.expiresAt], [undefined, T0 + 10]);
    }),
  );

  test(
    'reconnecting clears the expiry and names a still-attached connection',
    withAdapter(async (adapter) => {
      const [id] = await sessionsOf(adapter, 'alice');
      const takeover = await adapter.markConnected(id!, 'conn-2');
      assert.equal(takeover!.previous, 'conn-alice');
      assert.equal(takeover!.session.connection, 'conn-2');
      await adapter.markDropped(id!, 'conn-2', T0 + 10);
      const resumed = await adapter.markConnected(id!, 'conn-3');
      assert.equal(resumed!.previous, undefined);
      assert.equal(resumed!.session.expiresAt, undefined);
      // The old connection's late close no longer drops the session.
      assert.equal(await adapter.markDropped(id!, 'conn-2', T0 + 20), false);
    }),
  );

  test(
    'accepts client seqs one by one, refusing duplicates and gaps',
    withAdapter(async (adapter) => {
      const [id] = await sessionsOf(adapter, 'alice');
      const steps: [number, string, number][] = [
        [1, 'accepted', 1],
        [1, 'duplicate', 1],
        [3, 'gap', 1],
        [2, 'accepted', 2],
        [3, 'accepted', 3],
        [2, 'duplicate', 3],
      ];
      for (const [seq, status, received] of steps) {
        assert.deepEqual(await adapter.receive(id!, seq), { status, received }, `seq ${seq}`);
      }
      assert.equal((await adapter.getSession(id!))!.received, 3);
    }),
  );

  test(
    'accepts each client seq once when two connections race',
    withAdapter(async (adapter) => {
      const [id] = await sessionsOf(adapter, 'alice');
      const results = await Promise.all([adapter.receive(id!, 1), adapter.receive(id!, 1)]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['accepted', 'duplicate']);
    }),
  );

  test(
    'stores a refreshed identity',
    withAdapter(async (adapter) => {
      const [id] = await sessionsOf(adapter, 'alice');
      assert.equal(await adapter.updateIdentity(id!, { rooms: ['a'], expiresAt: T0 + 5 }), true);
      assert.deepEqual((await adapter.getSession(id!))!.identity, {
        rooms: ['a'],
        expiresAt: T0 + 5,
      });
    }),
  );
}
