import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import {
  CLIENT_MESSAGE_TYPES,
  createErrorMessage,
  DECODE_ERROR_CODES,
  type DecodeResult,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  isClientMessageType,
  isServerMessageType,
  SERVER_MESSAGE_TYPES,
} from './codec.ts';
import { WIRE_ERRORS } from './codes.ts';
import { INVALID_CASES } from './invalid-frames.cases.ts';
import { CLIENT_MESSAGES, SERVER_MESSAGES } from './messages.ts';
import { type Direction, VALID_CASES } from './valid-messages.cases.ts';
import { findTooDeep } from './value-depth.ts';

const decoders = { client: decodeClientMessage, server: decodeServerMessage } as const;
const catalogues = { client: CLIENT_MESSAGES, server: SERVER_MESSAGES } as const;

function decode(from: Direction, frame: string | Uint8Array): DecodeResult<unknown> {
  return decoders[from](frame);
}

for (const c of VALID_CASES) {
  test(`${c.name} decodes to itself`, () => {
    const text = encode(c.message);
    const result = decode(c.from, text);
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.message, c.message);
    const bytes = decode(c.from, new TextEncoder().encode(text));
    assert.deepEqual(bytes, result);
  });
}

test('the valid table holds every message type of both catalogues', () => {
  for (const from of ['client', 'server'] as const) {
    const covered = new Set<string>(
      VALID_CASES.filter((c) => c.from === from).map((c) => c.message.type),
    );
    assert.deepEqual(
      Object.keys(catalogues[from]).filter((t) => !covered.has(t)),
      [],
      from,
    );
  }
});

for (const c of INVALID_CASES) {
  test(`${c.from} sends ${c.name}`, () => {
    const result = decode(c.from, c.frame);
    assert.equal(result.ok, false);
    if (result.ok) return;
    const { error } = result;
    assert.equal(error.code, c.code, error.message);
    assert.equal(error.path, c.path, error.message);
    assert.equal(error.ref, c.ref, error.message);
    assert.ok(error.code in WIRE_ERRORS);
    assert.ok(error.message.length > 0 && error.message.length <= 300, error.message);
  });
}

test('an invalid message names its type, its path and what is wrong', () => {
  const result = decodeClientMessage('{"type":"signal","seq":1,"room":"r","payload":{}}');
  assert.deepEqual(result, {
    ok: false,
    error: {
      code: 'PROTO_ERR_INVALID_MESSAGE',
      message: 'signal: /to is required',
      path: '/to',
      messageType: 'signal',
      ref: 1,
    },
  });
});

const MESSAGES = [
  {
    name: 'description type',
    frame:
      '{"type":"signal","seq":1,"room":"r","to":"p","payload":{"kind":"description","description":{"type":"bogus","sdp":""}}}',
    message:
      'signal: /payload/description/type must be one of "offer", "answer", "pranswer", "rollback"',
  },
  {
    name: 'payload kind',
    frame: '{"type":"signal","seq":1,"room":"r","to":"p","payload":{"kind":"sdp"}}',
    message:
      'signal: /payload/kind must be one of "description", "candidate", "end-of-candidates", "data"',
  },
  {
    name: 'nullable sdpMid',
    frame:
      '{"type":"signal","seq":1,"room":"r","to":"p","payload":{"kind":"candidate","candidate":{"candidate":"","sdpMid":1}}}',
    message: 'signal: /payload/candidate/sdpMid must be string or null',
  },
  {
    name: 'sdp length',
    frame: `{"type":"signal","seq":1,"room":"r","to":"p","payload":{"kind":"description","description":{"type":"offer","sdp":"${'a'.repeat(65537)}"}}}`,
    message: 'signal: /payload/description/sdp must NOT have more than 65536 characters',
  },
  {
    name: 'urls, an array too short',
    frame: '{"type":"ice-servers","iceServers":[{"urls":[]}]}',
    message: 'ice-servers: /iceServers/0/urls must NOT have fewer than 1 items',
    server: true,
  },
] as const;

for (const c of MESSAGES) {
  test(`the message for a bad ${c.name} says what is allowed`, () => {
    const result = ('server' in c ? decodeServerMessage : decodeClientMessage)(c.frame);
    assert.equal(result.ok ? '' : result.error.message, c.message);
  });
}

test('an unknown type is quoted, shortened, in the message', () => {
  const result = decodeClientMessage(JSON.stringify({ type: 'x'.repeat(1000) }));
  assert.ok(!result.ok);
  assert.match(result.error.message, /^unknown message type "x{64}\.\.\."$/);
});

test('a frame that is neither text nor bytes is a TypeError', () => {
  for (const frame of [undefined, null, 42, {}, new ArrayBuffer(2)]) {
    assert.throws(() => decodeClientMessage(frame as never), TypeError);
  }
});

test('type guards know each side’s types and nothing inherited', () => {
  assert.deepEqual(CLIENT_MESSAGE_TYPES, Object.keys(CLIENT_MESSAGES));
  assert.deepEqual(SERVER_MESSAGE_TYPES, Object.keys(SERVER_MESSAGES));
  assert.ok(isClientMessageType('hello') && !isClientMessageType('welcome'));
  assert.ok(isServerMessageType('welcome') && !isServerMessageType('hello'));
  for (const t of ['__proto__', 'constructor', 'toString', 5, null, undefined]) {
    assert.ok(!isClientMessageType(t) && !isServerMessageType(t), String(t));
  }
});

test('createErrorMessage answers a decode error with code, message and ref only', () => {
  const result = decodeClientMessage('{"type":"join","id":"r1"}');
  assert.ok(!result.ok);
  const reply = createErrorMessage(result.error);
  assert.deepEqual(reply, {
    type: 'error',
    code: 'PROTO_ERR_INVALID_MESSAGE',
    message: 'join: /room is required',
    ref: 'r1',
  });
  assert.deepEqual(decodeServerMessage(encode(reply)), { ok: true, message: reply });
  const noRef = createErrorMessage({ code: 'PROTO_ERR_NOT_JSON', message: 'm' });
  assert.deepEqual(Object.keys(noRef), ['type', 'code', 'message']);
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const DECODE_CODES = new Set<string>(DECODE_ERROR_CODES);

/** Decodes on both sides and checks the result's shape; throws if decode does. */
function decodesCleanly(frame: string | Uint8Array): void {
  for (const from of ['client', 'server'] as const) {
    const result = decode(from, frame);
    if (result.ok) {
      assert.ok(Object.hasOwn(catalogues[from], (result.message as { type: string }).type));
    } else {
      assert.ok(DECODE_CODES.has(result.error.code), result.error.code);
      if (result.error.path !== undefined) assert.match(result.error.path, /^(\/[^/]*)*$/);
    }
  }
}

test('decode never throws on arbitrary text', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.constantFrom(...'{}[]":,0e-.1 \\tnulreuafs') }),
      ),
      decodesCleanly,
    ),
    { numRuns: 2000 },
  );
});

test('decode never throws on arbitrary bytes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), decodesCleanly), { numRuns: 500 });
});

test('decode never throws on arbitrary JSON values', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 40 }), (value) => decodesCleanly(JSON.stringify(value))),
    { numRuns: 2000 },
  );
});

/** A valid message with one value replaced, one property removed or one added, somewhere. */
function mutated(message: object): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    paths.push(path);
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    }
  };
  walk(message, []);
  const anyValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme-ascii' }),
    fc.constantFrom(0, 1, -1, 1.5, '', 'offer', 'candidate', 'data', null, [], {}, 2 ** 53),
  );
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'delete', 'add'), anyValue)
    .map(([path, op, value]) => {
      const copy = structuredClone(message) as Record<string, unknown>;
      if (path.length === 0) return op === 'replace' ? value : copy;
      type Node = Record<string, unknown>;
      const parent = path.slice(0, -1).reduce((node, key) => node[key] as Node, copy);
      const key = path.at(-1)!;
      const target = parent[key];
      if (op === 'replace') parent[key] = value;
      else if (op === 'delete') delete parent[key];
      else if (typeof target === 'object' && target !== null) (target as Node).extra = value;
      return copy;
    });
}

test('decode accepts exactly what the TypeBox schema accepts (mutated valid messages)', () => {
  const cases = VALID_CASES.filter((c) => encode(c.message).length < 10_000);
  const outcomes = { accepted: 0, refused: 0 };
  fc.assert(
    fc.property(
      fc.constantFrom(...cases).chain((c) => fc.tuple(fc.constant(c), mutated(c.message))),
      ([c, value]) => {
        const type = (value as { type?: unknown } | null)?.type;
        const result = decode(c.from, JSON.stringify(value));
        // Only a string can name a message; any other value (even one whose conversion to a
        // property key throws, like { toString: null }) must be refused, not looked up.
        if (typeof type !== 'string' || !Object.hasOwn(catalogues[c.from], type)) {
          assert.equal(result.ok, false);
          return;
        }
        const schema = catalogues[c.from][type as keyof (typeof catalogues)[typeof c.from]];
        // The schema, plus the nesting limit every message is held to (the schema has none).
        const expected = Value.Check(schema, value) && findTooDeep(value) === undefined;
        outcomes[expected ? 'accepted' : 'refused']++;
        // A version other than 1 is reported as such before the schema is consulted.
        if (!result.ok && result.error.code === 'PROTO_ERR_VERSION') assert.equal(expected, false);
        else assert.equal(result.ok, expected, JSON.stringify(value));
      },
    ),
    { numRuns: 3000 },
  );
  // Both sides of the comparison are exercised, not just one.
  assert.ok(outcomes.accepted > 300 && outcomes.refused > 300, JSON.stringify(outcomes));
});
