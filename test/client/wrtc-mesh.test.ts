import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSignalingServer, type SignalingServer } from 'switchboard/server';
import { runInChild } from './support/child-process.ts';

// Real WebRTC through a real server: @roamhq/wrtc peers in a child process (wrtc crashes Node
// at exit once media was applied) use the SDK (signaling client + rooms) against a server
// this process runs on 127.0.0.1, port 0.

const SCENARIOS = new URL('./support/wrtc-mesh-scenarios.ts', import.meta.url).href;

describe('wrtc peers through a signaling server', () => {
  let server: SignalingServer;
  let url = '';
  const run = (scenario: string, ...args: string[]) =>
    runInChild(SCENARIOS, scenario, [url, ...args], 60_000);

  before(async () => {
    server = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false });
    await server.listening;
    url = `ws://127.0.0.1:${server.address()?.port}/v1/ws`;
  });
  after(() => server.close());

  test('two peers: data channel messages both ways, one polite and one impolite', {
    timeout: 70_000,
  }, async () => {
    const result = (await run('mesh', '2')) as Record<string, unknown>;
    assert.deepEqual(result, {
      received: { alice: ['bob: hello alice, from bob'], bob: ['alice: hello bob, from alice'] },
      states: { alice: ['bob:connected'], bob: ['alice:connected'] },
      roles: { alice: ['bob:impolite'], bob: ['alice:polite'] },
      errors: [],
    });
  });

  test('three peers joining at once: a full mesh, every pair both ways', {
    timeout: 70_000,
  }, async () => {
    const result = (await run('mesh', '3')) as {
      received: Record<string, string[]>;
      states: Record<string, string[]>;
      roles: Record<string, string[]>;
      errors: string[];
    };
    assert.deepEqual(result.received, {
      alice: ['bob: hello alice, from bob', 'carol: hello alice, from carol'],
      bob: ['alice: hello bob, from alice', 'carol: hello bob, from carol'],
      carol: ['alice: hello carol, from alice', 'bob: hello carol, from bob'],
    });
    assert.deepEqual(result.states, {
      alice: ['bob:connected', 'carol:connected'],
      bob: ['alice:connected', 'carol:connected'],
      carol: ['alice:connected', 'bob:connected'],
    });
    // Each pair agrees: exactly one side is polite.
    for (const [self, roles] of Object.entries(result.roles)) {
      for (const role of roles) {
        const [other, mine] = role.split(':') as [string, string];
        const theirs = result.roles[other]?.find((r) => r.startsWith(`${self}:`))?.split(':')[1];
        assert.notEqual(mine, theirs, `${self} and ${other} are both ${mine}`);
      }
    }
    assert.deepEqual(result.errors, []);
  });

  test('glare: both add a video track at the same instant, converge to stable, no duplicate transceivers, frames both ways', {
    timeout: 70_000,
  }, async () => {
    const result = (await run('glare-video')) as {
      offers: number[];
      signaling: string[];
      transceivers: string[][];
      framesReceived: boolean[];
      errors: string[];
    };
    assert.deepEqual(result.signaling, ['stable', 'stable']);
    assert.equal(result.transceivers[0]?.length, 1, `alice: ${result.transceivers[0]}`);
    assert.deepEqual(result.transceivers[0], result.transceivers[1]);
    assert.match(result.transceivers[0]?.[0] ?? '', /^\d+:video:sendrecv$/);
    assert.ok(
      result.offers.every((n) => n >= 1),
      `both sides offered: ${result.offers}`,
    );
    assert.deepEqual(result.framesReceived, [true, true]);
    assert.deepEqual(result.errors, []);
  });

  for (const point of ['before-offer', 'after-offer', 'after-candidate']) {
    test(`a signaling socket drop ${point} resumes the session and the peers connect`, {
      timeout: 70_000,
    }, async () => {
      const result = (await run('drop-mid-negotiation', point)) as {
        cuts: number;
        aliceEvents: string[];
        received: Record<string, string[]>;
        states: Record<string, string[]>;
        errors: string[];
      };
      assert.equal(result.cuts, 1);
      assert.deepEqual(result.aliceEvents.slice(0, 3), ['open', 'reconnecting', 'resumed']);
      assert.deepEqual(result.received, {
        alice: ['bob: hello alice, from bob'],
        bob: ['alice: hello bob, from alice'],
      });
      assert.deepEqual(result.states, { alice: ['bob:connected'], bob: ['alice:connected'] });
      assert.deepEqual(result.errors, []);
    });
  }

  test('ICE restart through the server: fresh credentials, channels keep working', {
    timeout: 70_000,
  }, async () => {
    const result = await run('ice-restart');
    assert.deepEqual(result, {
      changed: true,
      received: { alice: ['bob: hello alice, from bob'], bob: ['alice: hello bob, from alice'] },
      errors: [],
    });
  });
});
