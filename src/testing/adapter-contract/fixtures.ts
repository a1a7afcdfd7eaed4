/**
 * What every part of the adapter contract suite shares: a fixed clock reading, join options,
 * session and message fixtures, and the helpers that give each test a fresh adapter.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type {
  Delivery,
  JoinOptions,
  JoinResult,
  NewSession,
  SignalingAdapter,
  UnsequencedMessage,
} from '../../server/adapter.ts';

/** The time every test starts at (ms since the epoch). */
export const T0 = 1_700_000_000_000;
/** Join options roomy enough for every test but those about the limits. */
export const JOIN: JoinOptions = {
  createOnJoin: true,
  maxPeers: 4,
  maxRoomsPerSession: 3,
  now: T0,
};

/** A new session of `peer`, held by `connection`. */
export function newSession(peer: string, connection = `conn-${peer}`): NewSession {
  return {
    id: randomUUID(),
    peer,
    tokenHash: `hash-${peer}`,
    identity: { rooms: '*' },
    connection,
    createdAt: T0,
  };
}

/** A data signal in room `r` from `from`, carrying `text`. */
export function signal(from: string, text: string): UnsequencedMessage {
  return { type: 'signal', room: 'r', from, payload: { kind: 'data', data: text } };
}

/** The result of a join that must have succeeded. */
export function joined(result: JoinResult): Extract<JoinResult, { ok: true }> {
  if (!result.ok) assert.fail(`expected the join to succeed, got ${result.reason}`);
  return result;
}

/** The helpers each part of the suite registers its tests with. */
export interface ContractContext {
  /** Runs `body` with a fresh adapter, closing it afterwards whatever happens. */
  withAdapter(body: (adapter: SignalingAdapter) => Promise<void>): () => Promise<void>;
  /** Creates sessions for `peers` and returns their ids in order. */
  sessionsOf(adapter: SignalingAdapter, ...peers: string[]): Promise<string[]>;
  /** Waits until `received` holds `count` deliveries, failing after the delivery timeout. */
  waitFor(received: Delivery[], count: number): Promise<void>;
}

/** The helpers for adapters made by `createAdapter`, waiting `deliveryTimeoutMs` at most. */
export function createContractContext(
  createAdapter: () => SignalingAdapter | Promise<SignalingAdapter>,
  deliveryTimeoutMs: number,
): ContractContext {
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

  return { withAdapter, sessionsOf, waitFor };
}
