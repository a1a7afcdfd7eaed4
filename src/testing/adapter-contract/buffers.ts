/**
 * The adapter contract on outbound buffers: per-session seqs from 1, pending messages after a
 * seq, cumulative acks, the message and byte limits, and the origin of relayed messages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ContractContext, signal, T0 } from './fixtures.ts';

/** Registers the tests of outbound buffers. */
export function bufferTests(contract: ContractContext): void {
  const { withAdapter, sessionsOf } = contract;

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
}
