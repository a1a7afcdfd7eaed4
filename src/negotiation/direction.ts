/**
 * The answer's direction from the offer's and the local wish (RFC 3264 6.1, RFC 9429
 * 5.3.1): the answerer can send only what the offerer receives, and receive only what the
 * offerer sends. Written once as a table.
 */
import type { Direction } from 'switchboard/sdp';

/** `ANSWER_DIRECTION[offered][local]` is the direction the answer carries. */
export const ANSWER_DIRECTION: Readonly<Record<Direction, Readonly<Record<Direction, Direction>>>> =
  {
    sendrecv: {
      sendrecv: 'sendrecv',
      sendonly: 'sendonly',
      recvonly: 'recvonly',
      inactive: 'inactive',
    },
    sendonly: {
      sendrecv: 'recvonly',
      sendonly: 'inactive',
      recvonly: 'recvonly',
      inactive: 'inactive',
    },
    recvonly: {
      sendrecv: 'sendonly',
      sendonly: 'sendonly',
      recvonly: 'inactive',
      inactive: 'inactive',
    },
    inactive: {
      sendrecv: 'inactive',
      sendonly: 'inactive',
      recvonly: 'inactive',
      inactive: 'inactive',
    },
  };

/** The answer direction for an offered direction (absent means sendrecv) and the local wish. */
export function answerDirection(offered: Direction | undefined, local: Direction): Direction {
  return ANSWER_DIRECTION[offered ?? 'sendrecv'][local];
}

/** Does a direction include sending? */
export function sends(direction: Direction): boolean {
  return direction === 'sendrecv' || direction === 'sendonly';
}

/** Does a direction include receiving? */
export function receives(direction: Direction): boolean {
  return direction === 'sendrecv' || direction === 'recvonly';
}
