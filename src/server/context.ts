/**
 * What every part of a running server shares: resolved options, the adapter, the clock,
 * the logger, metrics and the authenticator. Built once by `createSignalingServer`.
 */
import type { pino } from 'pino';
import type { SignalingAdapter } from './adapter.ts';
import type { Authenticator } from './auth.ts';
import type { Clock } from './clock.ts';
import type { ServerMetrics } from './metrics.ts';
import type { ResolvedOptions } from './options.ts';

/** The shared parts of one server instance. */
export interface ServerContext {
  readonly options: ResolvedOptions;
  readonly adapter: SignalingAdapter;
  readonly clock: Clock;
  readonly logger: pino.Logger;
  readonly metrics: ServerMetrics;
  readonly authenticate: Authenticator;
  /** Whether auth is configured (else `hello.peer` names the peer). */
  readonly authRequired: boolean;
}
