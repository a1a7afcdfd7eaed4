/**
 * Who is in each room a client joined, as the server announced it. Every member carries a
 * presence version that grows with each change, so an announcement older than what is
 * known is recognised and ignored: reordering (possible once rooms span servers) and
 * duplicates are harmless.
 */
import type { Member } from 'switchboard/protocol';

/** What applying an announcement did. */
export type RosterChange =
  | { kind: 'joined'; member: Member }
  | { kind: 'updated'; member: Member; previous: Member }
  | { kind: 'left'; member: Member }
  | { kind: 'ignored' };

const IGNORED: RosterChange = Object.freeze({ kind: 'ignored' });

/** The members of every joined room, by room then peer id. */
export class Roster {
  readonly #rooms = new Map<string, Map<string, Member>>();

  /** The names of the joined rooms. */
  rooms(): string[] {
    return [...this.#rooms.keys()];
  }

  /** The members of `room` (without the client itself), or undefined when not joined. */
  members(room: string): ReadonlyMap<string, Member> | undefined {
    return this.#rooms.get(room);
  }

  /** Starts `room` with the roster of a `joined` reply. */
  setRoom(room: string, members: readonly Member[]): void {
    this.#rooms.set(room, new Map(members.map((member) => [member.peer, member])));
  }

  /** Forgets `room`. */
  deleteRoom(room: string): void {
    this.#rooms.delete(room);
  }

  /** Forgets every room. */
  clear(): void {
    this.#rooms.clear();
  }

  /**
   * `peer-joined` or `peer-updated`: adds an unknown member (joined only) or replaces a
   * known one whose version is older. An update for an unknown member is ignored: it was
   * overtaken by the member's leave.
   */
  apply(room: string, member: Member, kind: 'joined' | 'updated'): RosterChange {
    const members = this.#rooms.get(room);
    if (!members) return IGNORED;
    const previous = members.get(member.peer);
    if (!previous) {
      if (kind === 'updated') return IGNORED;
      members.set(member.peer, member);
      return { kind: 'joined', member };
    }
    if (member.version <= previous.version) return IGNORED;
    members.set(member.peer, member);
    return { kind: 'updated', member, previous };
  }

  /** `peer-left`: removes the member unless the announcement is older than what is known. */
  remove(room: string, peer: string, version: number): RosterChange {
    const members = this.#rooms.get(room);
    const member = members?.get(peer);
    if (!members || !member || version < member.version) return IGNORED;
    members.delete(peer);
    return { kind: 'left', member };
  }
}
