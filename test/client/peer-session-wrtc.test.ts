import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInChild } from './support/child-process.ts';

// Perfect negotiation between two real libwebrtc stacks (@roamhq/wrtc), each scenario in a
// child process (wrtc crashes Node at exit once media was applied). Signaling is a direct
// loopback here; wrtc-mesh.test.ts runs the same SDK through a real server.

const SCENARIOS = new URL('./support/wrtc-negotiation-scenarios.ts', import.meta.url).href;
const run = (scenario: string, ...args: string[]) => runInChild(SCENARIOS, scenario, args, 60_000);

test('wrtc: a data channel opens and carries messages both ways', { timeout: 70_000 }, async () => {
  const result = (await run('data-channel')) as Record<string, unknown>;
  assert.deepEqual(result, {
    atA: 'hello from b',
    atB: 'hello from a',
    states: ['connected', 'connected'],
    errors: [],
  });
});

for (const polite of ['a', 'b']) {
  test(`wrtc glare, ${polite} polite: both add a track at once, converge to stable with one transceiver each`, {
    timeout: 70_000,
  }, async () => {
    const result = (await run('glare-tracks', polite)) as {
      signaling: string[];
      transceiversA: Array<{ mid: string; kind: string; currentDirection: string }>;
      transceiversB: Array<{ mid: string; kind: string; currentDirection: string }>;
      tracksA: string[];
      tracksB: string[];
      errors: string[];
    };
    assert.deepEqual(result.signaling, ['stable', 'stable']);
    assert.deepEqual(result.transceiversA, [
      { mid: '0', kind: 'audio', currentDirection: 'sendrecv' },
    ]);
    assert.deepEqual(result.transceiversB, result.transceiversA);
    assert.deepEqual([result.tracksA, result.tracksB], [['audio'], ['audio']]);
    assert.deepEqual(result.errors, []);
  });
}

test('wrtc glare: both open a data channel at once, each side gets the other one', {
  timeout: 70_000,
}, async () => {
  const result = await run('glare-channels');
  assert.deepEqual(result, {
    atA: 'b->a',
    atB: 'a->b',
    labelsAtA: ['b'],
    labelsAtB: ['a'],
    errors: [],
  });
});

test('wrtc: candidates that arrive before the offer are held and applied', {
  timeout: 70_000,
}, async () => {
  const result = (await run('candidates-first')) as {
    candidatesBeforeOffer: number;
    atB: string;
    errors: string[];
  };
  assert.ok(result.candidatesBeforeOffer > 0);
  assert.equal(result.atB, 'late offer, early candidates');
  assert.deepEqual(result.errors, []);
});

test('wrtc: restartIce() renegotiates fresh ICE credentials and the channel keeps working', {
  timeout: 70_000,
}, async () => {
  const result = (await run('ice-restart')) as {
    before: { a: string; b: string };
    after: { a: string; b: string; remoteAtB: string };
    atA: string;
    atB: string;
    errors: string[];
  };
  assert.notEqual(result.after.a, result.before.a);
  assert.notEqual(result.after.b, result.before.b);
  assert.equal(result.after.remoteAtB, result.after.a);
  assert.deepEqual([result.atA, result.atB], ['after restart b->a', 'after restart a->b']);
  assert.deepEqual(result.errors, []);
});

test('wrtc property: random concurrent changes on both sides always converge', {
  timeout: 120_000,
}, async () => {
  const result = await run('random-negotiation', '12');
  assert.deepEqual(result, { runs: 12 });
});
