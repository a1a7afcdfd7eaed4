import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRoom, joinRoom, type Room, type RoomEventMap } from 'switchboard/client';
import type { Member } from 'switchboard/protocol';
import { flushMicrotasks } from '../../src/testing/fake-clock.ts';
import { createHarness } from './support/client-harness.ts';
import { FakePeerConnection } from './support/fake-peer-connection.ts';
import { member, type ScriptedConnection } from './support/scripted-server.ts';

// The mesh helper against a scripted server, with scripted peer connections.

function roomHarness() {
  const h = createHarness();
  const setups: string[] = [];
  const options = {
    createPeerConnection: (configuration: RTCConfiguration) =>
      new FakePeerConnection(configuration) as unknown as RTCPeerConnection,
    setupPeer: (session: { peer: string }, m: Member) => {
      setups.push(`${session.peer}:${m.polite ? 'polite' : 'impolite'}`);
    },
  };
  const record = (room: Room) => {
    const events: string[] = [];
    const types: Array<keyof RoomEventMap> = ['peerjoined', 'peerleft', 'peerupdated'];
    for (const type of types) {
      room.on(type, (event) => {
        const e = event as { peer: string; reason?: string };
        events.push(`${type} ${e.peer}${e.reason ? ` (${e.reason})` : ''}`);
      });
    }
    return events;
  };
  return { ...h, setups, record, options };
}

async function answerJoin(connection: ScriptedConnection, peers: Member[], room = 'lobby') {
  const join = await connection.nextOf('join');
  connection.send({ type: 'joined', ref: join.id, room, self: { peer: 'me', version: 1 }, peers });
  return join;
}

test('creates a session per roster member with its role, and routes a signal sent with the roster', async () => {
  const h = roomHarness();
  const connection = await h.open();
  const room = createRoom(h.client, 'lobby', { ...h.options, presence: { name: 'me' } });
  const events = h.record(room);
  const joining = room.join();
  const join = await connection.nextOf('join');
  assert.deepEqual(join.presence, { name: 'me' });
  connection.send({
    type: 'joined',
    ref: join.id,
    room: 'lobby',
    self: { peer: 'me', version: 3 },
    peers: [member('bob', 1, { polite: true }), member('carol', 2)],
  });
  // In the same read as the roster: bob already offers.
  connection.send({
    type: 'signal',
    seq: 1,
    room: 'lobby',
    from: 'bob',
    payload: { kind: 'description', description: { type: 'offer', sdp: 'bob-offer' } },
  });
  await joining;
  await flushMicrotasks();
  assert.deepEqual([...room.peers.keys()], ['bob', 'carol']);
  assert.deepEqual(
    [...room.peers.values()].map((s) => `${s.peer}:${s.polite}`),
    ['bob:true', 'carol:false'],
  );
  assert.deepEqual(h.setups, ['bob:polite', 'carol:impolite']);
  assert.deepEqual(events, ['peerjoined bob', 'peerjoined carol']);
  const bob = room.peers.get('bob');
  assert.ok(bob);
  await bob.whenIdle();
  const pc = bob.connection as unknown as FakePeerConnection;
  assert.deepEqual(pc.calls.slice(0, 1), ['setRemote(offer)']);
  const answer = connection.all('signal').find((s) => s.to === 'bob');
  assert.equal(answer?.payload.kind, 'description');
  h.client.close();
});

test('adds a session on peer-joined and closes it on peer-left', async () => {
  const h = roomHarness();
  const connection = await h.open();
  const joining = joinRoom(h.client, 'lobby', h.options);
  await answerJoin(connection, []);
  const room = await joining;
  const events = h.record(room);
  connection.send({ type: 'peer-joined', seq: 1, room: 'lobby', member: member('dave', 5) });
  connection.send({
    type: 'peer-updated',
    seq: 2,
    room: 'lobby',
    member: member('dave', 6, { presence: { muted: true } }),
  });
  connection.send({ type: 'peer-joined', seq: 3, room: 'elsewhere', member: member('erin', 1) });
  await flushMicrotasks();
  const dave = room.peers.get('dave');
  assert.ok(dave);
  assert.equal(room.members.get('dave')?.version, 6);
  connection.send({
    type: 'peer-left',
    seq: 4,
    room: 'lobby',
    peer: 'dave',
    version: 7,
    reason: 'expired',
  });
  await flushMicrotasks();
  assert.equal(room.peers.size, 0);
  assert.equal(dave.state, 'closed');
  assert.deepEqual(events, ['peerjoined dave', 'peerupdated dave', 'peerleft dave (expired)']);
  h.client.close();
});

test('rejoins after the signaling session was lost, with fresh sessions', async () => {
  const h = roomHarness();
  const first = await h.open();
  const joining = joinRoom(h.client, 'lobby', h.options);
  await answerJoin(first, [member('bob', 1)]);
  const room = await joining;
  const events = h.record(room);
  const oldBob = room.peers.get('bob');
  first.drop();
  await h.clock.advanceAsync(100);
  const second = await h.server.nextConnection();
  await second.nextOf('hello');
  second.send({ type: 'error', code: 'SRV_ERR_RESUME_FAILED', message: 'gone' });
  second.close(4003);
  await h.clock.advanceAsync(0);
  const third = await h.server.nextConnection();
  await third.handshake({ session: 's2' });
  await answerJoin(third, [member('bob', 4)]);
  await flushMicrotasks();
  assert.equal(oldBob?.state, 'closed');
  const newBob = room.peers.get('bob');
  assert.ok(newBob && newBob !== oldBob);
  assert.deepEqual(events, ['peerleft bob (session-lost)', 'peerjoined bob']);
  h.client.close();
});

test('leave() closes every session and leaves the room', async () => {
  const h = roomHarness();
  const connection = await h.open();
  const joining = joinRoom(h.client, 'lobby', h.options);
  await answerJoin(connection, [member('bob', 1)]);
  const room = await joining;
  const bob = room.peers.get('bob');
  const leaving = room.leave();
  const leave = await connection.nextOf('leave');
  connection.send({ type: 'left', ref: leave.id, room: 'lobby' });
  await leaving;
  assert.equal(bob?.state, 'closed');
  assert.equal(room.peers.size, 0);
  assert.deepEqual(h.client.rooms, []);
  h.client.close();
});

test('forwards data signals and session events with the peer id', async () => {
  const h = roomHarness();
  const connection = await h.open();
  const joining = joinRoom(h.client, 'lobby', h.options);
  await answerJoin(connection, [member('bob', 1)]);
  const room = await joining;
  const got: unknown[] = [];
  room.on('data', ({ peer, data }) => got.push([peer, data]));
  const channels: string[] = [];
  room.on('datachannel', ({ peer, channel }) => channels.push(`${peer}:${channel.label}`));
  connection.send({
    type: 'signal',
    seq: 1,
    room: 'lobby',
    from: 'bob',
    payload: { kind: 'data', data: 'hi' },
  });
  await flushMicrotasks();
  const pc = room.peers.get('bob')?.connection as unknown as FakePeerConnection;
  pc.fire('datachannel', { channel: { label: 'chat' } });
  assert.deepEqual(got, [['bob', 'hi']]);
  assert.deepEqual(channels, ['bob:chat']);
  h.client.close();
});
