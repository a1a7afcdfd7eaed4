/**
 * One connection and its pipeline, whatever its transport (a WebSocket, or the HTTP
 * fallback's SSE stream and POSTs: see signaling-socket.ts): frame checks (size, text) >
 * decode > hello > limits (token bucket) > handle > ack. Frames are handled one at a time,
 * in arrival order. Bad input gets an `error { code, message, ref }` and the session goes
 * on; repeated abuse closes the socket with a catalogued code. A handler that throws is logged
 * and answered with an error; it never reaches another session or the process. With an
 * adapter that has synchronous operations (the in-memory one), a signal or an ack with no
 * frame queued before it is handled at once, inside the socket's read: the same steps in
 * the same order, without a promise per step.
 *
 * Outbound, numbered messages reach the connection through the adapter subscription and
 * leave in seq order, each once: duplicates (seq already sent) are skipped and a gap is
 * filled from the session's buffer. While a handler runs they are held, so a reply (e.g.
 * `joined`) always precedes the events that follow from it. The frames a tick sends on the
 * socket leave in one write (write-coalescer.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  type ClientMessage,
  type ClientMessages,
  type CloseCode,
  decodeClientMessage,
  encode,
  type ServerMessage,
  type WireErrorCode,
} from 'switchboard/protocol';
import {
  type BufferedMessage,
  type Delivery,
  type SynchronousOperations,
  synchronousOperations,
  type Unsubscribe,
} from './adapter.ts';
import type { TimerHandle } from './clock.ts';
import type { ServerContext } from './context.ts';
import { type Established, establishSession, iceServersFor, welcomeMessage } from './hello.ts';
import { OutboundStream } from './outbound-stream.ts';
import { handleRefresh } from './refresh.ts';
import { handleSignal, handleSignalSync, refuseSignal, type SignalResult } from './relay.ts';
import { announceEnded } from './resume.ts';
import { handleJoin, handleLeave, handlePresence } from './rooms.ts';
import type { ErrorPosition, SessionScope } from './scope.ts';
import { type SignalingSocket, SOCKET_OPEN, type SocketData } from './signaling-socket.ts';
import { TokenBucket } from './token-bucket.ts';
import { turnRefreshDelayMs } from './turn.ts';
import { type Corkable, corkForTick } from './write-coalescer.ts';

/** What a connection needs from the server that owns it. */
export interface ConnectionHost {
  readonly ctx: ServerContext;
  /** Records that `connection` now holds `session` on this instance. */
  register(session: string, connection: Connection): void;
  /** Forgets the connection (socket closed and its session dropped or ended). */
  release(connection: Connection, session: string | undefined): void;
  /** Closes this instance's connection holding `session` and waits for its frames. */
  supersede(session: string): Promise<void>;
}

/** Violations tolerated per this many ms (see `limits.maxViolations`). */
const VIOLATION_WINDOW_MS = 10_000;
/** Consumed client seqs after which an ack goes out at once, whatever `ackDelayMs` says. */
const ACK_EVERY = 32;
/**
 * The share of `ackDelayMs` after which a waiting ack leaves with the next numbered message
 * to the client (in the same write) instead of alone when its timer fires: a frame of its
 * own costs a write here and a wakeup at the client.
 */
const ACK_RIDE_ALONG = 0.75;

/** What an error about `message` names: a request's id, a signal's seq (an ack's seq is not its own). */
function refOf(message: ClientMessage): string | number | undefined {
  if (message.type === 'signal') return message.seq;
  if ('id' in message) return message.id;
  return undefined;
}

function byteLength(data: SocketData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/**
 * The text of a text frame; ws has checked that it is UTF-8 (else it closes with 1007), the
 * HTTP fallback too (else the POST gets 400).
 */
function textOf(data: SocketData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return data instanceof ArrayBuffer ? Buffer.from(data).toString() : data.toString();
}

/** A connection of the signaling server (WebSocket or HTTP fallback). */
export class Connection {
  /** Unique across instances: the session's holder in the adapter. */
  readonly id = randomUUID();
  private phase: 'hello' | 'establishing' | 'open' | 'closed' = 'hello';
  private scope: SessionScope | undefined;
  private readonly bucket: TokenBucket;
  private readonly violations: TokenBucket;
  private inbound: Promise<void> = Promise.resolve();
  /** Frames queued or being handled. */
  private busy = 0;
  private ackDue = false;
  private consumedSinceAck = 0;
  private ackTimer: TimerHandle | undefined;
  /** With `ackDelayMs` 0: an ack is to go out at the end of this tick. */
  private ackAtTickEnd = false;
  /** When the ack timer was set: the first signal the waiting ack covers. */
  private ackWaitingSince = 0;
  private readonly outbound: OutboundStream;
  /** The adapter's synchronous operations, when it has them: signals and acks skip the queue. */
  private readonly sync: SynchronousOperations | undefined;
  /** The last client seq the session consumed, as the adapter last said (acked to the client). */
  private received = 0;
  private unsubscribe: Unsubscribe | undefined;
  private lastSeen: number;
  private pinged = false;
  /** The server closed (or is closing) the socket; a 1000 from the client is not a leave. */
  private closingByServer = false;
  /** A goaway was sent: the client's close is a move, never a leave. */
  private wentAway = false;
  /** The session was resumed elsewhere or ended by the server: do not drop or end it here. */
  private detached = false;
  private readonly timers = new Set<TimerHandle>();
  /** Settles when the socket has closed and the session is dropped or ended. */
  readonly closed: Promise<void>;

  constructor(
    private readonly host: ConnectionHost,
    private readonly ws: SignalingSocket,
    readonly ip: string,
    readonly origin: string | undefined,
    /** The stream under `ws`, corked per tick so that a tick's frames leave in one write. */
    private readonly socket?: Corkable,
  ) {
    const { clock, options } = host.ctx;
    const { limits } = options;
    this.lastSeen = clock.now();
    this.sync = synchronousOperations(host.ctx.adapter);
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.burst, clock.now);
    this.outbound = new OutboundStream({
      send: (entry) => this.sendNumbered(entry),
      pending: (afterSeq) => host.ctx.adapter.pending(this.session ?? '', afterSeq),
      warn: (details, message) =>
        host.ctx.logger.warn({ ...details, session: this.session }, message),
    });
    this.violations = new TokenBucket(
      (limits.maxViolations * 1000) / VIOLATION_WINDOW_MS,
      limits.maxViolations,
      clock.now,
    );
    this.timer(options.helloTimeoutMs, () => {
      if (this.phase === 'hello') this.close(4002, 'no hello received in time');
    });
    ws.on('message', (data, isBinary) => {
      try {
        this.onFrame(data, isBinary);
      } catch (error) {
        // A bug here must cost one frame, never the socket's receiver or the process.
        host.ctx.logger.error({ err: error, session: this.session }, 'frame handling failed');
        this.error('PROTO_ERR_INVALID_MESSAGE', 'the frame could not be handled');
      }
    });
    ws.on('pong', () => this.touch());
    ws.on('ping', () => this.touch());
    ws.on('error', (error) => host.ctx.logger.debug({ err: error, ip }, 'socket error'));
    this.closed = new Promise((resolve) => {
      ws.once('close', (code) => {
        this.onClose(code)
          .catch((error) => host.ctx.logger.error({ err: error }, 'closing a connection failed'))
          .finally(resolve);
      });
    });
  }

  /** The session this connection speaks for, once welcomed. */
  get session(): string | undefined {
    return this.scope?.session;
  }

  /** Sends `goaway` (the server is shutting down; reconnect and resume elsewhere). */
  goaway(reason: string, reconnectIn: number): void {
    // After a goaway the client closes to reconnect elsewhere: whatever its close code, the
    // session stays resumable.
    this.wentAway = true;
    this.send({ type: 'goaway', reason, reconnectIn });
  }

  /** Pings when idle for a heartbeat, closes (4007) when idle for two; checks token expiry. */
  checkHeartbeat(now: number): void {
    if (this.phase === 'closed') return;
    const { heartbeatMs } = this.host.ctx.options;
    const idle = now - this.lastSeen;
    if (idle >= 2 * heartbeatMs) {
      this.close(4007, 'heartbeat timeout');
      return;
    }
    if (idle >= heartbeatMs && !this.pinged && this.ws.readyState === SOCKET_OPEN) {
      this.pinged = true;
      this.ws.ping();
    }
    const expiresAt = this.scope?.identity.expiresAt;
    if (expiresAt !== undefined && expiresAt <= now) {
      this.error('SRV_ERR_UNAUTHORIZED', 'the token expired and was not refreshed');
      this.close(4010, 'token expired');
    }
  }

  /** Closes the socket with `code` (4000-4999), destroying it if the peer does not answer. */
  close(code: CloseCode | 1011, reason: string): void {
    if (this.closingByServer) return;
    this.closingByServer = true;
    this.host.ctx.logger.debug({ code, reason, session: this.session }, 'closing connection');
    // ws destroys the socket itself when the closing handshake stalls (its closeTimeout).
    this.ws.close(code, reason);
  }

  /** Closes with 4004 because the session moved to another connection; waits for its frames. */
  async supersede(reason: string): Promise<void> {
    this.detached = true;
    this.close(4004, reason);
    await this.inbound;
  }

  // -- inbound

  private touch(): void {
    this.lastSeen = this.host.ctx.clock.now();
    this.pinged = false;
  }

  private onFrame(data: SocketData, isBinary: boolean): void {
    this.touch();
    if (this.phase === 'closed') return;
    const { limits } = this.host.ctx.options;
    const size = byteLength(data);
    if (size > limits.maxFrameBytes) {
      this.error(
        'SRV_ERR_FRAME_TOO_LARGE',
        `the frame is ${size} bytes; the limit is ${limits.maxFrameBytes}`,
      );
      this.violation(4006);
      return;
    }
    if (isBinary) {
      this.error('PROTO_ERR_NOT_JSON', 'binary frames are not accepted: send JSON text');
      return;
    }
    let decoded: ReturnType<typeof decodeClientMessage>;
    let text: string;
    try {
      text = textOf(data);
      decoded = decodeClientMessage(text);
    } catch (error) {
      this.host.ctx.logger.error({ err: error }, 'decoder threw');
      this.error('PROTO_ERR_INVALID_MESSAGE', 'the message could not be decoded');
      return;
    }
    if (!decoded.ok) {
      const { code, message, ref, messageType } = decoded.error;
      if (messageType === 'signal' && typeof ref === 'number') {
        this.refuseSignal(ref, code, message);
        return;
      }
      this.error(code, message, ref);
      if (code === 'PROTO_ERR_VERSION' && this.phase === 'hello') {
        this.close(4002, 'unsupported protocol version');
      }
      return;
    }
    const message = decoded.message;
    if (this.phase === 'hello' && message.type !== 'hello') {
      this.error('PROTO_ERR_NOT_READY', `${message.type} before hello`, refOf(message));
      return;
    }
    if (!this.bucket.take()) {
      const text = `more than ${limits.messagesPerSecond} messages per second`;
      if (message.type === 'signal') this.refuseSignal(message.seq, 'SRV_ERR_RATE_LIMITED', text);
      else this.error('SRV_ERR_RATE_LIMITED', text, refOf(message));
      this.violation(4005);
      return;
    }
    if (message.type === 'hello' && this.phase === 'hello') this.phase = 'establishing';
    const { scope, sync } = this;
    if (
      (message.type === 'signal' || message.type === 'ack') &&
      sync !== undefined &&
      scope !== undefined &&
      this.busy === 0
    ) {
      this.handleNow(scope, sync, message, size, text);
      return;
    }
    this.enqueue(message.type, refOf(message), () => this.dispatch(message, size, text));
  }

  /**
   * Handles a signal or an ack on the adapter's synchronous operations, at once: with no
   * frame queued before it, this is what `enqueue` and `dispatch` would do, in the same
   * order, without a promise per step.
   */
  private handleNow(
    scope: SessionScope,
    sync: SynchronousOperations,
    message: ClientMessages['signal'] | ClientMessages['ack'],
    bytes: number,
    frame: string,
  ): void {
    this.outbound.hold();
    try {
      if (message.type === 'signal') {
        this.consumed(handleSignalSync(scope, sync, message, bytes, frame));
      } else if (this.ackInRange(message.seq)) {
        sync.ack(scope.session, message.seq);
      }
    } catch (error) {
      const { type } = message;
      this.host.ctx.logger.error({ err: error, type, session: this.session }, 'handler failed');
      this.error('PROTO_ERR_INVALID_MESSAGE', `the ${type} could not be handled`, refOf(message));
    } finally {
      this.scheduleAck();
      this.outbound.release();
    }
  }

  /**
   * Answers a signal refused before handling (malformed, rate limited). Once a session
   * exists, its seq is consumed like any handled signal's (the error names it and the next
   * ack covers it), so the client's stream never stalls on it and never replays it.
   */
  private refuseSignal(seq: number, code: WireErrorCode, message: string): void {
    if (this.phase === 'hello') {
      this.error(code, message, seq);
      return;
    }
    this.enqueue('signal', seq, async () => {
      const scope = this.scope;
      if (scope === undefined) return;
      this.consumed(await refuseSignal(scope, seq, code, message));
    });
  }

  private consumed({ outcome, received }: SignalResult): void {
    if (received !== undefined) this.received = Math.max(this.received, received);
    if (outcome !== 'gap' && outcome !== 'session-ended') {
      this.ackDue = true;
      this.consumedSinceAck += 1;
    }
  }

  private violation(code: 4005 | 4006): void {
    if (!this.violations.take()) {
      this.close(code, code === 4005 ? 'rate limit exceeded repeatedly' : 'frames too large');
    }
  }

  /** Queues `job` behind the frames received before; a job that throws is logged and answered. */
  private enqueue(type: string, ref: string | number | undefined, job: () => Promise<void>): void {
    this.busy += 1;
    this.inbound = this.inbound.then(async () => {
      this.outbound.hold();
      try {
        await job();
      } catch (error) {
        this.host.ctx.logger.error({ err: error, type, session: this.session }, 'handler failed');
        this.error('PROTO_ERR_INVALID_MESSAGE', `the ${type} could not be handled`, ref);
      } finally {
        this.busy -= 1;
        this.scheduleAck();
        this.outbound.release();
      }
    });
  }

  private async dispatch(message: ClientMessage, bytes: number, frame: string): Promise<void> {
    if (message.type === 'hello') {
      if (this.phase === 'establishing') await this.onHello(message);
      else if (this.phase === 'open') {
        this.error('PROTO_ERR_INVALID_MESSAGE', 'hello was already answered', undefined);
      }
      return;
    }
    const scope = this.scope;
    // The hello failed and the socket is closing: nothing to do the rest for.
    if (scope === undefined) return;
    switch (message.type) {
      case 'join':
        return handleJoin(scope, message);
      case 'leave':
        return handleLeave(scope, message);
      case 'presence':
        return handlePresence(scope, message);
      case 'signal':
        this.consumed(await handleSignal(scope, message, bytes, frame));
        return;
      case 'ack':
        return this.onAck(scope, message.seq);
      case 'refresh':
        return handleRefresh(scope, message, { ip: this.ip, origin: this.origin });
      case 'ping':
        this.send(message.id === undefined ? { type: 'pong' } : { type: 'pong', id: message.id });
        return;
      case 'pong':
        return;
    }
  }

  private async onHello(hello: ClientMessages['hello']): Promise<void> {
    const { ctx } = this.host;
    const result = await establishSession(ctx, hello, {
      connection: this.id,
      ip: this.ip,
      ...(this.origin === undefined ? {} : { origin: this.origin }),
      attach: async (session) => {
        this.unsubscribe = await ctx.adapter.subscribe(session, (d) => this.onDelivery(d));
      },
      supersede: (session) => this.host.supersede(session),
    });
    if ('close' in result) {
      this.error(result.code, result.message);
      this.close(result.close, result.code);
      return;
    }
    this.received = result.received;
    this.open(result);
    if (this.phase === 'closed') {
      // The socket went while the session was set up: leave it resumable.
      return;
    }
    this.send(welcomeMessage(this.host.ctx, result));
    // Replay what the client has not acknowledged, then let live deliveries through.
    const pending = await ctx.adapter.pending(result.session, result.replayAfter);
    this.outbound.start(result.replayAfter, pending);
  }

  private open(established: Established): void {
    this.scope = {
      ctx: this.host.ctx,
      session: established.session,
      peer: established.peer,
      identity: established.identity,
      reply: (message) => this.send(message),
      error: (code, message, ref, position) => this.error(code, message, ref, position),
    };
    this.host.register(established.session, this);
    if (this.phase !== 'closed') this.phase = 'open';
    const { turn } = this.host.ctx.options;
    if (turn !== undefined) this.scheduleIceRefresh(turnRefreshDelayMs(turn));
  }

  private scheduleIceRefresh(delay: number): void {
    this.timer(delay, () => {
      if (this.phase !== 'open' || this.scope === undefined) return;
      this.send({ type: 'ice-servers', iceServers: iceServersFor(this.host.ctx, this.scope.peer) });
      this.scheduleIceRefresh(delay);
    });
  }

  private async onAck(scope: SessionScope, seq: number): Promise<void> {
    if (this.ackInRange(seq)) await this.host.ctx.adapter.ack(scope.session, seq);
  }

  /** Whether the client may ack `seq`; answers SRV_ERR_SEQUENCE when it is beyond what was sent. */
  private ackInRange(seq: number): boolean {
    const { lastSent } = this.outbound;
    if (seq <= lastSent) return true;
    this.error('SRV_ERR_SEQUENCE', `ack ${seq} is beyond the last seq sent (${lastSent})`, seq);
    return false;
  }

  /**
   * Acks are cumulative, so one can answer many signals: it goes out `ackDelayMs` after the
   * first signal it covers (0: once the frames received so far are handled: the queued ones,
   * and the rest of the chunk the socket read, at the end of the tick), or at once after
   * ACK_EVERY signals.
   */
  private scheduleAck(): void {
    if (!this.ackDue) return;
    const delay = this.host.ctx.options.ackDelayMs;
    if (this.consumedSinceAck >= ACK_EVERY) {
      this.sendAck();
    } else if (delay === 0) {
      if (this.busy > 0 || this.ackAtTickEnd) return;
      this.ackAtTickEnd = true;
      process.nextTick(() => {
        this.ackAtTickEnd = false;
        // Frames queued meanwhile send it when they are done.
        if (this.ackDue && this.busy === 0) this.sendAck();
      });
    } else if (this.ackTimer === undefined) {
      this.ackWaitingSince = this.host.ctx.clock.now();
      this.ackTimer = this.timer(delay, () => {
        this.ackTimer = undefined;
        if (this.ackDue) this.sendAck();
      });
    }
  }

  private sendAck(): void {
    if (this.ackTimer !== undefined) {
      this.host.ctx.clock.clearTimeout(this.ackTimer);
      this.timers.delete(this.ackTimer);
      this.ackTimer = undefined;
    }
    this.ackDue = false;
    this.consumedSinceAck = 0;
    this.send({ type: 'ack', seq: this.received });
  }

  // -- outbound

  private onDelivery(delivery: Delivery): void {
    switch (delivery.type) {
      case 'message':
        this.outbound.push(delivery.entry);
        return;
      case 'takeover':
        if (delivery.connection !== this.id && !this.detached) {
          this.detached = true;
          this.close(4004, 'the session was resumed on another connection');
        }
        return;
      case 'terminate':
        this.detached = true;
        this.close(delivery.code, delivery.reason);
        return;
    }
  }

  private sendNumbered(entry: BufferedMessage): void {
    this.sendFrame(entry.head === undefined ? encode(entry.message) : `${entry.head}${entry.seq}}`);
    const { metrics, clock, options } = this.host.ctx;
    const now = clock.now();
    if (entry.message.type === 'signal') {
      metrics.relayLatency.observe(Math.max(0, now - entry.at) / 1000);
    }
    // An ack that has waited most of its time goes along (see ACK_RIDE_ALONG).
    if (
      this.ackTimer !== undefined &&
      now - this.ackWaitingSince >= options.ackDelayMs * ACK_RIDE_ALONG
    ) {
      this.sendAck();
    }
  }

  private send(message: ServerMessage): void {
    this.sendFrame(encode(message));
  }

  /** Sends one encoded frame; the frames of a tick leave in one write (see write-coalescer.ts). */
  private sendFrame(frame: string): void {
    if (this.ws.readyState !== SOCKET_OPEN) return;
    if (this.socket !== undefined) corkForTick(this.socket);
    this.ws.send(frame);
  }

  private error(
    code: WireErrorCode,
    message: string,
    ref?: string | number,
    position?: ErrorPosition,
  ): void {
    this.host.ctx.metrics.messagesRejected.inc({ code });
    this.host.ctx.logger.debug({ code, ref, session: this.session }, message);
    this.send({
      type: 'error',
      code,
      message,
      ...(ref === undefined ? {} : { ref }),
      ...(position?.line === undefined ? {} : { line: position.line }),
      ...(position?.column === undefined ? {} : { column: position.column }),
    });
  }

  // -- close

  private timer(ms: number, fn: () => void): TimerHandle {
    const { clock } = this.host.ctx;
    const handle = clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  private async onClose(code: number): Promise<void> {
    const { ctx } = this.host;
    // Only a client's 1000 ends the session here: 4100 (the client gives this connection up
    // to resume on another), 1001, 1006 and the rest leave it resumable for the window.
    const clientLeft = code === 1000 && !this.closingByServer && !this.wentAway;
    this.phase = 'closed';
    for (const handle of this.timers) ctx.clock.clearTimeout(handle);
    this.timers.clear();
    // Frames that arrived before the close are handled: the client sent them.
    await this.inbound;
    for (const handle of this.timers) ctx.clock.clearTimeout(handle);
    this.timers.clear();
    await this.unsubscribe?.();
    const session = this.scope?.session;
    try {
      if (session === undefined || this.detached) return;
      const now = ctx.clock.now();
      const { windowMs } = ctx.options.resume;
      if (clientLeft || windowMs === 0) {
        const ended = await ctx.adapter.endSession(session, now, this.id);
        if (ended !== undefined) await announceEnded(ctx, ended, clientLeft ? 'left' : 'expired');
      } else {
        await ctx.adapter.markDropped(session, this.id, now + windowMs);
      }
    } finally {
      this.host.release(this, session);
    }
  }
}
