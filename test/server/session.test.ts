import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { SignJWT } from 'jose';
import type { ServerMessages } from 'switchboard/protocol';
import { createSignalingServer, turnIceServers } from 'switchboard/server';
import { createFakeClock } from 'switchboard/testing';
import { WebSocket } from 'ws';
import { startServer } from './harness.ts';
import { data, signalsIn, TestPeer } from './test-client.ts';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

async function token(claims: Record<string, unknown>, expiresIn = '1h'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));
}

describe('sessions', () => {
  test('hello gets a welcome with session, resume token, heartbeat under 60 s and limits', async () => {
    const h = await startServer();
    try {
      const peer = h.peer();
      const welcome = await peer.hello({ peer: 'alice' });
      assert.equal(welcome.v, 1);
      assert.equal(welcome.peer, 'alice');
      assert.equal(welcome.resumed, false);
      assert.equal(welcome.ack, 0);
      assert.match(welcome.session, /^[0-9a-f-]{36}$/);
      assert.ok(Buffer.from(welcome.resumeToken, 'base64url').length >= 32, 'a 256-bit token');
      assert.ok(welcome.heartbeat < 60_000 && welcome.heartbeat >= 1_000);
      assert.equal(welcome.resumeWindow, 30_000);
      assert.deepEqual(welcome.limits, {
        maxFrameBytes: 65_536,
        messagesPerSecond: 50,
        burst: 100,
        maxRoomsPerSession: 8,
        maxPeersPerRoom: 16,
      });
      assert.deepEqual(welcome.iceServers, []);
    } finally {
      await h.close();
    }
  });

  test('without a peer id in hello the server picks a random one', async () => {
    const h = await startServer();
    try {
      const [a, b] = [h.peer(), h.peer()];
      const [wa, wb] = [await a.hello(), await b.hello()];
      assert.ok(wa.peer.length > 0);
      assert.notEqual(wa.peer, wb.peer);
      assert.notEqual(wa.session, wb.session);
      assert.notEqual(wa.resumeToken, wb.resumeToken);
    } finally {
      await h.close();
    }
  });

  test('ping is answered with pong carrying the same id', async () => {
    const h = await startServer();
    try {
      const peer = h.peer();
      await peer.hello();
      peer.send({ type: 'ping', id: 'p-1' });
      const pong = await peer.waitFor((m) => m.type === 'pong');
      assert.deepEqual(pong, { type: 'pong', id: 'p-1' });
    } finally {
      await h.close();
    }
  });

  test('with TURN configured, welcome carries TURN REST credentials for the peer', async () => {
    const clock = createFakeClock(1_700_000_000_000);
    const h = await startServer({
      clock,
      iceServers: [{ urls: 'stun:stun.example.org' }],
      turn: { secret: 'turn-secret', uris: ['turn:turn.example.org:3478'], ttlSeconds: 600 },
    });
    try {
      const welcome = await h.peer().hello({ peer: 'alice' });
      assert.deepEqual(welcome.iceServers[0], { urls: 'stun:stun.example.org' });
      const turn = welcome.iceServers[1]!;
      assert.deepEqual(turn.urls, ['turn:turn.example.org:3478']);
      assert.equal(turn.username, `${1_700_000_000 + 600}:alice`);
      assert.ok(turn.credential);
    } finally {
      await h.close();
    }
  });

  test('each session gets fresh TURN credentials at 80% of the TTL, until its socket closes', async () => {
    const T0 = 1_700_000_000_000;
    const clock = createFakeClock(T0);
    const turn = { secret: 'turn-secret', uris: ['turn:turn.example.org'], ttlSeconds: 60 };
    // Two refreshes (48 s, 96 s) stay within two heartbeats, whether or not pongs got in.
    const h = await startServer({ clock, heartbeatMs: 59_000, turn });
    const isIceServers = (m: { type: string }): m is ServerMessages['ice-servers'] =>
      m.type === 'ice-servers';
    const pushes = (peer: TestPeer) => peer.log.filter(isIceServers);
    // The refresh timers are the only ones due in exactly 48 s (heartbeat 29.5 s, sweep 1 s).
    const refreshTimers = () => clock.pendingDelays().filter((delay) => delay === 48_000).length;
    try {
      const alice = h.peer();
      const bob = h.peer();
      await alice.hello({ peer: 'alice' });
      await bob.hello({ peer: 'bob' });
      assert.equal(refreshTimers(), 2, 'one timer per session');
      for (const round of [1, 2]) {
        clock.advance(48_000);
        for (const peer of [alice, bob]) {
          await peer.until(() => pushes(peer).length === round, 2_000, `push ${round}`);
          assert.deepEqual(
            pushes(peer)[round - 1]!.iceServers,
            turnIceServers(turn, peer.peer!, clock.now()),
          );
        }
      }
      assert.equal(
        pushes(alice)[1]!.iceServers[0]!.username,
        `${T0 / 1000 + 96 + 60}:alice`,
        'minted at the second push, valid for the TTL from then',
      );
      bob.cut();
      for (let waited = 0; h.server.connections > 1; waited += 5) {
        assert.ok(waited < 2_000, 'the server never saw the cut');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.equal(refreshTimers(), 1, "bob's timer is cleared with his socket");
      const welcome = await bob.resume();
      assert.deepEqual(welcome.iceServers, turnIceServers(turn, 'bob', clock.now()));
      assert.equal(refreshTimers(), 2, 'the resumed connection schedules its own');
    } finally {
      await h.close();
    }
  });

  test('a socket silent for two heartbeats is closed with 4007; one that answers pings stays', async () => {
    const clock = createFakeClock();
    const h = await startServer({ clock, heartbeatMs: 10_000 });
    try {
      const dead = h.peer({ autoPong: false });
      const alive = h.peer();
      await dead.hello();
      await alive.hello();
      for (let i = 0; i < 4; i++) {
        clock.advance(5_000);
        // Real time for the pings and pongs to cross the sockets.
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      assert.equal(await dead.closed(), 4007);
      assert.equal(alive.closes.length, 0);
    } finally {
      await h.close();
    }
  });

  test('a connection that never says hello is closed with 4002', async () => {
    const clock = createFakeClock();
    const h = await startServer({ clock, helloTimeoutMs: 5_000 });
    try {
      const peer = await h.peer().connect();
      clock.advance(5_000);
      assert.equal(await peer.closed(), 4002);
    } finally {
      await h.close();
    }
  });

  test('connections beyond limits.maxConnectionsPerIp are closed with 4008', async () => {
    const h = await startServer({ limits: { maxConnectionsPerIp: 2 } });
    try {
      await h.peer().connect();
      await h.peer().connect();
      const third = h.peer();
      await third.connect().catch(() => {});
      assert.equal(await third.closed(), 4008);
    } finally {
      await h.close();
    }
  });

  test('an origin outside allowedOrigins is closed with 4009', async () => {
    const h = await startServer({ allowedOrigins: ['https://app.example.com'] });
    try {
      const ok = h.peer();
      await ok.connect({ origin: 'https://app.example.com' });
      await ok.hello();
      const bad = h.peer();
      await bad.connect({ origin: 'https://evil.example.com' }).catch(() => {});
      assert.equal(await bad.closed(), 4009);
      assert.deepEqual(bad.errors(), [['SRV_ERR_ORIGIN_FORBIDDEN', undefined]]);
    } finally {
      await h.close();
    }
  });
});

describe('auth', () => {
  test('without a token hello is refused: SRV_ERR_UNAUTHORIZED and close 4001', async () => {
    const h = await startServer({ auth: { secret: SECRET } });
    try {
      const peer = h.peer();
      await peer.connect();
      peer.send({ type: 'hello', v: 1, peer: 'alice' });
      assert.equal(await peer.closed(), 4001);
      assert.deepEqual(peer.errors(), [['SRV_ERR_UNAUTHORIZED', undefined]]);
    } finally {
      await h.close();
    }
  });

  const refused: [string, () => Promise<string>][] = [
    ['a bad signature', async () => `${(await token({ sub: 'a', rooms: '*' })).slice(0, -4)}AAAA`],
    ['an expired token', () => token({ sub: 'a', rooms: '*' }, '-1m')],
    ['a token that is not a JWT', async () => 'not-a-jwt'],
  ];
  for (const [what, make] of refused) {
    test(`${what} is refused with close 4001`, async () => {
      const h = await startServer({ auth: { secret: SECRET } });
      try {
        const peer = h.peer();
        await peer.connect();
        peer.send({ type: 'hello', v: 1, token: await make() });
        assert.equal(await peer.closed(), 4001);
      } finally {
        await h.close();
      }
    });
  }

  test('the token names the peer (hello.peer is ignored) and limits its rooms', async () => {
    const h = await startServer({ auth: { secret: SECRET } });
    try {
      const peer = h.peer();
      const welcome = await peer.hello({
        peer: 'mallory',
        token: await token({ sub: 'alice', rooms: ['team-*'] }),
      });
      assert.equal(welcome.peer, 'alice');
      assert.equal((await peer.join('team-red')).type, 'joined');
      const refused = (await peer.join('other')) as ServerMessages['error'];
      assert.equal(refused.code, 'SRV_ERR_FORBIDDEN');
    } finally {
      await h.close();
    }
  });

  test('refresh replaces the identity without reconnecting', async () => {
    const h = await startServer({ auth: { secret: SECRET } });
    try {
      const peer = h.peer();
      await peer.hello({ token: await token({ sub: 'alice', rooms: ['a'] }) });
      peer.send({
        type: 'refresh',
        id: 'r1',
        token: await token({ sub: 'alice', rooms: ['a', 'b'] }),
      });
      const refreshed = await peer.waitFor(
        (m): m is ServerMessages['refreshed'] => m.type === 'refreshed',
      );
      assert.equal(refreshed.ref, 'r1');
      assert.ok(refreshed.expiresAt! > Date.now());
      assert.equal((await peer.join('b')).type, 'joined');
      peer.send({ type: 'refresh', id: 'r2', token: await token({ sub: 'bob', rooms: '*' }) });
      await peer.waitFor((m) => m.type === 'error' && m.ref === 'r2');
      assert.deepEqual(peer.errors(), [['SRV_ERR_UNAUTHORIZED', 'r2']]);
      assert.equal(peer.closes.length, 0);
    } finally {
      await h.close();
    }
  });

  test('a token that expires without refresh closes the session with 4010', async () => {
    const clock = createFakeClock(Date.now());
    const h = await startServer({ clock, auth: { secret: SECRET } });
    try {
      const peer = h.peer();
      await peer.hello({ token: await token({ sub: 'alice', rooms: '*' }, '60s') });
      for (let i = 0; i < 6; i++) {
        clock.advance(12_500);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(await peer.closed(), 4010);
      assert.ok(peer.errors().some(([code]) => code === 'SRV_ERR_UNAUTHORIZED'));
    } finally {
      await h.close();
    }
  });
});

describe('server lifecycle', () => {
  test('close() sends goaway, waits for the clients, and stops accepting', async () => {
    const h = await startServer();
    const alice = await h.joined('alice', 'r');
    const bob = await h.joined('bob', 'r');
    for (const peer of [alice, bob]) {
      peer.socket!.on('message', (raw) => {
        if (JSON.parse(raw.toString()).type === 'goaway') peer.socket?.close(1000);
      });
    }
    const closing = h.server.close({ reconnectIn: 250 });
    const goaway = await alice.waitFor((m): m is ServerMessages['goaway'] => m.type === 'goaway');
    assert.deepEqual(goaway, { type: 'goaway', reason: 'shutdown', reconnectIn: 250 });
    await bob.waitFor((m) => m.type === 'goaway');
    await closing;
    assert.equal(h.server.connections, 0);
    await assert.rejects(new TestPeer(h.url).connect());
    await h.close();
  });

  test('close() closes clients that stay with 4000 after drainTimeoutMs', async () => {
    const h = await startServer({ drainTimeoutMs: 50 });
    const peer = await h.joined('stubborn', 'r');
    await h.server.close();
    assert.equal(await peer.closed(), 4000);
    assert.ok(peer.log.some((m) => m.type === 'goaway'));
    await h.close();
  });

  test('standalone: serves /healthz and /readyz, answers 404 elsewhere and on other upgrade paths', async () => {
    const h = await startServer();
    try {
      const base = h.url.replace('ws://', 'http://').replace('/v1/ws', '');
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      assert.equal((await fetch(`${base}/nope`)).status, 404);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /switchboard_sessions/);
      await assert.rejects(
        new TestPeer(`${base.replace('http', 'ws')}/elsewhere`).connect(),
        /404|Unexpected/,
      );
    } finally {
      await h.close();
    }
  });

  test('attached to an existing http.Server: upgrades on path, the app keeps its routes', async () => {
    const app = createServer((req, res) => {
      if (signaling.handleRequest(req, res)) return;
      res.end(`app:${req.url}`);
    });
    const signaling = createSignalingServer({ server: app, logger: false });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const { port } = app.address() as AddressInfo;
    try {
      await signaling.listening;
      assert.equal(signaling.address()?.port, port);
      assert.equal(await (await fetch(`http://127.0.0.1:${port}/hello`)).text(), 'app:/hello');
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
      const alice = new TestPeer(`ws://127.0.0.1:${port}/v1/ws`);
      const bob = new TestPeer(`ws://127.0.0.1:${port}/v1/ws`);
      await alice.hello({ peer: 'alice' });
      await alice.join('r');
      await bob.hello({ peer: 'bob' });
      await bob.join('r');
      alice.signal('r', 'bob', data('through the app'));
      await bob.until(() => signalsIn(bob).length === 1, 2_000, 'a signal');
      alice.cut();
      bob.cut();
    } finally {
      await signaling.close();
      // The app's server is the app's: still listening after the signaling server closed.
      assert.equal(app.listening, true);
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });

  test('a raw ws client works without the helper (smoke)', async () => {
    const h = await startServer();
    try {
      const ws = new WebSocket(h.url);
      await new Promise((resolve) => ws.once('open', resolve));
      const reply = new Promise<string>((resolve) =>
        ws.once('message', (d) => resolve(d.toString())),
      );
      ws.send(JSON.stringify({ type: 'hello', v: 1, peer: 'raw' }));
      assert.equal(JSON.parse(await reply).type, 'welcome');
      ws.terminate();
    } finally {
      await h.close();
    }
  });
});
