import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { IceServer } from 'switchboard/protocol';
import { createSignalingServer, type SignalingServer } from 'switchboard/server';
import { runInChild } from '../client/support/child-process.ts';
import { type Coturn, startCoturn } from '../support/coturn.ts';

// Real TURN: a coturn with `use-auth-secret`, a Switchboard server that mints TURN REST
// credentials for it, and relay-only @roamhq/wrtc peers (in a child process) that use
// whatever ICE servers the signaling server announced.

const SCENARIOS = new URL('./support/relay-scenarios.ts', import.meta.url).href;
const runRelayScenario = (scenario: string, args: string[]) =>
  runInChild(SCENARIOS, scenario, args, 60_000);

/** The TURN REST password for `username`, computed here independently of src/server/turn.ts. */
const restPassword = (secret: string, username: string) =>
  createHmac('sha1', secret).update(username).digest('base64');

interface Pair {
  local: { type: string; protocol: string; relayProtocol: string; address: string; port: number };
  remote: { type: string; address: string };
}

function assertRelayPair(pair: Pair, coturn: Coturn, who: string): void {
  assert.equal(pair.local.type, 'relay', `${who}: local candidate type`);
  assert.equal(pair.remote.type, 'relay', `${who}: remote candidate type`);
  assert.equal(pair.local.relayProtocol, 'udp', `${who}: relay protocol`);
  assert.equal(pair.local.address, '127.0.0.1', `${who}: relayed address`);
  const [min, max] = coturn.relayPorts;
  assert.ok(
    pair.local.port >= min && pair.local.port <= max,
    `${who}: relayed port ${pair.local.port} is in coturn's relay range ${min}-${max}`,
  );
}

describe('TURN through coturn with server-issued credentials', () => {
  let coturn: Coturn;
  const servers: SignalingServer[] = [];

  /** A signaling server on 127.0.0.1 whose `turn` option points at coturn; returns its URL. */
  async function startServer(secret: string, ttlSeconds?: number): Promise<string> {
    const server = createSignalingServer({
      port: 0,
      host: '127.0.0.1',
      logger: false,
      turn: { secret, uris: [...coturn.uris], ...(ttlSeconds ? { ttlSeconds } : {}) },
    });
    servers.push(server);
    await server.listening;
    return `ws://127.0.0.1:${server.address()?.port}/v1/ws`;
  }

  before(async () => {
    coturn = await startCoturn();
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await coturn?.stop();
  });

  test('relay-only peers connect through coturn with the credentials the server issued', {
    timeout: 70_000,
  }, async (t) => {
    const url = await startServer(coturn.secret);
    const startedS = Math.floor(Date.now() / 1000);
    const result = (await runRelayScenario('relay-call', [url])) as {
      tag: string;
      iceServers: Record<string, IceServer[]>;
      received: string[][];
      pairs: Pair[];
      candidateTypes: string[][];
      errors: string[];
      connectedMs: number;
    };
    t.diagnostic(
      `joined, connected over relays and exchanged messages in ${result.connectedMs} ms`,
    );
    const { tag } = result;
    assert.deepEqual(result.received, [['relay: bob to alice'], ['relay: alice to bob']]);
    for (const name of ['alice', 'bob']) {
      const servers = result.iceServers[name] ?? [];
      assert.equal(servers.length, 1, `${name}: one ICE server entry`);
      const [server] = servers as [IceServer];
      assert.deepEqual(server.urls, [...coturn.uris]);
      const [expiry, identity] = (server.username ?? '').split(':');
      assert.equal(identity, `${name}.${tag}`, `${name}: the username names the peer`);
      // The default TTL is a day.
      assert.ok(Math.abs(Number(expiry) - (startedS + 86_400)) <= 5, `${name}: expiry ${expiry}`);
      assert.equal(server.credential, restPassword(coturn.secret, server.username ?? ''));
      assert.ok(
        coturn.allocatedUsernames().includes(server.username ?? ''),
        `coturn allocated a relay for ${server.username}; allocations: ${coturn.allocatedUsernames()}`,
      );
    }
    assert.deepEqual(result.candidateTypes, [['relay'], ['relay']]);
    const [alicePair, bobPair] = result.pairs as [Pair, Pair];
    assertRelayPair(alicePair, coturn, 'alice');
    assertRelayPair(bobPair, coturn, 'bob');
    assert.deepEqual(result.errors, []);
  });

  test("a server whose secret differs from coturn's hands out credentials coturn refuses: no connection", {
    timeout: 70_000,
  }, async () => {
    const url = await startServer(`not-${coturn.secret}`);
    const result = (await runRelayScenario('relay-refused', [url, '3000'])) as {
      tag: string;
      iceServers: Record<string, IceServer[]>;
      candidateTypes: string[][];
      iceStates: string[];
      sessionStates: string[];
      channelStates: string[];
      received: string[][];
    };
    const usernames = Object.values(result.iceServers).map((s) => s[0]?.username ?? '');
    assert.equal(usernames.length, 2);
    // coturn saw the requests and answered 401: the credentials were checked, not ignored.
    for (const username of usernames) {
      assert.ok(coturn.refusedUsernames().includes(username), `coturn refused ${username}`);
      assert.ok(!coturn.allocatedUsernames().includes(username), `no allocation for ${username}`);
    }
    assert.deepEqual(result.candidateTypes, [[], []]);
    for (const state of result.iceStates) assert.doesNotMatch(state, /^(connected|completed)$/);
    for (const state of result.sessionStates) assert.notEqual(state, 'connected');
    assert.deepEqual(result.received, [[], []]);
    for (const state of result.channelStates) assert.notEqual(state, 'open');
  });

  test('fresh credentials pushed before expiry reach the peer connections: after the first expire, an ICE restart relays with the fresh ones', {
    timeout: 70_000,
  }, async () => {
    const ttlSeconds = 3;
    const url = await startServer(coturn.secret, ttlSeconds);
    const result = (await runRelayScenario('relay-refresh', [url])) as {
      tag: string;
      welcomeUsernames: string[];
      refreshedUsernames: string[][];
      restartUsernames: string[];
      configuredUsernames: string[];
      restartedAfterExpiry: boolean;
      received: Record<string, string[][]>;
      pairBefore: Pair;
      pairAfter: Pair;
      errors: string[];
    };
    const { tag } = result;
    const parse = (username: string) => {
      const [expiry, identity] = username.split(':');
      return { expiry: Number(expiry), identity };
    };
    ['alice', 'bob'].forEach((name, i) => {
      const welcome = parse(result.welcomeUsernames[i] ?? '');
      assert.equal(welcome.identity, `${name}.${tag}`);
      const refreshed = result.refreshedUsernames[i] ?? [];
      assert.ok(refreshed.length >= 1, `${name}: at least one refresh`);
      for (const username of refreshed) {
        assert.equal(parse(username).identity, `${name}.${tag}`);
        assert.ok(parse(username).expiry > welcome.expiry, `${name}: ${username} expires later`);
      }
      // The peer connection holds what the client was pushed last (setConfiguration).
      assert.ok(refreshed.includes(result.restartUsernames[i] ?? ''), `${name}: restart creds`);
      assert.equal(result.configuredUsernames[i], result.restartUsernames[i]);
    });
    assert.equal(result.restartedAfterExpiry, true);
    // coturn allocated with the welcome credentials, then, for the restart, with fresh ones:
    // the welcome ones had expired by then.
    const allocated = coturn.allocatedUsernames();
    ['alice', 'bob'].forEach((name, i) => {
      assert.ok(allocated.includes(result.welcomeUsernames[i] ?? ''), `${name}: welcome`);
      const fresh = (result.refreshedUsernames[i] ?? []).filter((u) => allocated.includes(u));
      assert.equal(fresh.length, 1, `${name}: one allocation with fresh credentials`);
    });
    assert.deepEqual(result.received, {
      first: [['before expiry: bob to alice'], ['before expiry: alice to bob']],
      afterExpiry: [['after expiry: bob to alice'], ['after expiry: alice to bob']],
      afterRestart: [['after restart: bob to alice'], ['after restart: alice to bob']],
    });
    assertRelayPair(result.pairBefore, coturn, 'bob before the restart');
    assertRelayPair(result.pairAfter, coturn, 'bob after the restart');
    assert.notEqual(result.pairAfter.local.port, result.pairBefore.local.port, 'a new relay');
    assert.deepEqual(result.errors, []);
  });
});
