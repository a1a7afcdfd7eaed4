/**
 * The table of codec.test.ts of messages that decode: at least one of every type, each
 * optional field present and absent, every literal of every union, and values at the limits.
 */
import type { ClientMessage, ServerMessage } from './messages.ts';

/** Which decoder a case is for: a server reads client frames, a client reads server frames. */
export type Direction = 'client' | 'server';

export interface ValidCase {
  readonly name: string;
  readonly from: Direction;
  readonly message: ClientMessage | ServerMessage;
}

const SDP =
  'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' +
  'm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n';
const CANDIDATE = 'candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx';
export const LIMITS = {
  maxFrameBytes: 65536,
  messagesPerSecond: 50,
  burst: 100,
  maxRoomsPerSession: 8,
  maxPeersPerRoom: 16,
};
const MEMBER = { peer: 'p-ada', presence: { name: 'Ada' }, version: 5, polite: true };
/** A character outside the BMP: two UTF-16 code units, one character. */
export const ASTRAL = '\u{1F600}';

/** `depth` arrays nested in each other: `[[[]]]` for 3. */
export function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

export const VALID_CASES: readonly ValidCase[] = [
  { name: 'client hello', from: 'client', message: { type: 'hello', v: 1 } },
  {
    name: 'client hello with token and peer',
    from: 'client',
    message: { type: 'hello', v: 1, token: 'eyJ.eyJ.sig', peer: 'p-ada' },
  },
  {
    name: 'client hello resuming s-1 after seq 4',
    from: 'client',
    message: { type: 'hello', v: 1, resume: { session: 's-1', token: 'rt-1', ack: 4 } },
  },
  { name: 'client join', from: 'client', message: { type: 'join', id: 'r1', room: 'standup' } },
  {
    name: 'client join with presence',
    from: 'client',
    message: { type: 'join', id: 'r1', room: 'standup', presence: { name: 'Ada', tags: [1] } },
  },
  { name: 'client leave', from: 'client', message: { type: 'leave', id: 'r2', room: 'standup' } },
  {
    name: 'client presence',
    from: 'client',
    message: { type: 'presence', id: 'r3', room: 'standup', presence: { muted: true } },
  },
  ...(['offer', 'answer', 'pranswer', 'rollback'] as const).map(
    (type): ValidCase => ({
      name: `client signal(description ${type})`,
      from: 'client',
      message: {
        type: 'signal',
        seq: 1,
        room: 'standup',
        to: 'p-grace',
        payload: {
          kind: 'description',
          description: { type, sdp: type === 'rollback' ? '' : SDP },
        },
      },
    }),
  ),
  {
    name: 'client signal(candidate) with every field',
    from: 'client',
    message: {
      type: 'signal',
      seq: 2,
      room: 'standup',
      to: 'p-grace',
      payload: {
        kind: 'candidate',
        candidate: { candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' },
      },
    },
  },
  {
    name: 'client signal(candidate) with null sdpMid and sdpMLineIndex',
    from: 'client',
    message: {
      type: 'signal',
      seq: 3,
      room: 'standup',
      to: 'p-grace',
      payload: {
        kind: 'candidate',
        candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null },
      },
    },
  },
  {
    name: 'client signal(end-of-candidates)',
    from: 'client',
    message: {
      type: 'signal',
      seq: 4,
      room: 'standup',
      to: 'p-grace',
      payload: { kind: 'end-of-candidates', sdpMid: '0' },
    },
  },
  {
    name: 'client signal(data null)',
    from: 'client',
    message: { type: 'signal', seq: 5, room: 'r', to: 'p', payload: { kind: 'data', data: null } },
  },
  {
    name: 'client signal(data) nested to the limit, 32 levels',
    from: 'client',
    message: {
      type: 'signal',
      seq: 6,
      room: 'r',
      to: 'p',
      payload: { kind: 'data', data: JSON.parse(nestedArrays(30)) },
    },
  },
  {
    name: `client signal(description) of 65536 astral characters (131072 UTF-16 units)`,
    from: 'client',
    message: {
      type: 'signal',
      seq: 7,
      room: 'r',
      to: 'p',
      payload: { kind: 'description', description: { type: 'offer', sdp: ASTRAL.repeat(65536) } },
    },
  },
  {
    name: 'client signal(data) of a 1 MB string',
    from: 'client',
    message: {
      type: 'signal',
      seq: 8,
      room: 'r',
      to: 'p',
      payload: { kind: 'data', data: 'x'.repeat(2 ** 20) },
    },
  },
  {
    name: `client signal at the largest seq, 2^53 - 1`,
    from: 'client',
    message: {
      type: 'signal',
      seq: Number.MAX_SAFE_INTEGER,
      room: 'r',
      to: 'p',
      payload: { kind: 'data', data: 1 },
    },
  },
  { name: 'client ack 0', from: 'client', message: { type: 'ack', seq: 0 } },
  { name: 'client refresh', from: 'client', message: { type: 'refresh', id: 'r4', token: 'eyJ' } },
  { name: 'client ping', from: 'client', message: { type: 'ping' } },
  { name: 'client ping with id', from: 'client', message: { type: 'ping', id: 'h1' } },
  { name: 'client pong with id', from: 'client', message: { type: 'pong', id: 'h2' } },
  {
    name: 'server welcome',
    from: 'server',
    message: {
      type: 'welcome',
      v: 1,
      session: 's-1',
      peer: 'p-ada',
      resumeToken: 'rt-1',
      resumed: false,
      heartbeat: 25000,
      resumeWindow: 30000,
      limits: LIMITS,
      iceServers: [
        { urls: 'stun:stun.example.org' },
        { urls: ['turn:turn.example.org'], username: 'u', credential: 'c' },
      ],
      ack: 0,
    },
  },
  {
    name: 'server joined with one peer',
    from: 'server',
    message: {
      type: 'joined',
      ref: 'r1',
      room: 'standup',
      self: { peer: 'p-grace', version: 7 },
      peers: [MEMBER],
    },
  },
  { name: 'server left', from: 'server', message: { type: 'left', ref: 'r2', room: 'standup' } },
  {
    name: 'server presence-updated to version 8',
    from: 'server',
    message: { type: 'presence-updated', ref: 'r3', room: 'standup', version: 8 },
  },
  {
    name: 'server peer-joined',
    from: 'server',
    message: { type: 'peer-joined', seq: 1, room: 'standup', member: MEMBER },
  },
  {
    name: 'server peer-updated',
    from: 'server',
    message: { type: 'peer-updated', seq: 2, room: 'standup', member: { ...MEMBER, version: 6 } },
  },
  ...(['left', 'expired', 'kicked'] as const).map(
    (reason): ValidCase => ({
      name: `server peer-left(${reason})`,
      from: 'server',
      message: { type: 'peer-left', seq: 3, room: 'standup', peer: 'p-ada', version: 7, reason },
    }),
  ),
  {
    name: 'server signal from p-ada',
    from: 'server',
    message: {
      type: 'signal',
      seq: 4,
      room: 'standup',
      from: 'p-ada',
      payload: { kind: 'candidate', candidate: { candidate: CANDIDATE, sdpMid: '0' } },
    },
  },
  { name: 'server ack', from: 'server', message: { type: 'ack', seq: 9 } },
  ...(['not-in-room', 'buffer-full'] as const).map(
    (reason): ValidCase => ({
      name: `server undeliverable(${reason})`,
      from: 'server',
      message: { type: 'undeliverable', seq: 5, ref: 2, to: 'p-grace', reason },
    }),
  ),
  {
    name: 'server expired',
    from: 'server',
    message: { type: 'expired', seq: 6, refs: [3, 4], to: 'p-grace' },
  },
  {
    name: 'server ice-servers',
    from: 'server',
    message: {
      type: 'ice-servers',
      iceServers: [{ urls: 'turn:t', username: 'u', credential: 'c' }],
    },
  },
  {
    name: 'server refreshed',
    from: 'server',
    message: { type: 'refreshed', ref: 'r4', expiresAt: 1732194000000 },
  },
  {
    name: 'server goaway',
    from: 'server',
    message: { type: 'goaway', reason: 'restarting', reconnectIn: 2500 },
  },
  {
    name: 'server error answering seq 1 at line 10',
    from: 'server',
    message: {
      type: 'error',
      code: 'SRV_ERR_INVALID_SDP',
      message: 'm',
      ref: 1,
      line: 10,
      column: 2,
    },
  },
  {
    name: 'server error answering request r1',
    from: 'server',
    message: { type: 'error', code: 'SRV_ERR_ROOM_FULL', message: 'full', ref: 'r1' },
  },
  { name: 'server ping', from: 'server', message: { type: 'ping', id: 'h3' } },
  { name: 'server pong', from: 'server', message: { type: 'pong' } },
];
