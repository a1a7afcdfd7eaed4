/**
 * `switchboard_connections{transport}`: open connections by transport (`websocket`, `http`),
 * in the server's registry. Servers that share one `ServerMetrics` share the gauge: each adds
 * and removes its own connections.
 */
import { Gauge } from 'prom-client';
import type { ServerMetrics } from './metrics.ts';
import type { TransportName } from './signaling-socket.ts';

const NAME = 'switchboard_connections';

/** The gauge of `metrics.registry`, created on first use; both transports show from the start. */
export function connectionsByTransport(metrics: ServerMetrics): Gauge<'transport'> {
  const existing = metrics.registry.getSingleMetric(NAME);
  if (existing instanceof Gauge) return existing as Gauge<'transport'>;
  const gauge = new Gauge({
    name: NAME,
    help: 'Open connections on this instance, by transport.',
    labelNames: ['transport'] as const,
    registers: [metrics.registry],
  });
  for (const transport of ['websocket', 'http'] satisfies TransportName[]) {
    gauge.inc({ transport }, 0);
  }
  return gauge;
}
