import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { register as globalRegistry, Histogram, Registry } from 'prom-client';
import { createMetrics } from './metrics.ts';

const NAMES = [
  'switchboard_sessions',
  'switchboard_rooms',
  'switchboard_messages_relayed_total',
  'switchboard_messages_rejected_total',
  'switchboard_messages_expired_total',
  'switchboard_resumes_total',
  'switchboard_relay_latency_seconds',
];

describe('createMetrics', () => {
  test('exposes every metric in the Prometheus text format', async () => {
    const text = await createMetrics().registry.metrics();
    for (const name of NAMES) assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
  });

  test('records what the server reports, with labels', async () => {
    const m = createMetrics();
    m.sessions.set(3);
    m.rooms.inc();
    m.messagesRelayed.inc(5);
    m.messagesRejected.inc({ code: 'SRV_ERR_RATE_LIMITED' });
    m.messagesExpired.inc(2);
    m.resumes.inc({ result: 'ok' });
    m.relayLatency.observe(0.0003);
    const text = await m.registry.metrics();
    const lines: string[] = [
      'switchboard_sessions 3',
      'switchboard_rooms 1',
      'switchboard_messages_relayed_total 5',
      'switchboard_messages_rejected_total{code="SRV_ERR_RATE_LIMITED"} 1',
      'switchboard_messages_expired_total 2',
      'switchboard_resumes_total{result="ok"} 1',
      'switchboard_resumes_total{result="failed"} 0',
      'switchboard_relay_latency_seconds_bucket{le="0.0005"} 1',
      'switchboard_relay_latency_seconds_count 1',
    ];
    for (const line of lines) assert.ok(text.split('\n').includes(line), line);
  });

  test('relay latency: batched observations expose what prom-client would', async () => {
    const m = createMetrics();
    const reference = new Histogram({
      name: 'switchboard_relay_latency_seconds',
      help: 'Time from receiving a signal to handing it to the recipient.',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [new Registry()],
    });
    const values = [0, 0, 0.0001, 0.0003, 0.001, 0.004, 0.004, 0.2, 1, 3, 0.00025];
    // The sum is added up in another order: compared to 12 digits.
    const rounded = (line: string) =>
      line.replace(/_sum (\S+)$/, (_, sum) => `_sum ${Number(sum).toPrecision(12)}`);
    const exposition = async () => {
      const text = await m.registry.metrics();
      return text
        .split('\n')
        .filter((line) => line.startsWith('switchboard_relay_latency'))
        .map(rounded);
    };
    const expected = async () =>
      (await reference.get()).values.map((v) =>
        rounded(
          `${v.metricName}${v.labels.le === undefined ? '' : `{le="${v.labels.le}"}`} ${v.value}`,
        ),
      );
    for (const value of values) {
      m.relayLatency.observe(value);
      reference.observe(value);
    }
    assert.deepEqual(await exposition(), await expected());
    // Again after a read, and after a reset (state prom-client rebuilds on the next observe).
    for (const value of values) {
      m.relayLatency.observe(value);
      reference.observe(value);
    }
    assert.deepEqual(await exposition(), await expected());
    m.relayLatency.reset();
    reference.reset();
    for (const value of values.slice(3)) {
      m.relayLatency.observe(value);
      reference.observe(value);
    }
    assert.deepEqual(await exposition(), await expected());
    assert.throws(() => m.relayLatency.observe(Number.NaN), TypeError);
  });

  test('two instances are independent and leave the global registry alone', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.sessions.set(1);
    assert.match(await b.registry.metrics(), /^switchboard_sessions 0$/m);
    assert.doesNotMatch(await globalRegistry.metrics(), /switchboard_/);
  });

  test('adds process metrics only when asked', async () => {
    assert.doesNotMatch(await createMetrics().registry.metrics(), /process_cpu/);
    assert.match(
      await createMetrics({ defaultMetrics: true }).registry.metrics(),
      /process_cpu_seconds_total/,
    );
  });
});
