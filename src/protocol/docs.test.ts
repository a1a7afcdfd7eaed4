/**
 * docs/protocol.md is the contract other implementations follow, so it must say what the
 * code does: its JSON Schemas and code tables are exactly those generated from the code,
 * every example decodes as the message of its section, every exchange line decodes as a
 * message of its sender, and the overview lists every message.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeClientMessage, decodeServerMessage } from './codec.ts';
import { CLOSE_CODES, WIRE_ERRORS } from './codes.ts';
import { CLIENT_MESSAGES, SERVER_MESSAGES } from './messages.ts';
import { docBlocks, findDocBlocks, formatJson, updateDocBlocks } from './protocol-docs.ts';

const DOCS = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
const decoders = { client: decodeClientMessage, server: decodeServerMessage } as const;
const catalogues = { client: CLIENT_MESSAGES, server: SERVER_MESSAGES } as const;
const GENERATED = /<!-- generated:begin \S+ -->[\s\S]*?<!-- generated:end -->/g;

/** The document cut at its `##` and `###` headings: each heading with the text under it. */
function sections(markdown: string): { heading: string; body: string }[] {
  return markdown
    .split(/^(?=#{2,3} )/m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      return { heading: part.slice(0, newline), body: part.slice(newline + 1) };
    });
}

/** The ```json blocks of some Markdown, generated blocks left out. */
function examples(markdown: string): string[] {
  const prose = markdown.replace(GENERATED, '');
  return [...prose.matchAll(/^```json\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

// ---------------------------------------------------------------------------------------------
// Generated blocks
// ---------------------------------------------------------------------------------------------

const found = new Map(findDocBlocks(DOCS).map((block) => [block.id, block.content]));

for (const block of docBlocks()) {
  test(`docs/protocol.md holds the current ${block.id}`, () => {
    assert.ok(found.has(block.id), `no block ${block.id}: run scripts/protocol-docs.ts`);
    assert.equal(found.get(block.id), block.content, 'stale: run scripts/protocol-docs.ts');
  });
}

test('docs/protocol.md holds each generated block once, in order, and no other', () => {
  assert.deepEqual(
    findDocBlocks(DOCS).map((block) => block.id),
    docBlocks().map((block) => block.id),
  );
  assert.equal(updateDocBlocks(DOCS).text, DOCS);
});

// ---------------------------------------------------------------------------------------------
// Examples and exchanges
// ---------------------------------------------------------------------------------------------

const messageSections = sections(DOCS).flatMap(({ heading, body }) => {
  const id = /<!-- generated:begin schema:(client|server)\/(\S+) -->/.exec(body);
  return id === null ? [] : [{ heading, body, from: id[1] as 'client' | 'server', type: id[2]! }];
});

test('every message has a section of its own', () => {
  for (const from of ['client', 'server'] as const) {
    assert.deepEqual(
      messageSections.filter((s) => s.from === from).map((s) => s.type),
      Object.keys(catalogues[from]),
    );
  }
});

for (const section of messageSections) {
  test(`the example of ${section.from} ${section.type} decodes as \`${section.type}\``, () => {
    assert.equal(section.heading, `### \`${section.type}\``);
    const found = examples(section.body);
    assert.equal(found.length, 1, `${found.length} examples`);
    const result = decoders[section.from](found[0]!);
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.message.type, section.type);
  });
}

const exchangeLines = [...DOCS.matchAll(/^```text\n([\s\S]*?)\n```$/gm)].flatMap((block) =>
  block[1]!.split('\n').map((line) => /^(client|server): (.*)$/.exec(line)),
);

test('the exchanges hold only lines of the form `client: <frame>` and `server: <frame>`', () => {
  assert.ok(exchangeLines.length >= 10);
  assert.ok(exchangeLines.every((line) => line !== null));
});

for (const [index, line] of exchangeLines.entries()) {
  if (line === null) continue;
  const [, from, frame] = line as unknown as [string, 'client' | 'server', string];
  test(`exchange line ${index + 1} decodes as a ${from} message`, () => {
    const result = decoders[from](frame);
    assert.ok(result.ok, result.ok ? '' : `${frame}: ${result.error.message}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

test('the error code table equals WIRE_ERRORS, in order', () => {
  const rows = [...DOCS.matchAll(/^\| `((?:PROTO|SRV)_ERR_[A-Z0-9_]+)` +\| (.*?) +\|$/gm)];
  assert.deepEqual(
    rows.map((m) => [m[1], m[2]]),
    Object.entries(WIRE_ERRORS),
  );
});

test('the close code table equals CLOSE_CODES, in order', () => {
  const rows = [...DOCS.matchAll(/^\| (4\d{3}) +\| (.*?) +\|$/gm)];
  assert.deepEqual(
    rows.map((m) => [m[1], m[2]]),
    Object.entries(CLOSE_CODES),
  );
});

test('the message overview lists every message, with whether it is numbered', () => {
  const rows = [...DOCS.matchAll(/^\| `([a-z-]+)` +\| (client|server) +\| (yes|no) +\|/gm)];
  const listed = rows.map((m) => `${m[2]} ${m[1]} ${m[3]}`);
  const expected = (['client', 'server'] as const).flatMap((from) =>
    Object.entries(catalogues[from]).map(([type, schema]) => {
      // A seq of its own, that is: the seq of an ack is the one it acknowledges.
      const numbered = 'seq' in schema.properties && type !== 'ack';
      return `${from} ${type} ${numbered ? 'yes' : 'no'}`;
    }),
  );
  assert.deepEqual(listed, expected);
});

// ---------------------------------------------------------------------------------------------
// The generator itself
// ---------------------------------------------------------------------------------------------

test('updating the docs adds a skeleton section for a message that has none', () => {
  const withoutPong = DOCS.replace(/### `pong`\n[\s\S]*?<!-- generated:end -->\n\n?(?=## )/, '');
  assert.notEqual(withoutPong, DOCS);
  const update = updateDocBlocks(withoutPong);
  assert.deepEqual(update.added, ['schema:client/pong']);
  const section = sections(update.text).find((s) => s.body.includes('schema:client/pong'));
  assert.equal(section?.heading, '### `pong`');
  assert.match(section?.body.trimStart() ?? '', /^TODO/);
  // It sits after the last client message and before the server messages.
  const ids = findDocBlocks(update.text).map((block) => block.id);
  assert.equal(ids.indexOf('schema:client/pong'), ids.indexOf('schema:server/welcome') - 1);
});

test('updating the docs rewrites a stale block and reports one it does not know', () => {
  const stale = DOCS.replace(
    /(<!-- generated:begin schema:client\/ack -->\n)[\s\S]*?(<!-- generated:end -->)/,
    '$1old$2',
  ).concat('\n<!-- generated:begin schema:client/subscribe -->\nx\n<!-- generated:end -->\n');
  const update = updateDocBlocks(stale);
  assert.deepEqual(update.changed, ['schema:client/ack']);
  assert.deepEqual(update.unknown, ['schema:client/subscribe']);
  assert.deepEqual(update.added, []);
  assert.ok(update.text.startsWith(DOCS.trimEnd()));
});

test('formatJson prints the same JSON, scalar arrays on one line only while they fit', () => {
  for (const schema of [...Object.values(CLIENT_MESSAGES), ...Object.values(SERVER_MESSAGES)]) {
    assert.deepEqual(JSON.parse(formatJson(schema)), JSON.parse(JSON.stringify(schema)));
  }
  assert.equal(
    formatJson({ a: [1, 'b'], c: {}, d: [] }),
    '{\n  "a": [1, "b"],\n  "c": {},\n  "d": []\n}',
  );
  const long = ['x'.repeat(45), 'y'.repeat(45)];
  assert.equal(formatJson({ k: long }), `{\n  "k": [\n    "${long[0]}",\n    "${long[1]}"\n  ]\n}`);
  assert.ok(
    formatJson({ k: long })
      .split('\n')
      .every((line) => line.length <= 100),
  );
});
