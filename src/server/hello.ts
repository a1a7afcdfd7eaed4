/**
 * The answer to `hello`: authenticate, then either start a new session or resume a dropped
 * one. A resume must name a live session and its token; it takes the session over from any
 * connection still holding it, and tells the caller which server seqs to replay.
 */
import { randomUUID } from 'node:crypto';
import {
  type ClientMessages,
  type CloseCode,
  type IceServer,
  PROTOCOL_VERSION,
  type ServerMessages,
  type WireErrorCode,
} from 'switchboard/protocol';
import type { Identity } from './auth.ts';
import type { ServerContext } from './context.ts';
import { createSessionCredentials, tokenMatches } from './resume.ts';
import { turnIceServers } from './turn.ts';

/** Where the hello came from, and the connection's hooks the handshake needs. */
export interface HelloEnvironment {
  /** The connection's id (recorded as the session's holder). */
  connection: string;
  ip: string;
  origin?: string;
  /**
   * Subscribes the connection to the session's deliveries, holding them until the welcome
   * and replay are out. Called before pending messages are read, so none falls between.
   */
  attach(session: string): Promise<void>;
  /** Closes a connection of this instance that holds `session`, once its frames are handled. */
  supersede(session: string): Promise<void>;
}

/** A session the connection now speaks for. */
export interface Established {
  session: string;
  peer: string;
  identity: Identity;
  resumeToken: string;
  resumed: boolean;
  /** The last client seq received (`welcome.ack`). */
  received: number;
  /** Replay buffered messages after this server seq (what the client has). */
  replayAfter: number;
}

/** Why the hello was refused: an `error`, then a close. */
export interface Refused {
  code: WireErrorCode;
  message: string;
  close: CloseCode;
}

function refuse(code: WireErrorCode, message: string, close: CloseCode): Refused {
  return { code, message, close };
}

/** Handles a `hello`; the result is a session or a refusal. */
export async function establishSession(
  ctx: ServerContext,
  hello: ClientMessages['hello'],
  env: HelloEnvironment,
): Promise<Established | Refused> {
  const auth = await ctx.authenticate(hello.token, {
    ip: env.ip,
    ...(env.origin === undefined ? {} : { origin: env.origin }),
  });
  if (!auth.ok) return refuse('SRV_ERR_UNAUTHORIZED', auth.message, 4001);
  return hello.resume === undefined
    ? startSession(ctx, hello, auth.identity, env)
    : resumeSession(ctx, hello.resume, auth.identity, env);
}

async function startSession(
  ctx: ServerContext,
  hello: ClientMessages['hello'],
  identity: Identity,
  env: HelloEnvironment,
): Promise<Established> {
  // The token names the peer; without auth the client may; otherwise the server picks.
  const peer = identity.peer ?? (ctx.authRequired ? undefined : hello.peer) ?? randomUUID();
  const { id, token, tokenHash } = createSessionCredentials();
  await ctx.adapter.createSession({
    id,
    peer,
    tokenHash,
    identity,
    connection: env.connection,
    createdAt: ctx.clock.now(),
  });
  ctx.metrics.sessions.inc();
  await env.attach(id);
  return {
    session: id,
    peer,
    identity,
    resumeToken: token,
    resumed: false,
    received: 0,
    replayAfter: 0,
  };
}

async function resumeSession(
  ctx: ServerContext,
  resume: NonNullable<ClientMessages['hello']['resume']>,
  identity: Identity,
  env: HelloEnvironment,
): Promise<Established | Refused> {
  const { adapter } = ctx;
  const failed = (message: string): Refused => {
    ctx.metrics.resumes.inc({ result: 'failed' });
    return refuse('SRV_ERR_RESUME_FAILED', message, 4003);
  };
  const stored = await adapter.getSession(resume.session);
  // Unknown and wrong token read the same, so the answer does not confirm a session id.
  if (stored === undefined || !tokenMatches(resume.token, stored.tokenHash)) {
    return failed('the session is unknown or expired, or the token is wrong');
  }
  if (ctx.authRequired && identity.peer !== undefined && identity.peer !== stored.peer) {
    return failed('the token names another peer than the session');
  }
  await env.supersede(stored.id);
  const attached = await adapter.markConnected(stored.id, env.connection);
  if (attached === undefined) return failed('the session expired');
  if (attached.previous !== undefined) {
    await adapter.publish(stored.id, { type: 'takeover', connection: env.connection });
  }
  const session = attached.session;
  const current = ctx.authRequired ? identity : session.identity;
  if (ctx.authRequired) await adapter.updateIdentity(session.id, identity);
  await env.attach(session.id);
  // The client cannot have more than was sent, nor less than it acknowledged before.
  const replayAfter = Math.max(Math.min(resume.ack, session.seq), session.acked);
  await adapter.ack(session.id, replayAfter);
  ctx.metrics.resumes.inc({ result: 'ok' });
  return {
    session: session.id,
    peer: session.peer,
    identity: current,
    resumeToken: resume.token,
    resumed: true,
    received: session.received,
    replayAfter,
  };
}

/** The ICE servers announced to `peer` now: the static ones, then fresh TURN credentials. */
export function iceServersFor(ctx: ServerContext, peer: string): IceServer[] {
  const { options, clock } = ctx;
  const servers = [...options.iceServers];
  if (options.turn !== undefined) servers.push(...turnIceServers(options.turn, peer, clock.now()));
  return servers;
}

/** The `welcome` that answers an established hello. */
export function welcomeMessage(
  ctx: ServerContext,
  established: Established,
): ServerMessages['welcome'] {
  const { options } = ctx;
  return {
    type: 'welcome',
    v: PROTOCOL_VERSION,
    session: established.session,
    peer: established.peer,
    resumeToken: established.resumeToken,
    resumed: established.resumed,
    heartbeat: options.heartbeatMs,
    resumeWindow: options.resume.windowMs,
    limits: {
      maxFrameBytes: options.limits.maxFrameBytes,
      messagesPerSecond: options.limits.messagesPerSecond,
      burst: options.limits.burst,
      maxRoomsPerSession: options.limits.maxRoomsPerSession,
      maxPeersPerRoom: options.rooms.maxPeers,
    },
    iceServers: iceServersFor(ctx, established.peer),
    ack: established.received,
  };
}
