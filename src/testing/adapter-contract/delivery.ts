/**
 * The adapter contract on delivery: what is published for a session reaches its subscribers,
 * whole and in order, and only while they are subscribed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Delivery } from '../../server/adapter.ts';
import { type ContractContext, signal, T0 } from './fixtures.ts';

/** Registers the tests of delivery to subscribers. */
export function deliveryTests(contract: ContractContext): void {
  const { withAdapter, sessionsOf, waitFor } = contract;

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
}
