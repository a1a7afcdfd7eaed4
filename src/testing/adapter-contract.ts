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
import { describe, test } from 'node:test';
import type { SignalingAdapter } from '../server/adapter.ts';
import { bufferTests } from './adapter-contract/buffers.ts';
import { deliveryTests } from './adapter-contract/delivery.ts';
import { createContractContext, JOIN, T0 } from './adapter-contract/fixtures.ts';
import { roomTests } from './adapter-contract/rooms.ts';
import { sessionEndTests } from './adapter-contract/session-end.ts';
import { sessionTests } from './adapter-contract/sessions.ts';

/** Options of {@link runAdapterContract}. */
export interface AdapterContractOptions {
  /** How long to wait for a published delivery (ms). Default 1000. */
  deliveryTimeoutMs?: number;
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
  const contract = createContractContext(createAdapter, deliveryTimeoutMs);
  const { withAdapter, sessionsOf } = contract;

  describe(name, () => {
    describe('sessions', () => {
      sessionTests(contract);
      sessionEndTests(contract);
    });
    describe('rooms', () => roomTests(contract));
    describe('outbound buffers', () => bufferTests(contract));
    describe('delivery', () => deliveryTests(contract));

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
