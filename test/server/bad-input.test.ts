/**
 * Bad input from one client gets a typed error and never reaches the server or any other
 * session: after each case the offender's own session still answers, and a bystander pair
 * in another room keeps relaying.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServerMessages } from 'switchboard/protocol';
import type { SignalingAdapter } from 'switchboard/server';
import { createMemoryAdapter } from 'switchboard/server';
import { BAD_OFFER } from './fixtures.ts';
import { type Harness, startServer } from './harness.ts';
import { data, signalsIn, type TestPeer } from './test-client.ts';

interface BadInput {
  name: string;
  frame: string | Buffer | Record<string, unknown>;
  code: string;
  ref?: string | number;
}

const cases: BadInput[] = [
  { name: 'non-JSON text', frame: 'hello there', code: 'PROTO_ERR_NOT_JSON' },
  { name: 'truncated JSON', frame: '{"type":"join","id":"x"', code: 'PROTO_ERR_NOT_JSON' },
  { name: 'a JSON array', frame: '[1,2,3]', code: 'PROTO_ERR_NOT_JSON' },
  { name: 'a JSON string', frame: '"join"', code: 'PROTO_ERR_NOT_JSON' },
  {
    name: 'a binary frame',
    frame: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    code: 'PROTO_ERR_NOT_JSON',
  },
  { name: 'invalid UTF-8', frame: Buffer.from([0x7b, 0xff, 0x7d]), code: 'PROTO_ERR_NOT_JSON' },
  {
    name: 'an unknown type',
    frame: { type: 'dance', id: 'd1' },
    code: 'PROTO_ERR_UNKNOWN_TYPE',
    ref: 'd1',
  },
  { name: 'a missing type', frame: { id: 'm1' }, code: 'PROTO_ERR_INVALID_MESSAGE', ref: 'm1' },
  {
    name: 'a wrong field type',
    frame: { type: 'join', id: 'j1', room: 42 },
    code: 'PROTO_ERR_INVALID_MESSAGE',
    ref: 'j1',
  },
  {
    name: 'a missing field',
    frame: { type: 'signal', seq: 1, room: 'r', payload: { kind: 'data', data: 1 } },
    code: 'PROTO_ERR_INVALID_MESSAGE',
    ref: 1,
  },
  {
    name: 'a room name with spaces',
    frame: { type: 'join', id: 'j2', room: 'a b' },
    code: 'PROTO_ERR_INVALID_MESSAGE',
    ref: 'j2',
  },
  {
    name: 'an unknown payload kind',
    frame: { type: 'signal', seq: 2, room: 'r', to: 'x', payload: { kind: 'telepathy' } },
    code: 'PROTO_ERR_INVALID_MESSAGE',
    ref: 2,
  },
  {
    name: 'deeply nested data',
    frame: `{"type":"signal","seq":3,"room":"r","to":"x","payload":{"kind":"data","data":${'['.repeat(500)}${']'.repeat(500)}}}`,
    code: 'PROTO_ERR_INVALID_MESSAGE',
    ref: 3,
  },
  {
    name: 'an oversized frame (70 KiB)',
    frame: 'x'.repeat(70 * 1024),
    code: 'SRV_ERR_FRAME_TOO_LARGE',
  },
  {
    name: 'an oversized signal (65 KiB + 1)',
    frame: JSON.stringify({
      type: 'signal',
      seq: 4,
      room: 'r',
      to: 'x',
      payload: data('y'.repeat(65 * 1024)),
    }),
    code: 'SRV_ERR_FRAME_TOO_LARGE',
  },
  {
    name: 'malformed SDP',
    frame: {
      type: 'signal',
      seq: 4,
      room: 'r',
      to: 'mate',
      payload: { kind: 'description', description: { type: 'offer', sdp: BAD_OFFER } },
    },
    code: 'SRV_ERR_INVALID_SDP',
    ref: 4,
  },
  {
    name: 'a second hello',
    frame: { type: 'hello', v: 1 },
    code: 'PROTO_ERR_INVALID_MESSAGE',
  },
  { name: 'a hello of another version', frame: { type: 'hello', v: 2 }, code: 'PROTO_ERR_VERSION' },
  {
    name: 'an ack beyond what was sent',
    frame: { type: 'ack', seq: 1_000 },
    code: 'SRV_ERR_SEQUENCE',
    ref: 1_000,
  },
];

/** Two peers in room `bystanders` that must keep relaying whatever the offender does. */
async function bystanders(h: Harness): Promise<() => Promise<void>> {
  const a = await h.joined('by-a', 'bystanders');
  const b = await h.joined('by-b', 'bystanders');
  return async () => {
    const count = signalsIn(b).length;
    a.signal('bystanders', 'by-b', data(count));
    await b.until(() => signalsIn(b).length === count + 1, 2_000, 'a bystander signal');
  };
}

/** Asserts that `peer`'s session still answers requests. */
async function stillServes(peer: TestPeer): Promise<void> {
  const id = `ping-${peer.log.length}`;
  peer.send({ type: 'ping', id });
  await peer.waitFor((m) => m.type === 'pong' && m.id === id);
}

describe('bad input', () => {
  test('every bad frame gets a typed error; the server and every session keep working', async () => {
    const h = await startServer();
    try {
      const relayCheck = await bystanders(h);
      const offender = await h.joined('offender', 'r');
      await h.joined('mate', 'r');
      for (const bad of cases) {
        const from = offender.log.length;
        offender.send(
          typeof bad.frame === 'string' || Buffer.isBuffer(bad.frame)
            ? bad.frame
            : JSON.stringify(bad.frame),
        );
        const error = await offender.waitFor(
          (m): m is ServerMessages['error'] => m.type === 'error',
          { from },
        );
        assert.equal(error.code, bad.code, bad.name);
        if (bad.ref !== undefined) assert.equal(error.ref, bad.ref, `${bad.name}: ref`);
        assert.doesNotMatch(error.message, /\bat .*\.ts:\d+/, `${bad.name}: no stack`);
        await stillServes(offender);
        await relayCheck();
      }
      assert.equal(offender.closes.length, 0, 'the offender was not disconnected');
      // Refused signals consumed their seqs (1-4, acknowledged): the next one relays.
      await offender.waitFor((m) => m.type === 'ack' && m.seq === 4);
      const mate = await h.joined('mate-check', 'r');
      offender.send({ type: 'signal', seq: 5, room: 'r', to: 'mate-check', payload: data('fine') });
      await mate.until(() => signalsIn(mate).length === 1, 2_000, 'the relayed signal');
      assert.deepEqual(
        offender.errors().filter(([code]) => code === 'SRV_ERR_SEQUENCE'),
        [['SRV_ERR_SEQUENCE', 1_000]],
        'the stream never stalled (the one SRV_ERR_SEQUENCE is the bad ack case)',
      );
    } finally {
      await h.close();
    }
  });

  test('a message before hello gets PROTO_ERR_NOT_READY; hello still works after', async () => {
    const h = await startServer();
    try {
      const peer = h.peer();
      await peer.connect();
      peer.send({ type: 'join', id: 'early', room: 'r' });
      await peer.waitFor((m) => m.type === 'error');
      assert.deepEqual(peer.errors(), [['PROTO_ERR_NOT_READY', 'early']]);
      await peer.hello({ peer: 'late' });
    } finally {
      await h.close();
    }
  });

  test('a hello of another protocol version is refused with close 4002', async () => {
    const h = await startServer();
    try {
      const peer = h.peer();
      await peer.connect();
      peer.send({ type: 'hello', v: 2 });
      assert.equal(await peer.closed(), 4002);
      assert.deepEqual(peer.errors(), [['PROTO_ERR_VERSION', undefined]]);
    } finally {
      await h.close();
    }
  });

  test('a flood is rate limited; the flooder recovers and others never notice', async () => {
    const h = await startServer({ limits: { burst: 20, messagesPerSecond: 50 } });
    try {
      const relayCheck = await bystanders(h);
      const flooder = await h.joined('flooder', 'r');
      // 30 pings against a burst of 20: about 10 are refused, fewer than maxViolations (20).
      for (let i = 0; i < 30; i++) flooder.send({ type: 'ping', id: `f${i}` });
      const limited = () => flooder.errors().filter(([code]) => code === 'SRV_ERR_RATE_LIMITED');
      await flooder.until(() => limited().length >= 5, 2_000, 'rate-limit errors');
      await flooder.waitFor((m) => m.type === 'pong' && m.id === 'f0');
      assert.match(String(limited()[0]![1]), /^f\d+$/, 'the error names the request');
      await relayCheck();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await stillServes(flooder);
      assert.equal(flooder.closes.length, 0);
    } finally {
      await h.close();
    }
  });

  test('a rate-limited signal is refused and consumed: the stream goes on without a gap', async () => {
    const h = await startServer({ limits: { burst: 5, messagesPerSecond: 1 } });
    try {
      // Alice sends nothing but signals (no acks), so each refusal names a signal.
      const alice = await h.joined('alice', 'r', { autoAck: false });
      const bob = await h.joined('bob', 'r');
      const seqs = [1, 2, 3, 4, 5, 6].map((i) => alice.signal('r', 'bob', data(i)));
      await alice.waitFor((m) => m.type === 'ack' && m.seq === seqs[5]);
      const limited = alice.errors().filter(([code]) => code === 'SRV_ERR_RATE_LIMITED');
      assert.ok(limited.length >= 1);
      await bob.until(() => signalsIn(bob).length + limited.length === 6, 2_000, 'the rest');
      const relayed = signalsIn(bob).map(([, p]) => (p as { data: number }).data);
      assert.deepEqual(
        [...relayed, ...limited.map(([, ref]) => ref as number)].sort((a, b) => a - b),
        seqs,
        'each seq either relayed or refused by name',
      );
      assert.equal(
        alice.errors().some(([code]) => code === 'SRV_ERR_SEQUENCE'),
        false,
      );
    } finally {
      await h.close();
    }
  });

  test('a sustained flood closes the socket with 4005; others keep relaying', async () => {
    const h = await startServer({ limits: { burst: 10, maxViolations: 5 } });
    try {
      const relayCheck = await bystanders(h);
      const flooder = await h.joined('flooder', 'r');
      for (let i = 0; i < 100; i++) flooder.send({ type: 'ping' });
      assert.equal(await flooder.closed(), 4005);
      await relayCheck();
      await relayCheck();
    } finally {
      await h.close();
    }
  });

  test('repeated oversized frames close the socket with 4006', async () => {
    const h = await startServer({ limits: { maxViolations: 3 } });
    try {
      const relayCheck = await bystanders(h);
      const peer = await h.joined('big', 'r');
      for (let i = 0; i < 5; i++) peer.send('x'.repeat(70 * 1024));
      assert.equal(await peer.closed(), 4006);
      await relayCheck();
    } finally {
      await h.close();
    }
  });

  test('a handler that throws answers an error and the session goes on', async () => {
    const memory = createMemoryAdapter();
    const adapter: SignalingAdapter = {
      ...memory,
      join: (room, ...rest) => {
        if (room === 'boom') throw new Error('adapter exploded');
        return memory.join(room, ...rest);
      },
    };
    const h = await startServer({ adapter });
    try {
      const relayCheck = await bystanders(h);
      const peer = h.peer();
      await peer.hello({ peer: 'p' });
      const answer = await peer.join('boom');
      assert.equal(answer.type, 'error');
      assert.doesNotMatch((answer as ServerMessages['error']).message, /exploded/, 'no internals');
      assert.equal((await peer.join('fine')).type, 'joined');
      await relayCheck();
    } finally {
      await h.close();
    }
  });

  test('a frame beyond 4x the limit closes only that socket (1009)', async () => {
    const h = await startServer({ limits: { maxFrameBytes: 1_024 } });
    try {
      const relayCheck = await bystanders(h);
      const peer = await h.joined('huge', 'r');
      peer.send('x'.repeat(5 * 1_024));
      assert.equal(await peer.closed(), 1009);
      await relayCheck();
    } finally {
      await h.close();
    }
  });
});
