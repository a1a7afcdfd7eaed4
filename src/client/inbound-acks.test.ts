import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeClock } from '../testing/fake-clock.ts';
import { InboundAcks } from './inbound-acks.ts';

function setup(every = 3, delayMs = 50) {
  const clock = createFakeClock();
  const acks: number[] = [];
  let connected = true;
  const inbound = new InboundAcks(clock, delayMs, every, (seq) => {
    if (connected) acks.push(seq);
    return connected;
  });
  return { clock, acks, inbound, setConnected: (value: boolean) => (connected = value) };
}

test('classifies seqs: next, duplicate, gap', () => {
  const { inbound } = setup(100);
  assert.deepEqual(
    [1, 2, 2, 1, 5, 6, 4].map((seq) => inbound.accept(seq)),
    ['next', 'next', 'duplicate', 'duplicate', 'gap', 'next', 'duplicate'],
  );
  assert.equal(inbound.lastReceived, 6);
});

test('acks once, delayMs after the first unacknowledged seq, with the highest seq', () => {
  const { clock, acks, inbound } = setup(100, 50);
  inbound.accept(1);
  clock.advance(30);
  inbound.accept(2);
  clock.advance(19);
  assert.deepEqual(acks, []);
  clock.advance(1);
  assert.deepEqual(acks, [2]);
});

test('acks at once every `every` unacknowledged seqs', () => {
  const { acks, inbound } = setup(3);
  for (let seq = 1; seq <= 7; seq += 1) inbound.accept(seq);
  assert.deepEqual(acks, [3, 6]);
});

test('an ack that could not be sent is owed until resumed() says the hello carried it', () => {
  const { clock, acks, inbound, setConnected } = setup(100, 10);
  setConnected(false);
  inbound.accept(1);
  clock.advance(10);
  assert.deepEqual(acks, []);
  inbound.resumed();
  setConnected(true);
  inbound.flush();
  assert.deepEqual(acks, [], 'nothing owed after the resume');
});

test('reset() starts a new session at seq 1', () => {
  const { inbound } = setup();
  inbound.accept(1);
  inbound.accept(2);
  inbound.reset();
  assert.equal(inbound.accept(1), 'next');
});
