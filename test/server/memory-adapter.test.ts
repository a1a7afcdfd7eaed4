import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createMemoryAdapter,
  type SignalingAdapter,
  synchronousOperations,
} from 'switchboard/server';
import { runAdapterContract } from 'switchboard/testing';

runAdapterContract('memory adapter', () => createMemoryAdapter());

test('memory adapter: its synchronous operations serve it, not a wrapper that spreads it', async () => {
  const memory = createMemoryAdapter();
  const sync = synchronousOperations(memory);
  assert.ok(sync);
  const wrapper: SignalingAdapter = {
    ...memory,
    append: async (...args) => memory.append(...args),
  };
  assert.equal(synchronousOperations(wrapper), undefined);
  // They act on the same state as the methods.
  await memory.createSession({
    id: 's',
    peer: 'p',
    tokenHash: 'h',
    identity: { rooms: '*' },
    connection: 'c',
    createdAt: 0,
  });
  await memory.join(
    'r',
    's',
    {},
    { createOnJoin: true, maxPeers: 2, maxRoomsPerSession: 1, now: 0 },
  );
  assert.equal(sync.memberSession('r', 'p'), 's');
  assert.equal(sync.memberSession('r', 'q'), undefined);
  assert.deepEqual(sync.receive('s', 1), { status: 'accepted', received: 1 });
  assert.deepEqual(await memory.receive('s', 1), { status: 'duplicate', received: 1 });
  const appended = sync.append('s', {
    message: { type: 'signal', room: 'r', from: 'q', payload: { kind: 'data', data: 1 } },
    bytes: 1,
    at: 0,
    head: '{"type":"signal","room":"r","from":"q","payload":{"kind":"data","data":1},"seq":',
  });
  assert.ok(appended.ok);
  const { entry } = appended;
  assert.equal(`${entry.head}${entry.seq}}`, JSON.stringify(entry.message));
  // Buffered without it (a replay encodes the message).
  const [buffered] = await memory.pending('s', 0);
  assert.deepEqual({ ...buffered, head: entry.head }, entry);
  sync.ack('s', 1);
  assert.deepEqual(await memory.pending('s', 0), []);
  await memory.close();
});
