/**
 * What a numbered server message means for the application: room events (applied to the
 * roster, so announcements older than what is known produce nothing), signals, and
 * delivery feedback, as the client events they become.
 */
import type { ServerMessages } from 'switchboard/protocol';
import type { Roster } from './roster.ts';
import type { SignalingClientEventMap } from './signaling-types.ts';

/** The server messages that carry a seq and are acknowledged. */
export type SequencedServerMessage = ServerMessages[
  | 'peer-joined'
  | 'peer-updated'
  | 'peer-left'
  | 'signal'
  | 'undeliverable'
  | 'expired'];

/** A client event and its payload. */
export type ClientEvent = {
  [K in keyof SignalingClientEventMap]: { type: K; event: SignalingClientEventMap[K] };
}[keyof SignalingClientEventMap];

/** Applies `message` to `roster` and returns the event it produces, if any. */
export function sequencedEvent(
  roster: Roster,
  message: SequencedServerMessage,
): ClientEvent | undefined {
  switch (message.type) {
    case 'peer-joined':
    case 'peer-updated': {
      const kind = message.type === 'peer-joined' ? 'joined' : 'updated';
      const change = roster.apply(message.room, message.member, kind);
      if (change.kind === 'joined') {
        return { type: 'peerjoined', event: { room: message.room, member: change.member } };
      }
      if (change.kind === 'updated') {
        return {
          type: 'peerupdated',
          event: { room: message.room, member: change.member, previous: change.previous },
        };
      }
      return undefined;
    }
    case 'peer-left': {
      const change = roster.remove(message.room, message.peer, message.version);
      if (change.kind !== 'left') return undefined;
      return {
        type: 'peerleft',
        event: {
          room: message.room,
          peer: message.peer,
          reason: message.reason,
          member: change.member,
        },
      };
    }
    case 'signal':
      return {
        type: 'signal',
        event: {
          room: message.room,
          from: message.from,
          payload: message.payload,
          seq: message.seq,
        },
      };
    case 'undeliverable':
      return {
        type: 'undeliverable',
        event: { ref: message.ref, to: message.to, reason: message.reason },
      };
    case 'expired':
      return { type: 'expired', event: { refs: message.refs, to: message.to } };
  }
}
