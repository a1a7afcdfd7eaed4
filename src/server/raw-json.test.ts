import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { soleMember } from './raw-json.ts';

/** What `soleMember` must answer for `text`, from JSON.parse and a count of the keys. */
function expected(text: string, key: string): unknown {
  const value = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (!(key in value)) return undefined;
  return value[key];
}

test('finds a member whatever comes before and after it', () => {
  const cases: [string, string, string | undefined][] = [
    ['{"a":1,"payload":{"x":[1,2,{"y":"}"}]},"b":"q"}', 'payload', '{"x":[1,2,{"y":"}"}]}'],
    ['{"payload":"a\\"b\\\\","c":null}', 'payload', '"a\\"b\\\\"'],
    ['  { "a" : [ ] , "payload" :  -1.5e+3 , "z" : true }  ', 'payload', '-1.5e+3'],
    ['{"a":{"payload":1},"b":2}', 'payload', undefined],
    ['{"payload":1,"payload":2}', 'payload', undefined],
    ['{"p\\u0061yload":1,"payload":2}', 'payload', undefined],
    ['{"p\\u0061yload":[true]}', 'payload', '[true]'],
    ['{"payloads":1,"xpayload":2}', 'payload', undefined],
    ['{}', 'payload', undefined],
    ['[{"payload":1}]', 'payload', undefined],
    ['"payload"', 'payload', undefined],
    ['{"a":"\\\\","payload":false}', 'payload', 'false'],
    [`{"a":"${'x'.repeat(100)}\\"${'y'.repeat(100)}","payload":{}}`, 'payload', '{}'],
  ];
  for (const [text, key, slice] of cases) {
    assert.equal(soleMember(text, key), slice, text);
    if (slice !== undefined) assert.deepEqual(JSON.parse(slice), expected(text, key), text);
  }
});

test('with an inner key: only an object holding it exactly once', () => {
  const cases: [string, string | undefined][] = [
    ['{"payload":{"kind":"data","data":{"kind":1}}}', '{"kind":"data","data":{"kind":1}}'],
    ['{"payload":{"kind":"description","kind":"data","data":1}}', undefined],
    ['{"payload":{"kin\\u0064":"description","kind":"data"}}', undefined],
    ['{"payload":{"data":1}}', undefined],
    ['{"payload":["kind"]}', undefined],
    ['{"payload":"kind"}', undefined],
    ['{"payload":{"kind":1},"payload":{"kind":2}}', undefined],
  ];
  for (const [text, slice] of cases) assert.equal(soleMember(text, 'payload', 'kind'), slice, text);
});

test('agrees with JSON.parse on any object, however it is written', () => {
  const key = fc.constantFrom('payload', 'kind', 'a', 'pay', '');
  const object = fc.dictionary(key, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 });
  fc.assert(
    fc.property(object, fc.constantFrom(0, 2), (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      const slice = soleMember(text, 'payload');
      if (!('payload' in value)) assert.equal(slice, undefined);
      else assert.deepEqual(JSON.parse(slice as string), JSON.parse(text).payload);
    }),
    { numRuns: 500 },
  );
});

test('duplicate and escaped keys: the member is given only when there is one', () => {
  // Objects written by hand: keys repeated, some spelled with \u escapes, strings with quotes.
  const spelled = fc.constantFrom('"payload"', '"p\\u0061yload"', '"kind"', '"\\u006bind"', '"x"');
  const value = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
  const member = fc.tuple(spelled, value).map(([k, v]) => `${k}:${v}`);
  fc.assert(
    fc.property(fc.array(member, { maxLength: 6 }), (members) => {
      const text = `{${members.join(',')}}`;
      const count = members.filter((m) => /^"p(?:a|\\u0061)yload":/.test(m)).length;
      const slice = soleMember(text, 'payload');
      if (count !== 1) assert.equal(slice, undefined, text);
      else assert.deepEqual(JSON.parse(slice as string), JSON.parse(text).payload, text);
    }),
    { numRuns: 500 },
  );
});
