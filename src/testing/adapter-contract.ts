/**
 * The contract every {@link SignalingAdapter} implementation must satisfy, as a node:test
 * suite (the socket.io-redis-adapter way: one suite, run against each implementation).
 *
 * @example
 * ```ts
 * import { runAdapterContract } from 'switchboard/testing';
 * runAdapterContract('redis adapter', () => createRedisAdapter({ url }));
 * ```
 *
 * Each test creates a fresh adapter with the factory and closes it at the end. Delivery may
 * be asynchronous (pub/sub), so tests wait for published messages up to `deliveryTimeoutMs`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type {
  Delivery,
  JoinOptions,
  JoinResult,
  NewSession,
  SignalingAdapter,
  UnsequencedMessage,
} from '../server/adapter.ts';

/** Options of {@link runAdapterContract}. */
export interface AdapterContractOptions {
  /** How long to wait for a published delivery (ms). Default 1000. */
  deliveryTimeoutMs?: number;
}

const T0 = 1_700_000_000_000;
const JOIN: JoinOptions = { createOnJoin: true, maxPeers: 4, maxRoomsPerSession: 3, now: T0 };

function newSession(peer: string, connection = `conn-${peer}`): NewSession {
  return {
    id: randomUUID(),
    peer,
    tokenHash: `hash-${peer}`,
    identity: { rooms: '*' },
    connection,
    createdAt: T0,
  };
}

function signal(from: string, text: string): UnsequencedMessage {
  return { type: 'signal', room: 'r', from, payload: { kind: 'data', data: text } };
}

function joined(result: JoinResult): Extract<JoinResult, { ok: true }> {
  if (!result.ok) assert.fail(`expected the join to succeed, got ${result.reason}`);
  return result;
}

/**
 * Registers the adapter contract suite under `describe(name)`. `createAdapter` must return a
 * fresh, empty adapter each call (for a shared store: a fresh key prefix).
 */
export function runAdapterContract(
  name: string,
  createAdapter: () => SignalingAdapter | Promise<SignalingAdapter>,
  options: AdapterContractOptions = {},
): void {
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 1_000;

  /** Runs `body` with a fresh adapter, closing it afterwards whatever happens. */
  function withAdapter(body: (adapter: SignalingAdapter) => Promise<void>): () => Promise<void> {
    return async () => {
      const adapter = await createAdapter();
      try {
        await body(adapter);
      } finally {
        await adapter.close();
      }
    };
  }

  /** Creates sessions for `peers` and returns their ids in order. */
  async function sessionsOf(adapter: SignalingAdapter, ...peers: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const peer of peers) {
      const session = newSession(peer);
      await adapter.createSession(session);
      ids.push(session.id);
    }
    return ids;
  }

  async function waitFor(received: Delivery[], count: number): Promise<void> {
    const deadline = Date.now() + deliveryTimeoutMs;
    while (received.length < count) {
      if (Date.now() > deadline) {
        assert.fail(
          `expected ${count} deliveries within ${deliveryTimeoutMs} ms, got ${received.length}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  describe(name, () => {
    describe('sessions', () => {
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
          assert.equal(
            await adapter.updateIdentity(id!, { rooms: ['a'], expiresAt: T0 + 5 }),
            true,
          );
          assert.deepEqual((await adapter.getSession(id!))!.identity, {
            rooms: ['a'],
            expiresAt: T0 + 5,
          });
        }),
      );

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
    });

    describe('rooms', () => {
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
            for (const id of ids.slice(0, 2))
              await adapter.join('r', id, {}, { ...JOIN, maxPeers: 2 });
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
    });

    describe('outbound buffers', () => {
      test(
        'numbers messages per session from 1',
        withAdapter(async (adapter) => {
          const [a, b] = await sessionsOf(adapter, 'a', 'b');
          const seqs: number[] = [];
          for (const id of [a!, a!, b!, a!]) {
            const result = await adapter.append(id, {
              message: signal('x', 'm'),
              bytes: 1,
              at: T0,
            });
            assert.ok(result.ok);
            assert.equal(result.entry.message.seq, result.entry.seq);
            seqs.push(result.entry.seq);
          }
          assert.deepEqual(seqs, [1, 2, 1, 3]);
          assert.equal((await adapter.getSession(a!))!.seq, 3);
        }),
      );

      test(
        'pending lists unacknowledged messages after a seq, in order',
        withAdapter(async (adapter) => {
          const [a] = await sessionsOf(adapter, 'a');
          for (const text of ['1', '2', '3', '4']) {
            await adapter.append(a!, { message: signal('x', text), bytes: 1, at: T0 });
          }
          const texts = async (after: number) =>
            (await adapter.pending(a!, after)).map((e) => [
              e.seq,
              e.message.type === 'signal' && e.message.payload,
            ]);
          assert.deepEqual(await texts(2), [
            [3, { kind: 'data', data: '3' }],
            [4, { kind: 'data', data: '4' }],
          ]);
          await adapter.ack(a!, 3);
          assert.deepEqual(
            (await adapter.pending(a!, 0)).map((e) => e.seq),
            [4],
          );
          assert.equal((await adapter.getSession(a!))!.acked, 3);
        }),
      );

      test(
        'acks are cumulative and never move back or past the last seq',
        withAdapter(async (adapter) => {
          const [a] = await sessionsOf(adapter, 'a');
          for (let i = 0; i < 3; i++)
            await adapter.append(a!, { message: signal('x', 'm'), bytes: 1, at: T0 });
          await adapter.ack(a!, 2);
          await adapter.ack(a!, 1);
          assert.equal((await adapter.getSession(a!))!.acked, 2);
          await adapter.ack(a!, 99);
          assert.equal((await adapter.getSession(a!))!.acked, 3);
          assert.deepEqual(await adapter.pending(a!, 0), []);
          const next = await adapter.append(a!, { message: signal('x', 'm'), bytes: 1, at: T0 });
          assert.equal(next.ok && next.entry.seq, 4);
        }),
      );

      test(
        'refuses appends beyond maxMessages until acks make room',
        withAdapter(async (adapter) => {
          const [a] = await sessionsOf(adapter, 'a');
          const limits = { maxMessages: 2, maxBytes: 1_000 };
          const input = { message: signal('x', 'm'), bytes: 10, at: T0 };
          assert.ok((await adapter.append(a!, input, limits)).ok);
          assert.ok((await adapter.append(a!, input, limits)).ok);
          assert.deepEqual(await adapter.append(a!, input, limits), {
            ok: false,
            reason: 'buffer-full',
          });
          await adapter.ack(a!, 1);
          const after = await adapter.append(a!, input, limits);
          assert.equal(after.ok && after.entry.seq, 3);
        }),
      );

      test(
        'refuses appends beyond maxBytes; unbounded appends always go in',
        withAdapter(async (adapter) => {
          const [a] = await sessionsOf(adapter, 'a');
          const limits = { maxMessages: 100, maxBytes: 25 };
          const input = { message: signal('x', 'm'), bytes: 10, at: T0 };
          assert.ok((await adapter.append(a!, input, limits)).ok);
          assert.ok((await adapter.append(a!, input, limits)).ok);
          assert.equal((await adapter.append(a!, input, limits)).ok, false);
          assert.ok((await adapter.append(a!, input)).ok);
          assert.deepEqual(
            (await adapter.pending(a!, 0)).map((e) => e.seq),
            [1, 2, 3],
          );
        }),
      );

      test(
        'keeps the origin of relayed messages',
        withAdapter(async (adapter) => {
          const [a] = await sessionsOf(adapter, 'a');
          const origin = { session: 'sender', ref: 42 };
          await adapter.append(a!, { message: signal('x', 'm'), bytes: 1, at: T0 + 1, origin });
          const [entry] = await adapter.pending(a!, 0);
          assert.deepEqual([entry!.origin, entry!.at, entry!.bytes], [origin, T0 + 1, 1]);
        }),
      );

      test(
        'refuses appends for an unknown session',
        withAdapter(async (adapter) => {
          assert.deepEqual(
            await adapter.append('nope', { message: signal('x', 'm'), bytes: 1, at: T0 }),
            {
              ok: false,
              reason: 'unknown-session',
            },
          );
          assert.deepEqual(await adapter.pending('nope', 0), []);
        }),
      );
    });

    describe('delivery', () => {
      test(
        'subscribers receive what is published for their session, in order',
        withAdapter(async (adapter) => {
          const received: Delivery[] = [];
          const other: Delivery[] = [];
          const unsubscribe = await adapter.subscribe('s1', (d) => received.push(d));
          const unsubscribeOther = await adapter.subscribe('s2', (d) => other.push(d));
          for (let i = 1; i <= 5; i++) {
            await adapter.publish('s1', { type: 'takeover', connection: `c${i}` });
          }
          await adapter.publish('s1', { type: 'terminate', code: 4004, reason: 'replaced' });
          await waitFor(received, 6);
          assert.deepEqual(
            received.map((d) => (d.type === 'takeover' ? d.connection : d.type)),
            ['c1', 'c2', 'c3', 'c4', 'c5', 'terminate'],
          );
          assert.deepEqual(other, []);
          await unsubscribe();
          await unsubscribeOther();
        }),
      );

      test(
        'a published message arrives whole',
        withAdapter(async (adapter) => {
          const [a] = await sessionsOf(adapter, 'a');
          const received: Delivery[] = [];
          const unsubscribe = await adapter.subscribe(a!, (d) => received.push(d));
          const result = await adapter.append(a!, {
            message: signal('b', 'hello'),
            bytes: 5,
            at: T0,
            origin: { session: 'b', ref: 1 },
          });
          assert.ok(result.ok);
          await adapter.publish(a!, { type: 'message', entry: result.entry });
          await waitFor(received, 1);
          assert.deepEqual(received[0], { type: 'message', entry: result.entry });
          await unsubscribe();
        }),
      );

      test(
        'unsubscribing stops delivery; publishing to nobody is fine',
        withAdapter(async (adapter) => {
          const received: Delivery[] = [];
          const unsubscribe = await adapter.subscribe('s', (d) => received.push(d));
          await unsubscribe();
          await adapter.publish('s', { type: 'takeover', connection: 'c' });
          await adapter.publish('nobody', { type: 'takeover', connection: 'c' });
          await new Promise((resolve) => setTimeout(resolve, 20));
          assert.deepEqual(received, []);
        }),
      );

      test(
        'a failing subscriber does not stop the others',
        withAdapter(async (adapter) => {
          const received: Delivery[] = [];
          const unsubscribeBad = await adapter.subscribe('s', () => {
            throw new Error('boom');
          });
          const unsubscribe = await adapter.subscribe('s', (d) => received.push(d));
          await adapter.publish('s', { type: 'takeover', connection: 'c' });
          await waitFor(received, 1);
          await unsubscribeBad();
          await unsubscribe();
        }),
      );
    });

    test(
      'counts sessions and rooms',
      withAdapter(async (adapter) => {
        const [a] = await sessionsOf(adapter, 'a', 'b');
        await adapter.join('r1', a!, {}, JOIN);
        await adapter.createRoom('r2', T0);
        assert.deepEqual(await adapter.counts(), { sessions: 2, rooms: 2 });
      }),
    );
  });
}
