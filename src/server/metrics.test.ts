import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { register as globalRegistry } from 'prom-client';
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
