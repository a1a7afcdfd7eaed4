import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeClock } from '../testing/fake-clock.ts';
import { Heartbeat } from './heartbeat.ts';

function setup(intervalMs = 4000) {
  const clock = createFakeClock();
  const log: string[] = [];
  const heartbeat = new Heartbeat(clock, intervalMs, {
    ping: () => log.push(`ping@${clock.now()}`),
    dead: (silentMs) => log.push(`dead@${clock.now()} after ${silentMs}`),
  });
  return { clock, log, heartbeat };
}

test('pings after half an interval of sending nothing', () => {
  const { clock, log, heartbeat } = setup();
  clock.advance(2000);
  assert.deepEqual(log, ['ping@2000']);
  heartbeat.stop();
});

test('a connection that sends and receives needs no ping', () => {
  const { clock, log, heartbeat } = setup();
  for (let t = 0; t < 10; t += 1) {
    clock.advance(1000);
    heartbeat.sent();
    heartbeat.received();
  }
  assert.deepEqual(log, []);
  heartbeat.stop();
});

test('pings when only sending but hearing nothing for an interval, dead after two', () => {
  const { clock, log, heartbeat } = setup();
  for (let t = 0; t < 8; t += 1) {
    clock.advance(1000);
    heartbeat.sent();
  }
  assert.deepEqual(log, [
    'ping@4000',
    'ping@5000',
    'ping@6000',
    'ping@7000',
    'dead@8000 after 8000',
  ]);
  heartbeat.stop();
});

test('stop() ends the watch', () => {
  const { clock, log, heartbeat } = setup();
  heartbeat.stop();
  clock.advance(60_000);
  assert.deepEqual(log, []);
  assert.equal(clock.pending, 0);
});
