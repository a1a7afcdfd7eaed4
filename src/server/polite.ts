/**
 * Who is polite in each pair of room members, for the W3C perfect negotiation pattern
 * (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): the polite peer rolls back
 * its own offer when offers collide; the impolite one ignores the incoming offer.
 *
 * Rule: of two peers, the one whose peer id sorts greater (UTF-16 code units, JavaScript's
 * `>`, not a locale order) is polite towards the other. Both sides compute the same answer
 * from the two ids alone, so the roles never depend on join order and survive reconnects.
 */
import type { Member } from 'switchboard/protocol';
import type { RoomMember } from './adapter.ts';

/** Whether `self` is the polite peer towards `other` (ids differ within a room). */
export function isPolite(self: string, other: string): boolean {
  return self > other;
}

/** `member` as announced to `receiver`: `polite` says whether the receiver is polite towards it. */
export function memberView(member: RoomMember, receiver: string): Member {
  return {
    peer: member.peer,
    presence: member.presence,
    version: member.version,
    polite: isPolite(receiver, member.peer),
  };
}
