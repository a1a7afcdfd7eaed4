/**
 * The signaling client: one WebSocket session with a Switchboard server that survives
 * network drops. It says `hello`, waits for `welcome`, reconnects with backoff when the
 * connection drops and resumes the session (the server replays what this client did not
 * acknowledge; this client replays what the server did not), numbers its signals and
 * acknowledges the server's, and turns requests (join, leave, presence, refresh) into
 * promises with timeouts. It runs in browsers and Node: the WebSocket constructor and the
 * clock are injectable. Where a WebSocket cannot open, it connects over the HTTP fallback
 * instead (transport-selection.ts).
 */
import {
  type ClientMessage,
  type ClientMessages,
  decodeServerMessage,
  encode,
  type IceServer,
  type Limits,
  type Member,
  PROTOCOL_VERSION,
  type ServerMessage,
  type ServerMessages,
  type SignalPayload,
} from 'switchboard/protocol';
import { type ClientConnection as Connection, openConnection } from './client-connection.ts';
import type { ClockTimer } from './clock.ts';
import { CLIENT_RECONNECT_CLOSE_CODE, closeError, isSessionGoneClose } from './close-codes.ts';
import { Emitter } from './emitter.ts';
import { ClientError } from './errors.ts';
import { assertFrameFits, type Deferred, deferred } from './frames.ts';
import { Heartbeat } from './heartbeat.ts';
import { InboundAcks } from './inbound-acks.ts';
import { OutboundBuffer } from './outbound-buffer.ts';
import { ReconnectSchedule } from './reconnect-schedule.ts';
import { type PendingRequest, RequestTable } from './requests.ts';
import { Roster } from './roster.ts';
import { type SequencedServerMessage, sequencedEvent } from './sequenced-events.ts';
import {
  type ResolvedSignalingOptions,
  resolveSignalingOptions,
  resolveToken,
  type SignalingClientOptions,
} from './signaling-options.ts';
import type {
  JoinResult,
  LostSession,
  SentSignal,
  SessionInfo,
  SignalingClient,
  SignalingClientEventMap,
  SignalingClientState,
} from './signaling-types.ts';
import { WEBSOCKET_OPEN } from './transport.ts';
import { type SignalingTransport, TransportSelector } from './transport-selection.ts';

/** Creates a signaling client; nothing is opened until `connect()`. See {@link SignalingClient}. */
export function createSignalingClient(options: SignalingClientOptions): SignalingClient {
  return new SignalingClientImpl(resolveSignalingOptions(options));
}

interface BufferedSignal extends SentSignal {
  /** Position among everything the client sent (requests included). */
  readonly order: number;
  readonly text: string;
}

class SignalingClientImpl extends Emitter<SignalingClientEventMap> implements SignalingClient {
  readonly #options: ResolvedSignalingOptions;
  readonly #transports: TransportSelector;
  #transport: SignalingTransport | undefined;
  #state: SignalingClientState = 'idle';
  #connection: Connection | undefined;
  /** Bumped whenever attempts in flight must be forgotten (close, failed first connect). */
  #generation = 0;
  #everOpened = false;
  #connecting: Deferred<SessionInfo> | undefined;
  #info: SessionInfo | undefined;
  #resumeToken: string | undefined;
  #iceServers: readonly IceServer[] = [];
  #goawayUntil: number | undefined;

  #nextSeq = 1;
  #order = 0;
  readonly #outbound = new OutboundBuffer<BufferedSignal>();
  readonly #inbound: InboundAcks;
  readonly #requests: RequestTable;
  readonly #roster = new Roster();
  readonly #reconnect: ReconnectSchedule;

  constructor(options: ResolvedSignalingOptions) {
    super();
    this.#options = options;
    const { clock } = options;
    this.#requests = new RequestTable(clock, options.requestTimeoutMs);
    this.#reconnect = new ReconnectSchedule(clock, options.reconnectPolicy);
    // A transport that is not the last gets half the connect timeout to open.
    const fallbackAfterMs = options.connectTimeoutMs / 2;
    this.#transports = new TransportSelector({ ...options.transport, clock, fallbackAfterMs });
    this.#inbound = new InboundAcks(clock, options.ackDelayMs, options.ackEvery, (seq) =>
      this.#sendNow({ type: 'ack', seq }),
    );
  }

  get state(): SignalingClientState {
    return this.#state;
  }
  get transport(): SignalingTransport | undefined {
    return this.#transport;
  }
  get session(): SessionInfo | undefined {
    return this.#info;
  }
  get peer(): string | undefined {
    return this.#info?.peer;
  }
  get iceServers(): readonly IceServer[] {
    return this.#iceServers;
  }
  get limits(): Limits | undefined {
    return this.#info?.limits;
  }
  get rooms(): readonly string[] {
    return this.#roster.rooms();
  }
  members(room: string): ReadonlyMap<string, Member> | undefined {
    return this.#roster.members(room);
  }

  // ---- public API -------------------------------------------------------------------------

  connect(): Promise<SessionInfo> {
    if (this.#state === 'closed') {
      return Promise.reject(new ClientError('CLIENT_ERR_CLOSED', 'the client is closed'));
    }
    if (this.#state === 'open' && this.#info) return Promise.resolve(this.#info);
    if (this.#connecting) return this.#connecting.promise;
    this.#connecting = deferred<SessionInfo>();
    if (this.#state === 'idle') {
      this.#setState('connecting');
      void this.#openSocket();
    }
    return this.#connecting.promise;
  }

  async join(room: string, presence?: Record<string, unknown>): Promise<JoinResult> {
    const reply = (await this.#request('join', (id) =>
      presence === undefined ? { type: 'join', id, room } : { type: 'join', id, room, presence },
    )) as ServerMessages['joined'];
    return { room: reply.room, self: reply.self, peers: reply.peers };
  }

  async leave(room: string): Promise<void> {
    await this.#request('leave', (id) => ({ type: 'leave', id, room }));
  }

  async setPresence(room: string, presence: Record<string, unknown>): Promise<void> {
    await this.#request('presence', (id) => ({ type: 'presence', id, room, presence }));
  }

  async refresh(token?: string): Promise<{ expiresAt: number | undefined }> {
    const fresh = token ?? (await resolveToken(this.#options.token));
    if (fresh === undefined) {
      throw new TypeError('refresh() needs a token: pass one or give the client a `token` option');
    }
    const reply = (await this.#request('refresh', (id) => ({
      type: 'refresh',
      id,
      token: fresh,
    }))) as ServerMessages['refreshed'];
    return { expiresAt: reply.expiresAt };
  }

  signal(room: string, to: string, payload: SignalPayload): number {
    this.#assertUsable();
    if (this.#outbound.size >= this.#options.maxBufferedSignals) {
      throw new ClientError(
        'CLIENT_ERR_BUFFER_FULL',
        `${this.#outbound.size} signals await acknowledgement (maxBufferedSignals)`,
      );
    }
    const seq = this.#nextSeq;
    const text = encode({ type: 'signal', seq, room, to, payload });
    assertFrameFits(text, this.#info?.limits.maxFrameBytes);
    this.#nextSeq += 1;
    this.#outbound.push({ seq, room, to, payload, order: this.#nextOrder(), text });
    if (this.#isReady()) this.#sendText(text);
    return seq;
  }

  close(): void {
    this.#finish(1000, 'client closed', undefined);
  }

  // ---- connection lifecycle ----------------------------------------------------------------

  async #openSocket(): Promise<void> {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation && this.#state !== 'closed';
    let token: string | undefined;
    try {
      token = await resolveToken(this.#options.token);
    } catch (error) {
      if (current()) this.#connectionLost(error as ClientError);
      return;
    }
    if (!current()) return;
    let connection: Connection;
    try {
      connection = openConnection(this.#transports, this.#options, {
        frame: (c, data) => {
          if (c === this.#connection) this.#onFrame(c, data);
        },
        open: (c) => {
          if (c !== this.#connection) return;
          this.#transport = c.socket.transport;
          this.#sendHello(c, token);
        },
        closed: (c, code, reason) => {
          if (c !== this.#connection) return;
          const { welcomed, errorBeforeWelcome } = c;
          this.#connectionLost(
            closeError(code, reason, welcomed, errorBeforeWelcome, this.#options.token),
          );
        },
        timedOut: (c, error) => this.#drop(c, error),
      });
    } catch (error) {
      this.#connectionLost(error as ClientError);
      return;
    }
    this.#connection = connection;
  }

  #sendHello(connection: Connection, token: string | undefined): void {
    const hello: ClientMessages['hello'] = { type: 'hello', v: PROTOCOL_VERSION };
    if (token !== undefined) hello.token = token;
    const peer = this.#info?.peer ?? this.#options.peer;
    if (peer !== undefined) hello.peer = peer;
    if (this.#info && this.#resumeToken !== undefined) {
      connection.resumeRequested = true;
      const ack = this.#inbound.lastReceived;
      hello.resume = { session: this.#info.session, token: this.#resumeToken, ack };
    }
    this.#sendText(encode(hello));
  }

  /** Gives `connection` up from this side (timeouts, goaway), keeping the session resumable. */
  #drop(connection: Connection, error: ClientError): void {
    if (connection !== this.#connection) return;
    try {
      connection.socket.close(CLIENT_RECONNECT_CLOSE_CODE, error.code);
    } catch {
      // Already closing.
    }
    this.#connectionLost(error);
  }

  /** The current connection is gone: reconnect, start over, or give up. */
  #connectionLost(error: ClientError): void {
    this.#endConnection();
    if (this.#state === 'closed') return;
    if (!this.#everOpened) {
      this.#failFirstConnect(error);
      return;
    }
    if (error.code === 'CLIENT_ERR_REJECTED') {
      this.#finish(error.closeCode ?? 1000, error.message, error);
      return;
    }
    let forcedDelayMs: number | undefined;
    if (isSessionGoneClose(error)) {
      // The server forgot the session: start a new one at once.
      this.#resumeToken = undefined;
      forcedDelayMs = 0;
    } else if (this.#goawayUntil !== undefined) {
      forcedDelayMs = Math.max(0, this.#goawayUntil - this.#options.clock.now());
    }
    this.#goawayUntil = undefined;
    const planned = this.#reconnect.schedule(error, forcedDelayMs, () => void this.#openSocket());
    if ('stopped' in planned) {
      this.#finish(error.closeCode ?? 1006, planned.stopped.message, planned.stopped);
      return;
    }
    this.#setState('reconnecting');
    this.emit('reconnecting', { attempt: planned.attempt, delayMs: planned.delayMs, error });
  }

  /** Stops everything tied to the current connection (its timers), and forgets it. */
  #endConnection(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    this.#inbound.stop();
    if (!connection) return;
    this.#clearTimer(connection.connectTimer);
    this.#clearTimer(connection.goawayTimer);
    connection.heartbeat?.stop();
  }

  #failFirstConnect(error: ClientError): void {
    this.#generation += 1;
    this.#setState('idle');
    this.#requests.rejectAll(error);
    const connecting = this.#connecting;
    this.#connecting = undefined;
    connecting?.reject(error);
  }

  #finish(code: number, reason: string, error: ClientError | undefined): void {
    if (this.#state === 'closed') return;
    this.#generation += 1;
    const socket = this.#connection?.socket;
    this.#endConnection();
    this.#reconnect.cancel();
    try {
      socket?.close(1000, 'client closed');
    } catch {
      // Already closing.
    }
    this.#setState('closed');
    const closed = new ClientError('CLIENT_ERR_CLOSED', 'the client is closed', { cause: error });
    this.#requests.rejectAll(closed);
    const connecting = this.#connecting;
    this.#connecting = undefined;
    connecting?.reject(error ?? closed);
    this.#outbound.clear();
    this.#roster.clear();
    this.emit('close', { code, reason, error });
  }

  #clearTimer(timer: ClockTimer | undefined): void {
    if (timer !== undefined) this.#options.clock.clearTimeout(timer);
  }

  #setState(state: SignalingClientState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.emit('statechange', { state, previous });
  }

  // ---- inbound ---------------------------------------------------------------------------

  #onFrame(connection: Connection, data: unknown): void {
    connection.heartbeat?.received();
    if (typeof data !== 'string') {
      this.#reportError(new ClientError('CLIENT_ERR_PROTOCOL', 'the server sent a binary frame'));
      return;
    }
    const decoded = decodeServerMessage(data);
    if (!decoded.ok) {
      const { code, message } = decoded.error;
      this.#reportError(
        new ClientError('CLIENT_ERR_PROTOCOL', `undecodable frame: ${message}`, {
          serverCode: code,
        }),
      );
      return;
    }
    this.#onMessage(connection, decoded.message);
  }

  #onMessage(connection: Connection, message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.#onWelcome(connection, message);
        return;
      case 'error':
        this.#onServerError(connection, message);
        return;
      case 'ping':
        this.#sendNow(
          message.id === undefined ? { type: 'pong' } : { type: 'pong', id: message.id },
        );
        return;
      case 'pong':
        // Heartbeat pings carry no id; any frame received already counted for the heartbeat.
        return;
      case 'goaway':
        this.#onGoaway(connection, message);
        return;
      case 'ack':
        this.#outbound.popTo(message.seq);
        return;
      case 'joined':
        this.#roster.setRoom(message.room, message.peers);
        this.#requests.resolve(message.ref, message);
        return;
      case 'left':
        this.#roster.deleteRoom(message.room);
        this.#requests.resolve(message.ref, message);
        return;
      case 'presence-updated':
      case 'refreshed':
        this.#requests.resolve(message.ref, message);
        return;
      case 'ice-servers':
        this.#setIceServers(message.iceServers, true);
        return;
      default:
        this.#onSequenced(message);
    }
  }

  #onSequenced(message: SequencedServerMessage): void {
    const order = this.#inbound.accept(message.seq);
    if (order === 'duplicate') return; // A replay of what was delivered already.
    if (order === 'gap') {
      const error = `server seq ${message.seq} skipped what came before`;
      this.#reportError(new ClientError('CLIENT_ERR_PROTOCOL', error));
    }
    const event = sequencedEvent(this.#roster, message);
    if (event) this.emit(event.type, event.event as never);
  }

  #onWelcome(connection: Connection, message: ServerMessages['welcome']): void {
    const { clock } = this.#options;
    this.#clearTimer(connection.connectTimer);
    connection.connectTimer = undefined;
    const previous = this.#info;
    const resumed =
      connection.resumeRequested && message.resumed && previous?.session === message.session;
    const lost = previous && !resumed ? this.#loseSession(previous.session) : undefined;
    const info: SessionInfo = {
      session: message.session,
      peer: message.peer,
      resumed,
      heartbeat: message.heartbeat,
      resumeWindow: message.resumeWindow,
      limits: message.limits,
      iceServers: message.iceServers,
    };
    this.#info = info;
    this.#resumeToken = message.resumeToken;
    connection.welcomed = true;
    this.#everOpened = true;
    this.#reconnect.succeeded();
    connection.heartbeat = new Heartbeat(clock, message.heartbeat, {
      ping: () => this.#sendNow({ type: 'ping' }),
      dead: (silentMs) =>
        this.#drop(
          connection,
          new ClientError('CLIENT_ERR_HEARTBEAT_TIMEOUT', `nothing received for ${silentMs} ms`),
        ),
    });
    this.#setState('open');
    if (this.#state !== 'open') return;
    if (resumed) {
      this.#outbound.popTo(message.ack);
      this.#inbound.resumed();
    }
    const replayed = this.#flush();
    this.#setIceServers(message.iceServers, previous !== undefined);
    if (resumed) this.emit('resumed', { ...info, replayed });
    else this.emit('open', { ...info, lost });
    const connecting = this.#connecting;
    this.#connecting = undefined;
    connecting?.resolve(info);
  }

  /** Ends the bookkeeping of a session the server no longer knows; returns what was lost. */
  #loseSession(session: string): LostSession {
    const error = new ClientError(
      'CLIENT_ERR_SESSION_LOST',
      `session ${session} could not be resumed; a new one started`,
    );
    const rooms = this.#roster.rooms();
    this.#roster.clear();
    const signals = this.#outbound
      .clear()
      .map(({ seq, room, to, payload }): SentSignal => ({ seq, room, to, payload }));
    this.#nextSeq = 1;
    this.#inbound.reset();
    this.#requests.settleLost(error);
    return { session, rooms, signals, error };
  }

  #onServerError(connection: Connection, message: ServerMessages['error']): void {
    if (!connection.welcomed) {
      // Before welcome, an error explains the close that follows (unauthorized, resume failed).
      connection.errorBeforeWelcome = message;
      return;
    }
    const error = new ClientError('CLIENT_ERR_SERVER', `${message.code}: ${message.message}`, {
      serverCode: message.code,
      ref: message.ref,
      line: message.line,
      column: message.column,
    });
    if (typeof message.ref === 'string' && this.#requests.fail(message.ref, error)) return;
    this.#reportError(error);
  }

  #onGoaway(connection: Connection, message: ServerMessages['goaway']): void {
    const { clock } = this.#options;
    this.#goawayUntil = clock.now() + message.reconnectIn;
    this.emit('goaway', { reason: message.reason, reconnectIn: message.reconnectIn });
    this.#clearTimer(connection.goawayTimer);
    connection.goawayTimer = clock.setTimeout(() => {
      const error = new ClientError('CLIENT_ERR_CONNECTION_LOST', `goaway: ${message.reason}`);
      this.#drop(connection, error);
    }, message.reconnectIn);
  }

  #setIceServers(iceServers: readonly IceServer[], announce: boolean): void {
    const changed = JSON.stringify(iceServers) !== JSON.stringify(this.#iceServers);
    this.#iceServers = iceServers;
    if (changed && announce) this.emit('iceservers', { iceServers });
  }

  #reportError(error: ClientError): void {
    this.emit('error', { error });
  }

  // ---- outbound --------------------------------------------------------------------------

  #assertUsable(): void {
    if (this.#state === 'closed') {
      throw new ClientError('CLIENT_ERR_CLOSED', 'the client is closed');
    }
    if (this.#state === 'idle') {
      throw new ClientError('CLIENT_ERR_NOT_CONNECTED', 'call connect() first');
    }
  }

  #nextOrder(): number {
    this.#order += 1;
    return this.#order;
  }

  #isReady(): boolean {
    const connection = this.#connection;
    return connection?.welcomed === true && connection.socket.readyState === WEBSOCKET_OPEN;
  }

  #sendText(text: string): boolean {
    const connection = this.#connection;
    if (!connection || connection.socket.readyState !== WEBSOCKET_OPEN) return false;
    try {
      connection.socket.send(text);
    } catch {
      // The close event follows; the message stays buffered (signals) or pending (requests).
      return false;
    }
    connection.heartbeat?.sent();
    return true;
  }

  /** Sends a control message (ack, ping, pong) if connected; such messages are not kept. */
  #sendNow(message: ClientMessage): boolean {
    return this.#isReady() && this.#sendText(encode(message));
  }

  /**
   * Sends, in their original order, the unacknowledged signals and the unanswered requests;
   * returns how many signals went out again.
   */
  #flush(): number {
    const signals = this.#outbound.items();
    const queue: Array<{ order: number; text: string }> = [
      ...signals,
      ...this.#requests.pending().map(({ order, message }) => ({ order, text: encode(message) })),
    ];
    queue.sort((a, b) => a.order - b.order);
    for (const { text } of queue) this.#sendText(text);
    return signals.length;
  }

  #request(
    kind: PendingRequest['kind'],
    build: (id: string) => ClientMessage,
  ): Promise<ServerMessage> {
    try {
      this.#assertUsable();
    } catch (error) {
      return Promise.reject(error);
    }
    const { request, promise } = this.#requests.add(kind, build, this.#nextOrder());
    if (this.#isReady()) this.#sendText(encode(request.message));
    return promise;
  }
}
