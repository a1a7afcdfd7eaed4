import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type TSchema, Type } from '@sinclair/typebox';
import { CLIENT_MESSAGES, SERVER_MESSAGES } from './messages.ts';
import {
  discriminatorTags,
  type Json,
  type JsonObject,
  rewrite,
  validationSchemas,
} from './validation-schemas.ts';

const Branch = (kind: string, extra = {}) => Type.Object({ kind: Type.Literal(kind), ...extra });

const REWRITES: { name: string; schema: TSchema; expected: Json }[] = [
  {
    name: "'offer' | 'answer': an enum",
    schema: Type.Union([Type.Literal('offer'), Type.Literal('answer')]),
    expected: { type: 'string', enum: ['offer', 'answer'] },
  },
  {
    name: 'string | null: an anyOf, kept',
    schema: Type.Union([Type.String(), Type.Null()]),
    expected: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
  {
    name: "{kind: 'a'} | {kind: 'b', n}: a discriminator",
    schema: Type.Union([Branch('a'), Branch('b', { n: Type.Integer() })]),
    expected: {
      type: 'object',
      discriminator: { propertyName: 'kind' },
      oneOf: [rewrite(Branch('a')), rewrite(Branch('b', { n: Type.Integer() }))],
    },
  },
  {
    name: "{kind: 'a'} | {kind: 'a', n}: no discriminator (the tag tells nothing apart)",
    schema: Type.Union([Branch('a'), Branch('a', { n: Type.Integer() })]),
    expected: {
      anyOf: [rewrite(Branch('a')), rewrite(Branch('a', { n: Type.Integer() }))],
    },
  },
];

for (const { name, schema, expected } of REWRITES) {
  test(`rewrites ${name}`, () => {
    assert.deepEqual(rewrite(schema), expected);
  });
}

test('drops the symbol keys of TypeBox schemas', () => {
  const plain = rewrite(Type.Optional(Type.String()));
  assert.deepEqual(Object.getOwnPropertySymbols(plain), []);
  assert.deepEqual(plain, { type: 'string' });
});

// ---------------------------------------------------------------------------------------------
// Sharing
// ---------------------------------------------------------------------------------------------

const { shared, messages, tags } = validationSchemas({
  client: CLIENT_MESSAGES,
  server: SERVER_MESSAGES,
});

/** Every `$ref` in `node`. */
function refsIn(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' ? [value as string] : refsIn(value),
  );
}

test('lists every message of both catalogues, in catalogue order', () => {
  assert.deepEqual(
    messages.map((m) => `${m.from}/${m.type}`),
    [
      ...Object.keys(CLIENT_MESSAGES).map((type) => `client/${type}`),
      ...Object.keys(SERVER_MESSAGES).map((type) => `server/${type}`),
    ],
  );
});

test('shares each object schema met more than once in a catalogue, and nothing met once', () => {
  for (const from of ['client', 'server']) {
    const own = (id: Json | undefined) => String(id).startsWith(`${from}-`);
    const refs = [
      ...messages.filter((m) => m.from === from).map((m) => m.schema),
      ...shared.filter((schema) => own(schema.$id)),
    ].flatMap(refsIn);
    const ids = shared.filter((schema) => own(schema.$id)).map((schema) => schema.$id);
    assert.ok(ids.length > 0, `${from}: nothing shared`);
    for (const id of ids) {
      assert.ok(refs.filter((ref) => ref === id).length > 1, `${id} is referenced once or less`);
    }
    assert.deepEqual([...new Set(refs)].sort(), [...ids].sort(), `${from} refers to its own only`);
  }
  for (const schema of shared) assert.equal(schema.type, 'object');
});

test('the signal payload, on the relay path, is checked in place, not by a call', () => {
  for (const from of ['client', 'server']) {
    const signal = messages.find((m) => m.from === from && m.type === 'signal');
    assert.deepEqual(refsIn(signal?.schema ?? {}), [], from);
  }
});

// ---------------------------------------------------------------------------------------------
// Discriminator tags
// ---------------------------------------------------------------------------------------------

test('lists the tags of the signal payload by the schema path of its errors', () => {
  assert.deepEqual(tags, {
    '#/properties/payload/discriminator': ['description', 'candidate', 'end-of-candidates', 'data'],
  });
});

test('refuses two discriminators at one path that accept different tags', () => {
  const union = (...kinds: string[]) =>
    ({ properties: { payload: rewrite(Type.Union(kinds.map((k) => Branch(k)))) } }) as JsonObject;
  assert.deepEqual(discriminatorTags([union('a', 'b'), union('a', 'b')]), {
    '#/properties/payload/discriminator': ['a', 'b'],
  });
  assert.throws(() => discriminatorTags([union('a', 'b'), union('a', 'c')]), /different tags/);
});
