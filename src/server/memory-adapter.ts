/**
 * The in-memory {@link SignalingAdapter}: all state in Maps of this process. Every method
 * runs to completion before it returns a promise, which makes each one atomic. Delivery
 * calls subscribers synchronously, in publish order.
 */
import type {
  AppendInput,
  AppendResult,
  Attached,
  BufferedMessage,
  BufferLimits,
  Delivery,
  Departure,
  EndedSession,
  JoinOptions,
  JoinResult,
  NewSession,
  ReceiveResult,
  RoomMember,
  SequencedMessage,
  SessionRecord,
  SignalingAdapter,
  SynchronousOperations,
  Unsubscribe,
} from './adapter.ts';

interface StoredSession {
  record: SessionRecord;
  buffer: BufferedMessage[];
  bytes: number;
}

interface Room {
  /** By peer id, in join order (Map keeps insertion order). */
  members: Map<string, RoomMember>;
  /** The last version handed out in this room. */
  version: number;
  /** When the room became empty; undefined while it has members. */
  emptySince: number | undefined;
}

type Subscriber = (delivery: Delivery) => void;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function copySession(record: SessionRecord): SessionRecord {
  return { ...record, identity: copyIdentity(record.identity), rooms: [...record.rooms] };
}

function copyIdentity(identity: SessionRecord['identity']): SessionRecord['identity'] {
  return { ...identity, rooms: identity.rooms === '*' ? '*' : [...identity.rooms] };
}

function copyMember(member: RoomMember): RoomMember {
  return { ...member, presence: { ...member.presence } };
}

/** Creates an adapter keeping all state in this process (one server instance). */
export function createMemoryAdapter(): SignalingAdapter {
  const sessions = new Map<string, StoredSession>();
  const rooms = new Map<string, Room>();
  const subscribers = new Map<string, Set<Subscriber>>();
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new Error('the adapter is closed');
  }

  function leaveRoom(name: string, session: string, now: number): Departure | undefined {
    const room = rooms.get(name);
    const stored = sessions.get(session);
    if (room === undefined || stored === undefined) return undefined;
    const member = room.members.get(stored.record.peer);
    if (member === undefined || member.session !== session) return undefined;
    room.members.delete(member.peer);
    room.version += 1;
    if (room.members.size === 0) room.emptySince = now;
    stored.record.rooms = stored.record.rooms.filter((r) => r !== name);
    return {
      room: name,
      member: copyMember(member),
      version: room.version,
      remaining: [...room.members.values()].map(copyMember),
    };
  }

  function end(id: string, now: number): EndedSession | undefined {
    const stored = sessions.get(id);
    if (stored === undefined) return undefined;
    const departures: Departure[] = [];
    for (const room of [...stored.record.rooms]) {
      const departure = leaveRoom(room, id, now);
      if (departure !== undefined) departures.push(departure);
    }
    sessions.delete(id);
    return { session: copySession(stored.record), departures, pending: [...stored.buffer] };
  }

  // The operations on a signal's path, synchronous (see `SynchronousOperations`); the
  // methods of the same name return their results.

  function receive(id: string, seq: number): ReceiveResult {
    const stored = sessions.get(id);
    if (stored === undefined) return { status: 'unknown-session' };
    const { record } = stored;
    if (seq <= record.received) return { status: 'duplicate', received: record.received };
    if (seq > record.received + 1) return { status: 'gap', received: record.received };
    record.received = seq;
    return { status: 'accepted', received: seq };
  }

  function memberSession(name: string, peer: string): string | undefined {
    return rooms.get(name)?.members.get(peer)?.session;
  }

  function append(session: string, input: AppendInput, limits?: BufferLimits): AppendResult {
    assertOpen();
    const stored = sessions.get(session);
    if (stored === undefined) return { ok: false, reason: 'unknown-session' };
    if (
      limits !== undefined &&
      (stored.buffer.length + 1 > limits.maxMessages ||
        stored.bytes + input.bytes > limits.maxBytes)
    ) {
      return { ok: false, reason: 'buffer-full' };
    }
    stored.record.seq += 1;
    const seq = stored.record.seq;
    // A copy numbered `seq`, which goes last (as `encode` of the entry's message shows it).
    // Object.assign: V8 (Node 20) spends a microsecond on `{ ...message }` of a relayed signal.
    const message = Object.assign({}, input.message) as Mutable<SequencedMessage>;
    message.seq = seq;
    const entry: Mutable<BufferedMessage> = { seq, message, bytes: input.bytes, at: input.at };
    const { origin, head } = input;
    if (origin !== undefined) entry.origin = { session: origin.session, ref: origin.ref };
    stored.buffer.push(entry);
    stored.bytes += entry.bytes;
    if (head === undefined) return { ok: true, entry };
    // The head goes with the entry published now, not with the one buffered: kept until
    // acknowledged, it would hold the text of the sender's frame as well as the message (a
    // replay encodes the message instead).
    const published: Mutable<BufferedMessage> = { seq, message, bytes: entry.bytes, at: entry.at };
    if (entry.origin !== undefined) published.origin = entry.origin;
    published.head = head;
    return { ok: true, entry: published };
  }

  function ack(session: string, seq: number): void {
    const stored = sessions.get(session);
    if (stored === undefined) return;
    const upTo = Math.min(seq, stored.record.seq);
    if (upTo <= stored.record.acked) return;
    stored.record.acked = upTo;
    let drop = 0;
    while (drop < stored.buffer.length && (stored.buffer[drop]?.seq ?? Infinity) <= upTo) {
      stored.bytes -= stored.buffer[drop]?.bytes ?? 0;
      drop += 1;
    }
    if (drop > 0) stored.buffer.splice(0, drop);
  }

  function publish(session: string, delivery: Delivery): void {
    const set = subscribers.get(session);
    if (set === undefined) return;
    // One subscriber (the connection holding the session) is the rule: no copy needed then.
    if (set.size === 1) {
      deliver(set.values().next().value as Subscriber, delivery);
      return;
    }
    for (const subscriber of [...set]) deliver(subscriber, delivery);
  }

  function deliver(subscriber: Subscriber, delivery: Delivery): void {
    try {
      subscriber(delivery);
    } catch {
      // A subscriber's failure is its own; the publisher and other subscribers go on.
    }
  }

  const adapter: Mutable<SignalingAdapter> = {
    async createSession(session: NewSession): Promise<void> {
      assertOpen();
      if (sessions.has(session.id)) throw new Error(`session ${session.id} exists`);
      sessions.set(session.id, {
        record: {
          ...session,
          identity: copyIdentity(session.identity),
          rooms: [],
          received: 0,
          acked: 0,
          seq: 0,
          expiresAt: undefined,
        },
        buffer: [],
        bytes: 0,
      });
    },

    async getSession(id: string): Promise<SessionRecord | undefined> {
      const stored = sessions.get(id);
      return stored === undefined ? undefined : copySession(stored.record);
    },

    async markConnected(id: string, connection: string): Promise<Attached | undefined> {
      assertOpen();
      const stored = sessions.get(id);
      if (stored === undefined) return undefined;
      const previous = stored.record.connection;
      stored.record.connection = connection;
      stored.record.expiresAt = undefined;
      return {
        session: copySession(stored.record),
        previous: previous === connection ? undefined : previous,
      };
    },

    async markDropped(id: string, connection: string, expiresAt: number): Promise<boolean> {
      const stored = sessions.get(id);
      if (stored === undefined || stored.record.connection !== connection) return false;
      stored.record.connection = undefined;
      stored.record.expiresAt = expiresAt;
      return true;
    },

    async receive(id: string, seq: number): Promise<ReceiveResult> {
      return receive(id, seq);
    },

    async updateIdentity(id, identity): Promise<boolean> {
      const stored = sessions.get(id);
      if (stored === undefined) return false;
      stored.record.identity = copyIdentity(identity);
      return true;
    },

    async endSession(
      id: string,
      now: number,
      connection?: string,
    ): Promise<EndedSession | undefined> {
      if (connection !== undefined && sessions.get(id)?.record.connection !== connection) {
        return undefined;
      }
      return end(id, now);
    },

    async expireSessions(now: number): Promise<EndedSession[]> {
      const ended: EndedSession[] = [];
      for (const [id, stored] of [...sessions]) {
        const { connection, expiresAt } = stored.record;
        if (connection === undefined && expiresAt !== undefined && expiresAt <= now) {
          const session = end(id, now);
          if (session !== undefined) ended.push(session);
        }
      }
      return ended;
    },

    async createRoom(name: string, now: number): Promise<boolean> {
      assertOpen();
      if (rooms.has(name)) return false;
      rooms.set(name, { members: new Map(), version: 0, emptySince: now });
      return true;
    },

    async join(name, session, presence, options: JoinOptions): Promise<JoinResult> {
      assertOpen();
      const stored = sessions.get(session);
      if (stored === undefined) return { ok: false, reason: 'unknown-session' };
      const { peer } = stored.record;
      let room = rooms.get(name);
      const current = room?.members.get(peer);
      if (room !== undefined && current?.session === session) {
        return {
          ok: true,
          self: copyMember(current),
          others: [...room.members.values()].filter((m) => m.peer !== peer).map(copyMember),
          created: false,
          already: true,
        };
      }
      if (stored.record.rooms.length >= options.maxRoomsPerSession) {
        return { ok: false, reason: 'too-many-rooms' };
      }
      if (room === undefined && !options.createOnJoin) return { ok: false, reason: 'not-found' };
      // A member being replaced frees its place.
      if (room !== undefined && room.members.size - (current ? 1 : 0) >= options.maxPeers) {
        return { ok: false, reason: 'full' };
      }
      const created = room === undefined;
      if (room === undefined) {
        room = { members: new Map(), version: 0, emptySince: undefined };
        rooms.set(name, room);
      }
      let replaced: { member: RoomMember; version: number } | undefined;
      if (current !== undefined) {
        room.members.delete(peer);
        room.version += 1;
        replaced = { member: copyMember(current), version: room.version };
        const other = sessions.get(current.session);
        if (other !== undefined) other.record.rooms = other.record.rooms.filter((r) => r !== name);
      }
      room.version += 1;
      const self: RoomMember = { peer, session, presence: { ...presence }, version: room.version };
      const others = [...room.members.values()].map(copyMember);
      room.members.set(peer, self);
      room.emptySince = undefined;
      stored.record.rooms.push(name);
      return {
        ok: true,
        self: copyMember(self),
        others,
        created,
        already: false,
        ...(replaced === undefined ? {} : { replaced }),
      };
    },

    async leave(name: string, session: string, now: number): Promise<Departure | undefined> {
      return leaveRoom(name, session, now);
    },

    async updatePresence(name, session, presence) {
      const room = rooms.get(name);
      const stored = sessions.get(session);
      if (room === undefined || stored === undefined) return undefined;
      const member = room.members.get(stored.record.peer);
      if (member === undefined || member.session !== session) return undefined;
      room.version += 1;
      member.presence = { ...presence };
      member.version = room.version;
      return {
        member: copyMember(member),
        others: [...room.members.values()].filter((m) => m !== member).map(copyMember),
      };
    },

    async members(name: string): Promise<RoomMember[]> {
      return [...(rooms.get(name)?.members.values() ?? [])].map(copyMember);
    },

    async member(name: string, peer: string): Promise<RoomMember | undefined> {
      const member = rooms.get(name)?.members.get(peer);
      return member === undefined ? undefined : copyMember(member);
    },

    async expireRooms(emptySince: number): Promise<string[]> {
      const expired: string[] = [];
      for (const [name, room] of [...rooms]) {
        if (room.emptySince !== undefined && room.emptySince <= emptySince) {
          rooms.delete(name);
          expired.push(name);
        }
      }
      return expired;
    },

    async append(
      session: string,
      input: AppendInput,
      limits?: BufferLimits,
    ): Promise<AppendResult> {
      return append(session, input, limits);
    },

    async pending(session: string, afterSeq: number): Promise<BufferedMessage[]> {
      const stored = sessions.get(session);
      if (stored === undefined) return [];
      return stored.buffer.filter((entry) => entry.seq > afterSeq);
    },

    async ack(session: string, seq: number): Promise<void> {
      ack(session, seq);
    },

    async subscribe(session: string, onDelivery: Subscriber): Promise<Unsubscribe> {
      assertOpen();
      let set = subscribers.get(session);
      if (set === undefined) {
        set = new Set();
        subscribers.set(session, set);
      }
      // A wrapper per call, so the same function subscribed twice unsubscribes once each.
      const subscriber: Subscriber = (delivery) => onDelivery(delivery);
      set.add(subscriber);
      return async () => {
        const current = subscribers.get(session);
        current?.delete(subscriber);
        if (current?.size === 0) subscribers.delete(session);
      };
    },

    async publish(session: string, delivery: Delivery): Promise<void> {
      publish(session, delivery);
    },

    async counts() {
      return { sessions: sessions.size, rooms: rooms.size };
    },

    async close(): Promise<void> {
      closed = true;
      subscribers.clear();
    },
  };
  const sync: SynchronousOperations = {
    adapter,
    receive,
    memberSession,
    append,
    publish,
    ack,
  };
  adapter.sync = sync;
  return adapter;
}
