/**
 * The table of codec.test.ts of frames that do not decode. Each row reads like its test
 * name, `<frame>: <CODE> at <path>`, followed by the frame and the `ref` the error echoes.
 */
import type { DecodeErrorCode } from './codec.ts';
import { ASTRAL, type Direction, LIMITS, nestedArrays } from './valid-messages.cases.ts';

export interface InvalidCase {
  /** `<case>: <CODE>` or `<case>: <CODE> at <path>`; also the test name. */
  readonly name: string;
  readonly from: Direction;
  /** The frame, as text (or bytes, for the UTF-8 cases). */
  readonly frame: string | Uint8Array;
  readonly code: DecodeErrorCode;
  readonly path?: string;
  readonly ref?: string | number;
}

function row(from: Direction, name: string, frame: string | Uint8Array, ref?: string | number) {
  const [, code, path] = /: ([A-Z_]+)(?: at (\S*))?$/.exec(name) ?? [];
  if (code === undefined) throw new TypeError(`case "${name}" names no code`);
  return { name, from, frame, code: code as DecodeErrorCode, path, ref };
}
/** A frame a client sent, for `decodeClientMessage`. */
const client = (name: string, frame: string | Uint8Array, ref?: string | number): InvalidCase =>
  row('client', name, frame, ref);
/** A frame a server sent, for `decodeServerMessage`. */
const server = (name: string, frame: string | Uint8Array, ref?: string | number): InvalidCase =>
  row('server', name, frame, ref);

const json = (value: unknown) => JSON.stringify(value);
const signal = (fields: Record<string, unknown>) =>
  json({
    type: 'signal',
    seq: 1,
    room: 'r',
    to: 'p',
    payload: { kind: 'data', data: 0 },
    ...fields,
  });
const description = (fields: Record<string, unknown>) =>
  signal({ payload: { kind: 'description', description: { type: 'offer', sdp: '', ...fields } } });
const candidate = (fields: Record<string, unknown>) =>
  signal({ payload: { kind: 'candidate', candidate: { candidate: '', ...fields } } });
const join = (fields: Record<string, unknown>) =>
  json({ type: 'join', id: 'r1', room: 'standup', ...fields });
const MB = 2 ** 20;
/** Pointer segments down a chain of nested arrays. */
const zeros = (n: number) => '/0'.repeat(n);

const NOT_JSON: readonly InvalidCase[] = [
  client('empty frame: PROTO_ERR_NOT_JSON', ''),
  client('text hello: PROTO_ERR_NOT_JSON', 'hello'),
  client('truncated object: PROTO_ERR_NOT_JSON', '{"type":"ping"'),
  client('object with a trailing comma: PROTO_ERR_NOT_JSON', '{"type":"ping",}'),
  client('null: PROTO_ERR_NOT_JSON', 'null'),
  client('number 42: PROTO_ERR_NOT_JSON', '42'),
  client('huge number 1e400: PROTO_ERR_NOT_JSON', '1e400'),
  client('string "ping": PROTO_ERR_NOT_JSON', '"ping"'),
  client('true: PROTO_ERR_NOT_JSON', 'true'),
  client('[]: PROTO_ERR_NOT_JSON', '[]'),
  client('[ping]: PROTO_ERR_NOT_JSON', '[{"type":"ping"}]'),
  client('100000 nested arrays: PROTO_ERR_NOT_JSON', nestedArrays(100_000)),
  client('1 MB of text: PROTO_ERR_NOT_JSON', 'x'.repeat(MB)),
  client('bytes that are not UTF-8: PROTO_ERR_NOT_JSON', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
];

const TYPES: readonly InvalidCase[] = [
  client('{}: PROTO_ERR_INVALID_MESSAGE at /type', '{}'),
  client('type 5: PROTO_ERR_INVALID_MESSAGE at /type', '{"type":5,"id":"r9"}', 'r9'),
  client('subscribe: PROTO_ERR_UNKNOWN_TYPE at /type', '{"type":"subscribe","id":"r9"}', 'r9'),
  ...['welcome', 'joined', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''].map(
    (type) => client(`type ${json(type)}: PROTO_ERR_UNKNOWN_TYPE at /type`, json({ type })),
  ),
  server('hello: PROTO_ERR_UNKNOWN_TYPE at /type', '{"type":"hello","v":1}'),
  client('type of 1 MB: PROTO_ERR_UNKNOWN_TYPE at /type', json({ type: 'x'.repeat(MB) })),
];

const VERSIONS: readonly InvalidCase[] = [
  client('hello v2: PROTO_ERR_VERSION at /v', '{"type":"hello","v":2}'),
  client('hello v0.5: PROTO_ERR_VERSION at /v', '{"type":"hello","v":0.5}'),
  client('hello v "1": PROTO_ERR_INVALID_MESSAGE at /v', '{"type":"hello","v":"1"}'),
  client('hello without v: PROTO_ERR_INVALID_MESSAGE at /v', '{"type":"hello"}'),
  server('welcome v2: PROTO_ERR_VERSION at /v', '{"type":"welcome","v":2}'),
];

const CLIENT_SCHEMAS: readonly InvalidCase[] = [
  client(
    'hello resume without token: PROTO_ERR_INVALID_MESSAGE at /resume/token',
    '{"type":"hello","v":1,"resume":{"session":"s","ack":0}}',
  ),
  client(
    'hello token of 8193 characters: PROTO_ERR_INVALID_MESSAGE at /token',
    json({ type: 'hello', v: 1, token: 't'.repeat(8193) }),
  ),
  client(
    'join without room: PROTO_ERR_INVALID_MESSAGE at /room',
    '{"type":"join","id":"r1"}',
    'r1',
  ),
  client('join without id: PROTO_ERR_INVALID_MESSAGE at /id', '{"type":"join","room":"r"}'),
  client('join id "": PROTO_ERR_INVALID_MESSAGE at /id', join({ id: '' })),
  // Too long to echo as a ref.
  client(
    'join id of 65 characters: PROTO_ERR_INVALID_MESSAGE at /id',
    join({ id: 'i'.repeat(65) }),
  ),
  client(
    'join room "stand up": PROTO_ERR_INVALID_MESSAGE at /room',
    join({ room: 'stand up' }),
    'r1',
  ),
  client('join room "": PROTO_ERR_INVALID_MESSAGE at /room', join({ room: '' }), 'r1'),
  client(
    'join room of 129 characters: PROTO_ERR_INVALID_MESSAGE at /room',
    join({ room: 'r'.repeat(129) }),
    'r1',
  ),
  client('join presence []: PROTO_ERR_INVALID_MESSAGE at /presence', join({ presence: [] }), 'r1'),
  client(
    'join presence key of 65 characters: PROTO_ERR_INVALID_MESSAGE at /presence',
    join({ presence: { ['k'.repeat(65)]: 1 } }),
    'r1',
  ),
  client(
    `join presence nested 33 levels: PROTO_ERR_INVALID_MESSAGE at /presence/deep${zeros(30)}`,
    join({ presence: { deep: JSON.parse(nestedArrays(31)) } }),
    'r1',
  ),
  client(
    'presence without presence: PROTO_ERR_INVALID_MESSAGE at /presence',
    '{"type":"presence","id":"r2","room":"r"}',
    'r2',
  ),
  client(
    'signal without to: PROTO_ERR_INVALID_MESSAGE at /to',
    '{"type":"signal","seq":1,"room":"r","payload":{"kind":"data","data":0}}',
    1,
  ),
  client(
    'signal without payload: PROTO_ERR_INVALID_MESSAGE at /payload',
    '{"type":"signal","seq":3,"room":"r","to":"p"}',
    3,
  ),
  client('signal seq 0: PROTO_ERR_INVALID_MESSAGE at /seq', signal({ seq: 0 })),
  client('signal seq -1: PROTO_ERR_INVALID_MESSAGE at /seq', signal({ seq: -1 })),
  client('signal seq 1.5: PROTO_ERR_INVALID_MESSAGE at /seq', signal({ seq: 1.5 })),
  client('signal seq "1": PROTO_ERR_INVALID_MESSAGE at /seq', signal({ seq: '1' })),
  client('signal seq 2^53: PROTO_ERR_INVALID_MESSAGE at /seq', signal({ seq: 2 ** 53 })),
  client(
    'signal seq 1e400, Infinity once parsed: PROTO_ERR_INVALID_MESSAGE at /seq',
    signal({}).replace('"seq":1', '"seq":1e400'),
  ),
  client(
    'signal seq of 40 digits: PROTO_ERR_INVALID_MESSAGE at /seq',
    signal({}).replace('"seq":1', `"seq":${'9'.repeat(40)}`),
  ),
  client('signal to 7: PROTO_ERR_INVALID_MESSAGE at /to', signal({ to: 7 }), 1),
  client(
    'signal payload "offer": PROTO_ERR_INVALID_MESSAGE at /payload',
    signal({ payload: 'offer' }),
    1,
  ),
  client(
    'signal payload without kind: PROTO_ERR_INVALID_MESSAGE at /payload/kind',
    signal({ payload: { data: 1 } }),
    1,
  ),
  client(
    'signal payload kind "sdp": PROTO_ERR_INVALID_MESSAGE at /payload/kind',
    signal({ payload: { kind: 'sdp' } }),
    1,
  ),
  client(
    'signal payload kind 1: PROTO_ERR_INVALID_MESSAGE at /payload/kind',
    signal({ payload: { kind: 1 } }),
    1,
  ),
  client(
    'signal(data) without data: PROTO_ERR_INVALID_MESSAGE at /payload/data',
    signal({ payload: { kind: 'data' } }),
    1,
  ),
  client(
    'signal(description) without description: PROTO_ERR_INVALID_MESSAGE at /payload/description',
    signal({ payload: { kind: 'description' } }),
    1,
  ),
  client(
    'signal(description bogus): PROTO_ERR_INVALID_MESSAGE at /payload/description/type',
    description({ type: 'bogus' }),
    1,
  ),
  client(
    'signal(description) without sdp: PROTO_ERR_INVALID_MESSAGE at /payload/description/sdp',
    description({ sdp: undefined }),
    1,
  ),
  client(
    'signal(description) sdp of 65537 characters: PROTO_ERR_INVALID_MESSAGE at /payload/description/sdp',
    description({ sdp: 'a'.repeat(65537) }),
    1,
  ),
  client(
    'signal(description) sdp of 65537 astral characters: PROTO_ERR_INVALID_MESSAGE at /payload/description/sdp',
    description({ sdp: ASTRAL.repeat(65537) }),
    1,
  ),
  client(
    'signal(description) sdp of 1 MB: PROTO_ERR_INVALID_MESSAGE at /payload/description/sdp',
    description({ sdp: 'a'.repeat(MB) }),
    1,
  ),
  client(
    'signal(candidate) sdpMid 0: PROTO_ERR_INVALID_MESSAGE at /payload/candidate/sdpMid',
    candidate({ sdpMid: 0 }),
    1,
  ),
  client(
    'signal(candidate) sdpMLineIndex -1: PROTO_ERR_INVALID_MESSAGE at /payload/candidate/sdpMLineIndex',
    candidate({ sdpMLineIndex: -1 }),
    1,
  ),
  client(
    'signal(candidate) sdpMLineIndex "0": PROTO_ERR_INVALID_MESSAGE at /payload/candidate/sdpMLineIndex',
    candidate({ sdpMLineIndex: '0' }),
    1,
  ),
  client(
    'signal(candidate) candidate of 1025 characters: PROTO_ERR_INVALID_MESSAGE at /payload/candidate/candidate',
    candidate({ candidate: 'c'.repeat(1025) }),
    1,
  ),
  client(
    `signal(data) nested 33 levels: PROTO_ERR_INVALID_MESSAGE at /payload/data${zeros(30)}`,
    signal({ payload: { kind: 'data', data: JSON.parse(nestedArrays(31)) } }),
    1,
  ),
  client(
    `signal with an extra property 10000 levels deep: PROTO_ERR_INVALID_MESSAGE at /junk${zeros(31)}`,
    signal({}).replace('{', `{"junk":${nestedArrays(10_000)},`),
    1,
  ),
  client(
    `ping with an extra property 10000 levels deep: PROTO_ERR_INVALID_MESSAGE at /x/a~1b~0${zeros(30)}`,
    `{"type":"ping","x":{"a/b~":${nestedArrays(10_000)}}}`,
  ),
  // The seq of an ack is the one acknowledged, never a ref.
  client('ack seq -1: PROTO_ERR_INVALID_MESSAGE at /seq', '{"type":"ack","seq":-1}'),
  client('ack seq 5.5: PROTO_ERR_INVALID_MESSAGE at /seq', '{"type":"ack","seq":5.5}'),
  client('ack seq 1e400: PROTO_ERR_INVALID_MESSAGE at /seq', '{"type":"ack","seq":1e400}'),
  client('ack without seq: PROTO_ERR_INVALID_MESSAGE at /seq', '{"type":"ack"}'),
  client(
    'refresh without token: PROTO_ERR_INVALID_MESSAGE at /token',
    '{"type":"refresh","id":"r4"}',
    'r4',
  ),
  client('ping id 7: PROTO_ERR_INVALID_MESSAGE at /id', '{"type":"ping","id":7}'),
];

const SERVER_SCHEMAS: readonly InvalidCase[] = [
  server(
    'welcome urls []: PROTO_ERR_INVALID_MESSAGE at /iceServers/0/urls',
    json({
      type: 'welcome',
      v: 1,
      session: 's',
      peer: 'p',
      resumeToken: 't',
      resumed: false,
      heartbeat: 25000,
      resumeWindow: 0,
      limits: LIMITS,
      iceServers: [{ urls: [] }],
      ack: 0,
    }),
  ),
  server(
    'joined member without polite: PROTO_ERR_INVALID_MESSAGE at /peers/0/polite',
    json({
      type: 'joined',
      ref: 'r1',
      room: 'r',
      self: { peer: 'p', version: 0 },
      peers: [{ peer: 'q', presence: {}, version: 1 }],
    }),
  ),
  server(
    'presence-updated without version: PROTO_ERR_INVALID_MESSAGE at /version',
    json({ type: 'presence-updated', ref: 'r3', room: 'r' }),
  ),
  server(
    'presence-updated version -1: PROTO_ERR_INVALID_MESSAGE at /version',
    json({ type: 'presence-updated', ref: 'r3', room: 'r', version: -1 }),
  ),
  server(
    'peer-left(gone): PROTO_ERR_INVALID_MESSAGE at /reason',
    json({ type: 'peer-left', seq: 2, room: 'r', peer: 'p', version: 1, reason: 'gone' }),
    2,
  ),
  server(
    'signal without from: PROTO_ERR_INVALID_MESSAGE at /from',
    json({ type: 'signal', seq: 4, room: 'r', payload: { kind: 'data', data: 0 } }),
    4,
  ),
  server(
    'expired refs [0]: PROTO_ERR_INVALID_MESSAGE at /refs/0',
    json({ type: 'expired', seq: 6, refs: [0], to: 'p' }),
    6,
  ),
  server(
    'error ref 1.5: PROTO_ERR_INVALID_MESSAGE at /ref',
    json({ type: 'error', code: 'X', message: 'm', ref: 1.5 }),
  ),
  server(
    'goaway reconnectIn -1: PROTO_ERR_INVALID_MESSAGE at /reconnectIn',
    json({ type: 'goaway', reason: 'r', reconnectIn: -1 }),
  ),
];

export const INVALID_CASES: readonly InvalidCase[] = [
  ...NOT_JSON,
  ...TYPES,
  ...VERSIONS,
  ...CLIENT_SCHEMAS,
  ...SERVER_SCHEMAS,
];
