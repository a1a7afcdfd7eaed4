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

/** prom-client's state of a histogram without labels (15.x): bucket counts by bound, not cumulative. */
interface HistogramState {
  bucketValues: Record<number, number>;
  sum: number;
  count: number;
}

/**
 * Makes `histogram.observe(value)` (no labels) cheap enough for every relayed message:
 * prom-client spends ~200 ns on one (a closure, label hashing, a bucket found by key), this
 * counts into two arrays. The counts join the histogram's state before each read (`collect`,
 * which prom-client calls on `get()`, so on every scrape), in one step. Observations with
 * labels or of a non-finite value take prom-client's own path (and its errors).
 */
function batchObservations(histogram: Histogram, bounds: readonly number[]): void {
  const observe = histogram.observe.bind(histogram) as (a: unknown, b?: unknown) => void;
  const reset = histogram.reset.bind(histogram);
  // By bucket: the first bound at or above the value; the last slot is above every bound.
  const counts = new Float64Array(bounds.length + 1);
  const sums = new Float64Array(bounds.length + 1);
  let pending = 0;

  function fold(): void {
    if (pending === 0) return;
    const state = (histogram as unknown as { hashMap?: Record<string, HistogramState> }).hashMap?.[
      ''
    ];
    if (
      state !== undefined &&
      typeof state.sum === 'number' &&
      typeof state.count === 'number' &&
      bounds.every((bound) => typeof state.bucketValues?.[bound] === 'number')
    ) {
      let sum = 0;
      for (let i = 0; i < counts.length; i++) {
        const bound = bounds[i];
        const { bucketValues } = state;
        if (bound !== undefined) {
          bucketValues[bound] = (bucketValues[bound] as number) + (counts[i] as number);
        }
        sum += sums[i] as number;
      }
      state.sum += sum;
      state.count += pending;
    } else {
      // Not the state this expects (another prom-client, or reset): replay each bucket's
      // observations at their mean, which keeps the counts and the sum.
      for (let i = 0; i < counts.length; i++) {
        const n = counts[i] as number;
        if (n === 0) continue;
        const mean = (sums[i] as number) / n;
        const value = Math.min(mean, bounds[i] ?? mean);
        for (let k = 0; k < n; k++) observe(value);
      }
    }
    counts.fill(0);
    sums.fill(0);
    pending = 0;
  }

  histogram.observe = function observeBatched(a: unknown, b?: unknown): void {
    if (typeof a !== 'number' || b !== undefined || !Number.isFinite(a)) {
      observe(a, b);
      return;
    }
    let i = 0;
    while (i < bounds.length && a > (bounds[i] as number)) i++;
    counts[i] = (counts[i] as number) + 1;
    sums[i] = (sums[i] as number) + a;
    pending += 1;
  } as Histogram['observe'];
  histogram.reset = () => {
    counts.fill(0);
    sums.fill(0);
    pending = 0;
    reset();
  };
  (histogram as unknown as { collect: () => void }).collect = fold;
}

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
  batchObservations(metrics.relayLatency, LATENCY_BUCKETS);
  // Show both results from the start, so a rate() over failures works before the first one.
  metrics.resumes.inc({ result: 'ok' }, 0);
  metrics.resumes.inc({ result: 'failed' }, 0);
  return metrics;
}
