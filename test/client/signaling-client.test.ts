import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ClientError, createBackoffPolicy, isClientError } from 'switchboard/client';
import { flushMicrotasks } from '../../src/testing/fake-clock.ts';
import { createHarness, fixedPolicy } from './support/client-harness.ts';
import { member, welcome } from './support/scripted-server.ts';

const candidate = (n: number) =>
  ({
    kind: 'candidate',
    candidate: { candidate: `candidate:${n} 1 udp 1 127.0.0.1 ${5000 + n} typ host` },
  }) as const;

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isClientError(error), `not a ClientError: ${String(error)}`);
    return error;
  }
  assert.fail('the promise resolved');
}

describe('connect', () => {
  test('says hello with token and peer, resolves with the session on welcome', async () => {
    const h = createHarness({ token: 't0k', peer: 'alice' });
    const connected = h.client.connect();
    assert.equal(h.client.state, 'connecting');
    const connection = await h.server.nextConnection();
    const hello = await connection.nextOf('hello');
    assert.deepEqual(hello, { type: 'hello', v: 1, token: 't0k', peer: 'alice' });
    connection.send(welcome({ peer: 'alice', iceServers: [{ urls: 'stun:127.0.0.1:3478' }] }));
    const info = await connected;
    assert.equal(info.session, 's1');
    assert.equal(h.client.state, 'open');
    assert.equal(h.client.peer, 'alice');
    assert.deepEqual(h.client.iceServers, [{ urls: 'stun:127.0.0.1:3478' }]);
    assert.equal(h.eventsOf('open').length, 1);
    assert.equal(h.eventsOf('open')[0]?.lost, undefined);
    h.client.close();
  });

  test('asks a token function before every connection attempt', async () => {
    let calls = 0;
    const h = createHarness({ token: async () => `token-${++calls}` });
    const first = await h.open();
    first.drop();
    await h.clock.advanceAsync(100);
    const second = await h.server.nextConnection();
    const hello = await second.nextOf('hello');
    assert.equal(hello.token, 'token-2');
    h.client.close();
  });

  test('rejects with CLIENT_ERR_CONNECT_FAILED and returns to idle when the first connection fails', async () => {
    const h = createHarness();
    h.server.refusing = true;
    const error = await rejection(h.client.connect());
    assert.equal(error.code, 'CLIENT_ERR_CONNECT_FAILED');
    assert.equal(h.client.state, 'idle');
    assert.equal(h.server.attempts, 1, 'the first connection is not retried');
    h.server.refusing = false;
    await h.open();
    assert.equal(h.client.state, 'open');
    h.client.close();
  });

  test('rejects with CLIENT_ERR_CONNECT_FAILED when no welcome comes within connectTimeoutMs', async () => {
    const h = createHarness({ connectTimeoutMs: 5000 });
    const failed = rejection(h.client.connect());
    const connection = await h.server.nextConnection();
    await connection.nextOf('hello');
    await h.clock.advanceAsync(5000);
    const error = await failed;
    assert.equal(error.code, 'CLIENT_ERR_CONNECT_FAILED');
  });

  test('rejects with CLIENT_ERR_REJECTED and the server code when refused as unauthorized', async () => {
    const h = createHarness({ token: 'bad' });
    const connected = h.client.connect();
    const connection = await h.server.nextConnection();
    await connection.nextOf('hello');
    connection.send({ type: 'error', code: 'SRV_ERR_UNAUTHORIZED', message: 'bad signature' });
    connection.close(4001, 'unauthorized');
    const error = await rejection(connected);
    assert.equal(error.code, 'CLIENT_ERR_REJECTED');
    assert.equal(error.closeCode, 4001);
    assert.equal(error.serverCode, 'SRV_ERR_UNAUTHORIZED');
  });

  test('throws TypeError naming the option when there is no WebSocket', () => {
    assert.throws(
      () => createHarness({ WebSocket: undefined, url: '' }),
      (error: Error) => error instanceof TypeError && /`url`/.test(error.message),
    );
  });
});

describe('reconnect', () => {
  test('waits the backoff delays of the policy between attempts', async () => {
    const policy = createBackoffPolicy({
      initialDelayMs: 100,
      maxDelayMs: 1000,
      jitter: 0.5,
      random: () => 0.5,
    });
    const h = createHarness({ reconnectPolicy: policy });
    const connection = await h.open();
    h.server.refusing = true;
    connection.drop();
    // base 100, 200, 400, 800, 1000, 1000, each times (1 - 0.5 * 0.5)
    const expected = [75, 150, 300, 600, 750, 750];
    for (const [index, delay] of expected.entries()) {
      await flushMicrotasks();
      const reconnecting = h.eventsOf('reconnecting');
      assert.equal(reconnecting.length, index + 1);
      assert.deepEqual(
        { attempt: reconnecting[index]?.attempt, delayMs: reconnecting[index]?.delayMs },
        { attempt: index + 1, delayMs: delay },
      );
      const attemptsBefore = h.server.attempts;
      await h.clock.advanceAsync(delay - 1);
      assert.equal(h.server.attempts, attemptsBefore, `attempt ${index + 1} came early`);
      await h.clock.advanceAsync(1);
      await flushMicrotasks();
      assert.equal(h.server.attempts, attemptsBefore + 1, `attempt ${index + 1} did not come`);
    }
    assert.equal(h.client.state, 'reconnecting');
    h.client.close();
  });

  test('closes with CLIENT_ERR_RECONNECT_STOPPED when the policy returns null', async () => {
    const h = createHarness({
      reconnectPolicy: createBackoffPolicy({ maxAttempts: 2, initialDelayMs: 10, jitter: 0 }),
    });
    const connection = await h.open();
    const joinFailed = rejection(h.client.join('room'));
    h.server.refusing = true;
    connection.drop();
    await h.clock.advanceAsync(10);
    await h.clock.advanceAsync(20);
    await flushMicrotasks();
    assert.equal(h.client.state, 'closed');
    const [close] = h.eventsOf('close');
    assert.equal(close?.error?.code, 'CLIENT_ERR_RECONNECT_STOPPED');
    assert.equal((await joinFailed).code, 'CLIENT_ERR_CLOSED');
    assert.throws(() => h.client.signal('room', 'bob', candidate(1)), {
      code: 'CLIENT_ERR_CLOSED',
    });
  });

  test('resumes with the session, resume token and the last server seq received', async () => {
    const h = createHarness();
    const first = await h.open({ session: 'S', resumeToken: 'R' });
    first.send({ type: 'signal', seq: 1, room: 'r', from: 'bob', payload: candidate(1) });
    first.send({ type: 'signal', seq: 2, room: 'r', from: 'bob', payload: candidate(2) });
    await flushMicrotasks();
    first.drop();
    await h.clock.advanceAsync(100);
    const second = await h.server.nextConnection();
    const hello = await second.nextOf('hello');
    assert.deepEqual(hello.resume, { session: 'S', token: 'R', ack: 2 });
    second.send(welcome({ session: 'S', resumeToken: 'R2', resumed: true }));
    await flushMicrotasks();
    assert.equal(h.eventsOf('resumed').length, 1);
    assert.equal(h.eventsOf('open').length, 1, 'a resume is not a new session');
    assert.equal(h.client.state, 'open');
    h.client.close();
  });

  test('replays exactly the signals after welcome.ack, in order, then what was queued while down', async () => {
    const h = createHarness();
    const first = await h.open();
    for (let n = 1; n <= 4; n += 1) h.client.signal('r', 'bob', candidate(n));
    await flushMicrotasks();
    assert.deepEqual(
      first.all('signal').map((s) => s.seq),
      [1, 2, 3, 4],
    );
    first.send({ type: 'ack', seq: 1 });
    await flushMicrotasks();
    first.drop();
    await flushMicrotasks();
    assert.equal(h.client.state, 'reconnecting');
    h.client.signal('r', 'bob', candidate(5));
    const join = h.client.join('other');
    h.client.signal('r', 'bob', candidate(6));
    await h.clock.advanceAsync(100);
    const second = await h.server.nextConnection();
    await second.handshake({ resumed: true, ack: 2 });
    await flushMicrotasks();
    const sent = second.messages.filter((m) => m.type !== 'hello' && m.type !== 'ping');
    assert.deepEqual(
      sent.map((m) => (m.type === 'signal' ? `signal ${m.seq}` : m.type)),
      ['signal 3', 'signal 4', 'signal 5', 'join', 'signal 6'],
    );
    assert.equal(h.eventsOf('resumed')[0]?.replayed, 4);
    const joinMessage = second.all('join')[0];
    assert.ok(joinMessage);
    second.send({
      type: 'joined',
      ref: joinMessage.id,
      room: 'other',
      self: { peer: 'me', version: 1 },
      peers: [],
    });
    assert.deepEqual((await join).peers, []);
    h.client.close();
  });

  test('delivers each server message once when the server replays some the client already had', async () => {
    const h = createHarness();
    const first = await h.open();
    const seen: number[] = [];
    h.client.on('signal', ({ seq }) => seen.push(seq));
    for (let seq = 1; seq <= 3; seq += 1) {
      first.send({ type: 'signal', seq, room: 'r', from: 'bob', payload: candidate(seq) });
    }
    await flushMicrotasks();
    first.drop();
    await h.clock.advanceAsync(100);
    const second = await h.server.nextConnection();
    await second.handshake({ resumed: true });
    for (let seq = 2; seq <= 5; seq += 1) {
      second.send({ type: 'signal', seq, room: 'r', from: 'bob', payload: candidate(seq) });
    }
    await flushMicrotasks();
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    h.client.close();
  });

  test('starts a new session at once when the resume fails, and reports what was lost', async () => {
    const h = createHarness({ reconnectPolicy: fixedPolicy(100) });
    const first = await h.open({ session: 'S' });
    const join = h.client.join('room');
    const joinMessage = await first.nextOf('join');
    first.send({
      type: 'joined',
      ref: joinMessage.id,
      room: 'room',
      self: { peer: 'me', version: 1 },
      peers: [member('bob')],
    });
    await join;
    h.client.signal('room', 'bob', candidate(1));
    await flushMicrotasks();
    first.drop();
    await h.clock.advanceAsync(100);
    const second = await h.server.nextConnection();
    await second.nextOf('hello');
    second.send({ type: 'error', code: 'SRV_ERR_RESUME_FAILED', message: 'expired' });
    second.close(4003, 'resume failed');
    await h.clock.advanceAsync(0);
    const third = await h.server.nextConnection();
    const hello = await third.nextOf('hello');
    assert.equal(hello.resume, undefined, 'no second resume of a gone session');
    assert.equal(hello.peer, 'me', 'asks for the same peer id');
    third.send(welcome({ session: 'S2' }));
    await flushMicrotasks();
    const opens = h.eventsOf('open');
    assert.equal(opens.length, 2);
    const lost = opens[1]?.lost;
    assert.equal(lost?.session, 'S');
    assert.deepEqual(lost?.rooms, ['room']);
    assert.deepEqual(
      lost?.signals.map((s) => s.seq),
      [1],
    );
    assert.equal(lost?.error.code, 'CLIENT_ERR_SESSION_LOST');
    assert.deepEqual(h.client.rooms, []);
    assert.equal(h.client.signal('room', 'bob', candidate(2)), 1, 'seqs restart in a new session');
    h.client.close();
  });

  test('reconnects after the goaway delay, not the policy delay', async () => {
    const h = createHarness({ reconnectPolicy: fixedPolicy(60_000) });
    const first = await h.open();
    first.send({ type: 'goaway', reason: 'shutdown', reconnectIn: 500 });
    await flushMicrotasks();
    assert.deepEqual(h.eventsOf('goaway'), [{ reason: 'shutdown', reconnectIn: 500 }]);
    first.close(4000, 'shutdown');
    await flushMicrotasks();
    await h.clock.advanceAsync(499);
    assert.equal(h.server.attempts, 1);
    await h.clock.advanceAsync(1);
    const second = await h.server.nextConnection();
    const hello = await second.nextOf('hello');
    assert.ok(hello.resume, 'resumes after goaway');
    h.client.close();
  });

  test('closes the socket itself when the goaway delay passes first', async () => {
    const h = createHarness({ reconnectPolicy: fixedPolicy(60_000) });
    const first = await h.open();
    first.send({ type: 'goaway', reason: 'drain', reconnectIn: 1000 });
    await flushMicrotasks();
    await h.clock.advanceAsync(1000);
    await flushMicrotasks();
    assert.equal(first.socket.isOpen, false);
    assert.equal(first.socket.closeCode, 4100, 'not 1000: the session stays resumable');
    const second = await h.server.nextConnection();
    assert.ok((await second.nextOf('hello')).resume);
    h.client.close();
  });

  test('gives up with CLIENT_ERR_REJECTED when the session was replaced (4004)', async () => {
    const h = createHarness();
    const first = await h.open();
    first.close(4004, 'replaced');
    await flushMicrotasks();
    assert.equal(h.client.state, 'closed');
    const [close] = h.eventsOf('close');
    assert.equal(close?.error?.code, 'CLIENT_ERR_REJECTED');
    assert.equal(close?.error?.closeCode, 4004);
  });
});

describe('acknowledgements and heartbeat', () => {
  test('batches acks of server seqs for ackDelayMs', async () => {
    const h = createHarness({ ackDelayMs: 50, ackEvery: 100 });
    const connection = await h.open();
    for (let seq = 1; seq <= 3; seq += 1) {
      connection.send({ type: 'signal', seq, room: 'r', from: 'bob', payload: candidate(seq) });
    }
    await flushMicrotasks();
    assert.deepEqual(connection.all('ack'), []);
    await h.clock.advanceAsync(50);
    assert.deepEqual(connection.all('ack'), [{ type: 'ack', seq: 3 }]);
    h.client.close();
  });

  test('acks at once when ackEvery messages are unacknowledged', async () => {
    const h = createHarness({ ackDelayMs: 1000, ackEvery: 2 });
    const connection = await h.open();
    for (let seq = 1; seq <= 5; seq += 1) {
      connection.send({ type: 'signal', seq, room: 'r', from: 'bob', payload: candidate(seq) });
    }
    await flushMicrotasks();
    assert.deepEqual(
      connection.all('ack').map((a) => a.seq),
      [2, 4],
    );
    h.client.close();
  });

  test('answers a ping with a pong carrying its id', async () => {
    const h = createHarness();
    const connection = await h.open();
    connection.send({ type: 'ping', id: 'p7' });
    assert.deepEqual(await connection.nextOf('pong'), { type: 'pong', id: 'p7' });
    h.client.close();
  });

  test('pings when quiet and reconnects when nothing arrives for two heartbeats', async () => {
    const h = createHarness();
    const connection = await h.open({ heartbeat: 4000 });
    await h.clock.advanceAsync(2000);
    assert.equal(connection.all('ping').length, 1);
    await h.clock.advanceAsync(6000);
    await flushMicrotasks();
    const [reconnecting] = h.eventsOf('reconnecting');
    assert.equal(reconnecting?.error.code, 'CLIENT_ERR_HEARTBEAT_TIMEOUT');
    assert.equal(connection.socket.closeCode, 4100);
    h.client.close();
  });
});

describe('requests', () => {
  test('join resolves with the roster of joined', async () => {
    const h = createHarness();
    const connection = await h.open();
    const joining = h.client.join('room', { name: 'me' });
    const join = await connection.nextOf('join');
    assert.deepEqual(join, { type: 'join', id: join.id, room: 'room', presence: { name: 'me' } });
    const peers = [member('bob', 3, { polite: true })];
    connection.send({
      type: 'joined',
      ref: join.id,
      room: 'room',
      self: { peer: 'me', version: 1 },
      peers,
    });
    const result = await joining;
    assert.deepEqual(result, { room: 'room', self: { peer: 'me', version: 1 }, peers });
    assert.deepEqual([...(h.client.members('room')?.keys() ?? [])], ['bob']);
    h.client.close();
  });

  test('rejects with CLIENT_ERR_TIMEOUT after requestTimeoutMs and ignores a late reply', async () => {
    const h = createHarness({ requestTimeoutMs: 3000 });
    const connection = await h.open();
    const failed = rejection(h.client.join('room'));
    const join = await connection.nextOf('join');
    await h.clock.advanceAsync(3000);
    const error = await failed;
    assert.equal(error.code, 'CLIENT_ERR_TIMEOUT');
    connection.send({
      type: 'joined',
      ref: join.id,
      room: 'room',
      self: { peer: 'me', version: 1 },
      peers: [],
    });
    await flushMicrotasks();
    assert.deepEqual(h.eventsOf('error'), []);
    h.client.close();
  });

  test('rejects with CLIENT_ERR_SERVER carrying the wire code of an error reply', async () => {
    const h = createHarness();
    const connection = await h.open();
    const joining = h.client.join('full');
    const join = await connection.nextOf('join');
    connection.send({ type: 'error', code: 'SRV_ERR_ROOM_FULL', message: 'full', ref: join.id });
    const error = await rejection(joining);
    assert.equal(error.code, 'CLIENT_ERR_SERVER');
    assert.equal(error.serverCode, 'SRV_ERR_ROOM_FULL');
    h.client.close();
  });

  test('setPresence sends one presence and resolves on presence-updated with its ref', async () => {
    const h = createHarness();
    const connection = await h.open();
    const setting = h.client.setPresence('room', { muted: true });
    const presence = await connection.nextOf('presence');
    assert.deepEqual(presence, {
      type: 'presence',
      id: presence.id,
      room: 'room',
      presence: { muted: true },
    });
    let settled = false;
    void setting.then(() => {
      settled = true;
    });
    // Neither a pong nor another request's reply answers it.
    connection.send({ type: 'pong', id: presence.id });
    connection.send({ type: 'presence-updated', ref: 'r999', room: 'room', version: 3 });
    await flushMicrotasks();
    assert.equal(settled, false);
    connection.send({ type: 'presence-updated', ref: presence.id, room: 'room', version: 4 });
    await setting;
    assert.deepEqual(connection.all('ping'), [], 'no ping rides along any more');
    const failing = h.client.setPresence('room', { muted: false });
    const second = await connection.nextOf('presence');
    connection.send({ type: 'error', code: 'SRV_ERR_NOT_IN_ROOM', message: 'no', ref: second.id });
    assert.equal((await rejection(failing)).serverCode, 'SRV_ERR_NOT_IN_ROOM');
    assert.deepEqual(h.eventsOf('error'), []);
    h.client.close();
  });

  test('an unanswered setPresence is sent again after a resume and resolves then', async () => {
    const h = createHarness();
    const first = await h.open();
    const setting = h.client.setPresence('room', { name: 'me' });
    const sent = await first.nextOf('presence');
    first.drop();
    await h.clock.advanceAsync(100);
    const second = await h.server.nextConnection();
    await second.handshake({ resumed: true });
    const again = await second.nextOf('presence');
    assert.deepEqual(again, sent);
    second.send({ type: 'presence-updated', ref: again.id, room: 'room', version: 2 });
    await setting;
    h.client.close();
  });

  test('refresh sends the token function result and resolves with the expiry', async () => {
    let n = 0;
    const h = createHarness({ token: () => `jwt${++n}` });
    const connection = await h.open();
    const refreshing = h.client.refresh();
    const refresh = await connection.nextOf('refresh');
    assert.equal(refresh.token, 'jwt2');
    connection.send({ type: 'refreshed', ref: refresh.id, expiresAt: 123 });
    assert.deepEqual(await refreshing, { expiresAt: 123 });
    h.client.close();
  });

  test('a leave re-sent after a reconnect succeeds when the server says not in room', async () => {
    const h = createHarness();
    const first = await h.open();
    const leaving = h.client.leave('room');
    await first.nextOf('leave');
    first.drop();
    await h.clock.advanceAsync(100);
    const second = await h.server.nextConnection();
    await second.handshake({ resumed: true });
    const again = await second.nextOf('leave');
    second.send({
      type: 'error',
      code: 'SRV_ERR_NOT_IN_ROOM',
      message: 'not in room',
      ref: again.id,
    });
    await leaving;
    h.client.close();
  });

  test('close() rejects pending requests with CLIENT_ERR_CLOSED and closes with 1000', async () => {
    const h = createHarness();
    const connection = await h.open();
    const joining = h.client.join('room');
    h.client.close();
    assert.equal((await rejection(joining)).code, 'CLIENT_ERR_CLOSED');
    await flushMicrotasks();
    assert.equal(connection.socket.closeCode, 1000);
    assert.deepEqual(h.eventsOf('close'), [
      { code: 1000, reason: 'client closed', error: undefined },
    ]);
  });
});

describe('signals', () => {
  test('throws CLIENT_ERR_NOT_CONNECTED before connect()', () => {
    const h = createHarness();
    assert.throws(() => h.client.signal('r', 'bob', candidate(1)), {
      code: 'CLIENT_ERR_NOT_CONNECTED',
    });
  });

  test('throws CLIENT_ERR_BUFFER_FULL beyond maxBufferedSignals unacknowledged', async () => {
    const h = createHarness({ maxBufferedSignals: 2 });
    const connection = await h.open();
    h.client.signal('r', 'bob', candidate(1));
    h.client.signal('r', 'bob', candidate(2));
    assert.throws(() => h.client.signal('r', 'bob', candidate(3)), {
      code: 'CLIENT_ERR_BUFFER_FULL',
    });
    connection.send({ type: 'ack', seq: 2 });
    await flushMicrotasks();
    assert.equal(h.client.signal('r', 'bob', candidate(3)), 3);
    h.client.close();
  });

  test('throws CLIENT_ERR_FRAME_TOO_LARGE for a signal over maxFrameBytes', async () => {
    const h = createHarness();
    await h.open(welcome({ limits: { ...welcome().limits, maxFrameBytes: 200 } }));
    const sdp = 'v=0\r\n'.repeat(100);
    assert.throws(
      () =>
        h.client.signal('r', 'bob', { kind: 'description', description: { type: 'offer', sdp } }),
      { code: 'CLIENT_ERR_FRAME_TOO_LARGE' },
    );
    assert.equal(h.client.signal('r', 'bob', candidate(1)), 1, 'the seq was not used up');
    h.client.close();
  });

  test('reports undeliverable, expired and errors answering a signal seq as events', async () => {
    const h = createHarness();
    const connection = await h.open();
    connection.send({ type: 'undeliverable', seq: 1, ref: 4, to: 'bob', reason: 'not-in-room' });
    connection.send({ type: 'expired', seq: 2, refs: [5, 6], to: 'carol' });
    connection.send({
      type: 'error',
      code: 'SRV_ERR_INVALID_SDP',
      message: 'bad line',
      ref: 7,
      line: 3,
      column: 1,
    });
    connection.sendRaw('{not json');
    await flushMicrotasks();
    assert.deepEqual(h.eventsOf('undeliverable'), [{ ref: 4, to: 'bob', reason: 'not-in-room' }]);
    assert.deepEqual(h.eventsOf('expired'), [{ refs: [5, 6], to: 'carol' }]);
    const errors = h
      .eventsOf('error')
      .map(({ error }) => [error.code, error.serverCode, error.ref, error.line]);
    assert.deepEqual(errors, [
      ['CLIENT_ERR_SERVER', 'SRV_ERR_INVALID_SDP', 7, 3],
      ['CLIENT_ERR_PROTOCOL', 'PROTO_ERR_NOT_JSON', undefined, undefined],
    ]);
    assert.equal(h.client.state, 'open');
    h.client.close();
  });

  test('emits iceservers when the server pushes fresh ones', async () => {
    const h = createHarness();
    const connection = await h.open();
    const iceServers = [{ urls: 'turn:127.0.0.1:3478', username: '1:me', credential: 'x' }];
    connection.send({ type: 'ice-servers', iceServers });
    await flushMicrotasks();
    assert.deepEqual(h.eventsOf('iceservers'), [{ iceServers }]);
    assert.deepEqual(h.client.iceServers, iceServers);
    h.client.close();
  });
});
