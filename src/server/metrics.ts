/**
 * The server's Prometheus metrics, in a registry of its own: two servers in one process
 * (tests, or an app embedding two) never collide, and an embedder's global registry is
 * left alone. `/metrics` serves `registry.metrics()`.
 */
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type PrometheusContentType,
  Registry,
} from 'prom-client';

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Also collect prom-client's process metrics (CPU, memory, event loop lag). Default false. */
  defaultMetrics?: boolean;
}

/** The metrics a signaling server keeps. */
export interface ServerMetrics {
  /** The registry holding exactly these metrics. */
  readonly registry: Registry<PrometheusContentType>;
  /** `switchboard_sessions`: sessions open or waiting to resume. */
  readonly sessions: Gauge;
  /** `switchboard_rooms`: rooms that exist. */
  readonly rooms: Gauge;
  /** `switchboard_messages_relayed_total`: signals delivered (or buffered) for a recipient. */
  readonly messagesRelayed: Counter;
  /** `switchboard_messages_rejected_total{code}`: messages answered with an error, by code. */
  readonly messagesRejected: Counter<'code'>;
  /** `switchboard_messages_expired_total`: buffered messages whose recipient never resumed. */
  readonly messagesExpired: Counter;
  /** `switchboard_resumes_total{result}`: resume attempts, `ok` or `failed`. */
  readonly resumes: Counter<'result'>;
  /** `switchboard_relay_latency_seconds`: from receiving a signal to handing it to the recipient. */
  readonly relayLatency: Histogram;
}

/** Relay latency buckets (seconds): an in-process relay takes well under a millisecond. */
const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
];

/** Creates the server metrics in a fresh registry. */
export function createMetrics(options: MetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics === true) collectDefaultMetrics({ register: registry });
  const metrics: ServerMetrics = {
    registry,
    sessions: new Gauge({
      name: 'switchboard_sessions',
      help: 'Sessions open or waiting to resume.',
      registers,
    }),
    rooms: new Gauge({ name: 'switchboard_rooms', help: 'Rooms that exist.', registers }),
    messagesRelayed: new Counter({
      name: 'switchboard_messages_relayed_total',
      help: 'Signals delivered or buffered for their recipient.',
      registers,
    }),
    messagesRejected: new Counter({
      name: 'switchboard_messages_rejected_total',
      help: 'Messages answered with an error, by error code.',
      labelNames: ['code'] as const,
      registers,
    }),
    messagesExpired: new Counter({
      name: 'switchboard_messages_expired_total',
      help: 'Buffered messages dropped with an expired notice because the recipient did not resume.',
      registers,
    }),
    resumes: new Counter({
      name: 'switchboard_resumes_total',
      help: 'Session resume attempts, by result.',
      labelNames: ['result'] as const,
      registers,
    }),
    relayLatency: new Histogram({
      name: 'switchboard_relay_latency_seconds',
      help: 'Time from receiving a signal to handing it to the recipient.',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
  // Show both results from the start, so a rate() over failures works before the first one.
  metrics.resumes.inc({ result: 'ok' }, 0);
  metrics.resumes.inc({ result: 'failed' }, 0);
  return metrics;
}
