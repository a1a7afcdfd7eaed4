/**
 * The HTTP fallback against a real server on port 0, over real HTTP: the same pipeline as
 * the WebSocket (relay, acks, order, limits, close codes), bad input answered with typed
 * errors, resume after a cut stream and across transports, and drain.
 */
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { ServerMessages, SignalPayload } from 'switchboard/protocol';
import {
  createSignalingServer,
  type SignalingServer,
  type SignalingServerOptions,
} from 'switchboard/server';
import {
  baseOf,
  data,
  dropped,
  signalsIn,
  type Transport,
  TransportPeer,
} from './transport-peer.ts';

/** No rate limit in the way of bulk relays. */
const UNLIMITED = { messagesPerSecond: 1e6, burst: 1e6 };

async function withServer(
  options: Omit<SignalingServerOptions, 'port' | 'server'>,
  run: (server: SignalingServer, peer: (origin?: string) => TransportPeer) => Promise<void>,
): Promise<void> {
  const server = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false, ...options });
  await server.listening;
  const peers: TransportPeer[] = [];
  const peer = (origin?: string) => {
    const created = new TransportPeer(baseOf(server), origin === undefined ? {} : { origin });
    peers.push(created);
    return created;
  };
  try {
    await run(server, peer);
  } finally {
    for (const p of peers) p.cut();
    await server.close();
  }
}

async function joined(
  peer: TransportPeer,
  transport: Transport,
  name: string,
  room = 'r',
): Promise<TransportPeer> {
  await peer.hello(transport, { peer: name });
  const answer = await peer.join(room);
  assert.equal(answer.type, 'joined', JSON.stringify(answer));
  return peer;
}

const isSignal = (m: { type: string }): m is ServerMessages['signal'] => m.type === 'signal';

describe('HTTP fallback: the stream', () => {
  test('GET /v1/sse answers an event stream whose first event names a fresh id', async () => {
    await withServer({}, async (server) => {
      const base = baseOf(server);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const abort = new AbortController();
        const res = await fetch(`${base}/v1/sse`, { signal: abort.signal });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
        assert.equal(res.headers.get('cache-control'), 'no-store, no-transform');
        assert.equal(res.headers.get('x-accel-buffering'), 'no');
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let text = '';
        while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
        const match = /^event: open\ndata: (.+)\n\n/.exec(text);
        assert.ok(match, text);
        const open = JSON.parse(match[1]!) as { id: string; maxBodyBytes: number };
        assert.match(open.id, /^[A-Za-z0-9_-]{24}$/);
        assert.equal(open.maxBodyBytes, 4 * 65_536);
        ids.push(open.id);
        abort.abort();
      }
      assert.notEqual(ids[0], ids[1]);
    });
  });

  test('a quiet stream gets comments every keepAliveMs, which the parser skips', async () => {
    await withServer({ httpFallback: { keepAliveMs: 1_000 } }, async (_server, peer) => {
      const alice = peer();
      await alice.hello('sse', { peer: 'alice' });
      const before = alice.log.length;
      await alice.until(() => alice.raw.includes('\n:\n\n'), 3_000, 'a keep-alive comment');
      assert.equal(alice.log.length, before, 'comments are not messages');
    });
  });

  test('switchboard_connections counts connections by transport', async () => {
    await withServer({}, async (server, peer) => {
      const gauge = async () =>
        (await server.metrics.registry.getSingleMetric('switchboard_connections')!.get()).values
          .map((v) => `${v.labels.transport}=${v.value}`)
          .sort();
      await peer().hello('sse', { peer: 'a' });
      await peer().hello('ws', { peer: 'b' });
      await peer().hello('sse', { peer: 'c' });
      assert.deepEqual(await gauge(), ['http=2', 'websocket=1']);
      assert.equal(server.connections, 3);
    });
  });

  test('with httpFallback.enabled false the paths are 404', async () => {
    await withServer({ httpFallback: { enabled: false } }, async (server) => {
      const res = await fetch(`${baseOf(server)}/v1/sse`);
      assert.equal(res.status, 404);
    });
  });

  test('attached to an app server, handleRequest serves the fallback', async () => {
    const app = createServer();
    const server = createSignalingServer({ server: app, logger: false });
    app.on('request', (req, res) => {
      if (!server.handleRequest(req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const alice = new TransportPeer(base);
    try {
      const welcome = await alice.hello('sse', { peer: 'alice' });
      assert.equal(welcome.peer, 'alice');
      assert.equal((await fetch(`${base}/elsewhere`)).status, 418);
    } finally {
      alice.cut();
      await server.close();
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  });
});

describe('HTTP fallback: relay', () => {
  for (const [from, to] of [
    ['sse', 'ws'],
    ['ws', 'sse'],
    ['sse', 'sse'],
  ] as const) {
    test(`1000 signals ${from} -> ${to}: each once, in order, all acked`, async () => {
      await withServer({ limits: UNLIMITED }, async (_server, peer) => {
        const alice = await joined(peer(), from, 'alice');
        const bob = await joined(peer(), to, 'bob');
        const sent: SignalPayload[] = [];
        for (let i = 0; i < 1000; i++) {
          sent.push(data(i));
          alice.signal('r', 'bob', data(i));
          // Let some POSTs carry one frame and others many.
          if (i % 97 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        await bob.until(() => signalsIn(bob).length >= 1000, 20_000, '1000 signals');
        await alice.until(() => alice.outbox.size === 0, 5_000, 'every signal acked');
        assert.deepEqual(
          signalsIn(bob),
          sent.map((p) => ['alice', p]),
        );
        assert.deepEqual(bob.duplicates, []);
        assert.deepEqual(bob.gaps, []);
        assert.deepEqual([...alice.errors(), ...bob.errors()], []);
        assert.deepEqual([...alice.postFailures, ...bob.postFailures], []);
      });
    });
  }

  test('a POST of several frames is handled in order: hello, join, signal in one body', async () => {
    await withServer({}, async (_server, peer) => {
      const bob = await joined(peer(), 'ws', 'bob');
      const alice = peer();
      await alice.connect('sse');
      const lines = [
        { type: 'hello', v: 1, peer: 'alice' },
        { type: 'join', id: 'j', room: 'r' },
        { type: 'signal', seq: 1, room: 'r', to: 'bob', payload: data('first') },
      ];
      const answer = await alice.post(`${lines.map((l) => JSON.stringify(l)).join('\r\n')}\n`);
      assert.equal(answer.status, 204);
      await bob.until(() => signalsIn(bob).length === 1, 5_000, 'the signal');
      assert.deepEqual(signalsIn(bob), [['alice', data('first')]]);
      const types = alice.log.map((m) => m.type);
      assert.deepEqual(types.slice(0, 2), ['welcome', 'joined']);
    });
  });
});

describe('HTTP fallback: bad input', () => {
  const MAX_FRAME = 2_048;
  /** A POST and what it gets: its answer, and an error on the stream. */
  interface BadInput {
    what: string;
    /** Where, under `/v1/sse/`: alice's stream id (default) or another. */
    stream?: 'own' | 'unknown';
    /** After the id. */
    path?: '' | '/close' | '/close/more';
    body: string | Uint8Array<ArrayBuffer>;
    status: number;
    /** `code` of the JSON answer; none (an empty 204) when absent. */
    code?: string;
    /** `code` of the `error` message on the stream. */
    streamError?: string;
  }
  const CASES: BadInput[] = [
    {
      what: 'a line that is not JSON',
      body: 'not json',
      status: 204,
      streamError: 'PROTO_ERR_NOT_JSON',
    },
    { what: 'a JSON array', body: '[1,2]', status: 204, streamError: 'PROTO_ERR_NOT_JSON' },
    {
      what: 'a frame over maxFrameBytes',
      body: JSON.stringify({ type: 'ping', id: 'x'.repeat(MAX_FRAME) }),
      status: 204,
      streamError: 'SRV_ERR_FRAME_TOO_LARGE',
    },
    {
      what: 'a body over 4 x maxFrameBytes',
      body: 'x'.repeat(4 * MAX_FRAME + 1),
      status: 413,
      code: 'SRV_ERR_FRAME_TOO_LARGE',
    },
    {
      what: 'a body that is not UTF-8',
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      status: 400,
      code: 'PROTO_ERR_NOT_JSON',
    },
    {
      what: 'an unknown stream id',
      stream: 'unknown',
      body: '{"type":"ping"}',
      status: 404,
      code: 'SRV_ERR_UNKNOWN_STREAM',
    },
    {
      what: 'a close with a bad code',
      path: '/close',
      body: '{"code":1006}',
      status: 400,
      code: 'PROTO_ERR_INVALID_MESSAGE',
    },
    {
      what: 'a close that is not JSON',
      path: '/close',
      body: 'bye',
      status: 400,
      code: 'PROTO_ERR_INVALID_MESSAGE',
    },
    {
      what: 'a path under the stream',
      path: '/close/more',
      body: '{}',
      status: 404,
      code: 'SRV_ERR_UNKNOWN_STREAM',
    },
  ];
  for (const { what, stream = 'own', path = '', body, status, code, streamError } of CASES) {
    test(`${what}: ${status}${code ? ` ${code}` : ''}${streamError ? `, then ${streamError} on the stream` : ''}; every session goes on`, async () => {
      await withServer({ limits: { maxFrameBytes: MAX_FRAME } }, async (_server, peer) => {
        const alice = await joined(peer(), 'sse', 'alice');
        const bob = await joined(peer(), 'ws', 'bob');
        const carol = await joined(peer(), 'sse', 'carol');
        const from = alice.log.length;
        const id = stream === 'own' ? alice.streamId : 'A'.repeat(24);
        const res = await fetch(`${alice.base}/v1/sse/${id}${path}`, { method: 'POST', body });
        const answer = { status: res.status, body: await res.text() };
        assert.equal(answer.status, status, answer.body);
        if (code !== undefined) {
          assert.equal((JSON.parse(answer.body) as { code: string }).code, code);
        } else {
          assert.equal(answer.body, '');
        }
        if (streamError !== undefined) {
          const error = await alice.waitFor((m) => m.type === 'error', { from });
          assert.equal((error as ServerMessages['error']).code, streamError);
        }
        // Alice's stream, and everyone else, still relay.
        alice.signal('r', 'bob', data('still here'));
        carol.signal('r', 'alice', data('to alice'));
        bob.signal('r', 'carol', data('to carol'));
        await bob.until(() => signalsIn(bob).length === 1, 5_000, 'bob');
        await alice.until(() => signalsIn(alice).length === 1, 5_000, 'alice');
        await carol.until(() => signalsIn(carol).length === 1, 5_000, 'carol');
        assert.deepEqual(alice.closes, []);
      });
    });
  }

  test('a POST from another origin than the stream is refused with 403', async () => {
    await withServer({}, async (_server, peer) => {
      const alice = await joined(peer('https://app.example'), 'sse', 'alice');
      const answer = await alice.post('{"type":"ping"}', '', { origin: 'https://evil.example' });
      assert.equal(answer.status, 403);
      assert.equal((JSON.parse(answer.body) as { code: string }).code, 'SRV_ERR_ORIGIN_FORBIDDEN');
    });
  });

  test('a stream opened without Origin (a same-origin page) takes POSTs from allowed origins only', async () => {
    await withServer({ allowedOrigins: ['https://app.example'] }, async (_server, peer) => {
      const alice = await joined(peer(), 'sse', 'alice');
      const allowed = await alice.post('{"type":"ping"}', '', { origin: 'https://app.example' });
      assert.equal(allowed.status, 204);
      const refused = await alice.post('{"type":"ping"}', '', { origin: 'https://evil.example' });
      assert.equal(refused.status, 403);
      assert.equal((JSON.parse(refused.body) as { code: string }).code, 'SRV_ERR_ORIGIN_FORBIDDEN');
    });
  });

  test('a third POST while two are still being read gets 429 SRV_ERR_RATE_LIMITED', async () => {
    await withServer({}, async (server, peer) => {
      const alice = await joined(peer(), 'sse', 'alice');
      const { port } = server.address()!;
      // Two POSTs that announce a body and send none: the server waits for them.
      const stalled = [0, 1].map(() => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/v1/sse/${alice.streamId}`,
          headers: { 'content-length': '100' },
        });
        req.on('error', () => {});
        req.flushHeaders();
        return req;
      });
      try {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const answer = await alice.post('{"type":"ping"}');
        assert.equal(answer.status, 429);
        assert.equal((JSON.parse(answer.body) as { code: string }).code, 'SRV_ERR_RATE_LIMITED');
      } finally {
        for (const req of stalled) req.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await alice.post('{"type":"ping","id":"after"}')).status, 204);
      await alice.waitFor((m) => m.type === 'pong' && m.id === 'after');
    });
  });

  test('a GET on a stream id, or a POST on the stream path, is 405', async () => {
    await withServer({}, async (server, peer) => {
      const alice = await joined(peer(), 'sse', 'alice');
      const base = baseOf(server);
      const get = await fetch(`${base}/v1/sse/${alice.streamId}`);
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
      const post = await fetch(`${base}/v1/sse`, { method: 'POST', body: '{}' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET');
    });
  });

  test('an origin outside allowedOrigins gets SRV_ERR_ORIGIN_FORBIDDEN and close 4009', async () => {
    await withServer({ allowedOrigins: ['https://app.example'] }, async (_server, peer) => {
      const evil = peer('https://evil.example');
      await evil.connect('sse');
      assert.equal(await evil.closed(), 4009);
      assert.deepEqual(evil.errors(), [['SRV_ERR_ORIGIN_FORBIDDEN', undefined]]);
      const good = await joined(peer('https://app.example'), 'sse', 'good');
      assert.equal(good.closes.length, 0);
    });
  });

  test('streams count against maxConnectionsPerIp like sockets (close 4008)', async () => {
    await withServer({ limits: { maxConnectionsPerIp: 2 } }, async (_server, peer) => {
      await joined(peer(), 'ws', 'a');
      await joined(peer(), 'sse', 'b');
      const third = peer();
      await third.connect('sse');
      assert.equal(await third.closed(), 4008);
    });
  });

  test('rate limits apply per frame: a burst over the bucket gets SRV_ERR_RATE_LIMITED', async () => {
    await withServer({ limits: { messagesPerSecond: 1, burst: 5 } }, async (_server, peer) => {
      const alice = await joined(peer(), 'sse', 'alice');
      const from = alice.log.length;
      const pings = Array.from({ length: 8 }, (_, i) =>
        JSON.stringify({ type: 'ping', id: `${i}` }),
      );
      assert.equal((await alice.post(pings.join('\n'))).status, 204);
      await alice.until(
        () => alice.log.slice(from).filter((m) => m.type === 'error').length >= 3,
        5_000,
        'rate-limit errors',
      );
      const codes = alice.errors().map(([c]) => c);
      assert.ok(
        codes.every((c) => c === 'SRV_ERR_RATE_LIMITED'),
        codes.join(),
      );
    });
  });
});

describe('HTTP fallback: close and resume', () => {
  test('a close POST with 1000 ends the session: the room sees peer-left left', async () => {
    await withServer({}, async (_server, peer) => {
      const alice = await joined(peer(), 'sse', 'alice');
      const bob = await joined(peer(), 'ws', 'bob');
      await alice.waitFor((m) => m.type === 'peer-joined');
      await alice.close(1000);
      assert.deepEqual(alice.closes, [1000]);
      const left = await bob.waitFor(
        (m): m is ServerMessages['peer-left'] => m.type === 'peer-left',
      );
      assert.deepEqual([left.peer, left.reason], ['alice', 'left']);
    });
  });

  for (const code of [4100, 1001]) {
    test(`a close POST with ${code} keeps the session resumable`, async () => {
      await withServer({}, async (server, peer) => {
        const alice = await joined(peer(), 'sse', 'alice');
        const bob = await joined(peer(), 'ws', 'bob');
        await alice.close(code);
        await dropped(server, alice.session!);
        bob.signal('r', 'alice', data('while away'));
        await alice.resume('sse');
        await alice.until(() => signalsIn(alice).length === 1, 5_000, 'the buffered signal');
        assert.equal(
          bob.log.some((m) => m.type === 'peer-left'),
          false,
        );
      });
    });
  }

  // Where the victim's connection is cut, and on which transport it comes back.
  const MOVES: [Transport, Transport][] = [
    ['sse', 'sse'],
    ['ws', 'sse'],
    ['sse', 'ws'],
  ];
  for (const [before, after] of MOVES) {
    test(`a session on ${before} cut amid 200 signals each way resumes on ${after}: exactly once, in order`, async () => {
      await withServer({ limits: UNLIMITED }, async (server, peer) => {
        const victim = await joined(peer(), before, 'victim');
        const other = await joined(peer(), 'ws', 'other');
        const toVictim: SignalPayload[] = [];
        const toOther: SignalPayload[] = [];
        for (let i = 0; i < 200; i++) {
          toVictim.push(data(`o${i}`));
          other.signal('r', 'victim', data(`o${i}`));
          toOther.push(data(`v${i}`));
          victim.signal('r', 'other', data(`v${i}`));
          if (i === 100) {
            await victim.until(() => victim.stream.length > 20, 5_000, 'some signals');
            victim.cut();
          }
          if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        await dropped(server, victim.session!);
        await victim.resume(after);
        await victim.until(() => signalsIn(victim).length >= 200, 10_000, 'victim signals');
        await other.until(() => signalsIn(other).length >= 200, 10_000, 'other signals');
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.deepEqual(
          signalsIn(victim),
          toVictim.map((p) => ['other', p]),
        );
        assert.deepEqual(
          signalsIn(other),
          toOther.map((p) => ['victim', p]),
        );
        for (const p of [victim, other]) {
          assert.deepEqual(p.duplicates, []);
          assert.deepEqual(p.gaps, []);
          assert.deepEqual(p.errors(), []);
        }
        assert.equal(victim.stream.filter(isSignal).length, 200);
      });
    });
  }

  test('a resume on SSE while the WebSocket is still open takes the session over (4004)', async () => {
    await withServer({}, async (_server, peer) => {
      const bob = await joined(peer(), 'ws', 'bob');
      const twin = peer();
      twin.session = bob.session;
      twin.resumeToken = bob.resumeToken;
      await twin.resume('sse');
      assert.equal(await bob.closed(), 4004);
    });
  });
});

describe('HTTP fallback: drain', () => {
  test('close() sends goaway on the stream, refuses new streams (503), then closes 4000', async () => {
    const server = createSignalingServer({
      port: 0,
      host: '127.0.0.1',
      logger: false,
      drainTimeoutMs: 300,
    });
    await server.listening;
    const alice = new TransportPeer(baseOf(server));
    try {
      await joined(alice, 'sse', 'alice');
      const closing = server.close({ reason: 'restarting', reconnectIn: 50 });
      const goaway = await alice.waitFor((m): m is ServerMessages['goaway'] => m.type === 'goaway');
      assert.deepEqual([goaway.reason, goaway.reconnectIn], ['restarting', 50]);
      const refused = await fetch(`${baseOf(server)}/v1/sse`);
      assert.equal(refused.status, 503);
      assert.equal(await alice.closed(), 4000);
      await closing;
      assert.equal(server.connections, 0);
    } finally {
      alice.cut();
      await server.close();
    }
  });
});
