/**
 * The generated parts of docs/protocol.md: one JSON Schema per message and shared shape,
 * and the tables of error and close codes, all rendered from the code. Each sits between
 * marker comments; everything outside the markers is prose written by hand.
 *
 * ```md
 * <!-- generated:begin schema:client/hello -->
 * ...
 * <!-- generated:end -->
 * ```
 *
 * `scripts/protocol-docs.ts` rewrites the blocks in place and src/protocol/docs.test.ts
 * fails when they are stale, so the published schemas are always the validated ones.
 */
import type { TSchema } from '@sinclair/typebox';
import { CLOSE_CODES, WIRE_ERRORS } from './codes.ts';
import {
  CLIENT_MESSAGES,
  IceServerSchema,
  LimitsSchema,
  MemberSchema,
  SERVER_MESSAGES,
  SignalPayloadSchema,
} from './messages.ts';

/** A generated block: the id in its markers and the text between them. */
export interface DocBlock {
  /** `schema:client/<type>`, `schema:server/<type>`, `schema:shape/<name>` or `table:<name>`. */
  readonly id: string;
  /** The Markdown between the markers, without the newlines that frame it. */
  readonly content: string;
}

/** The shared shapes documented on their own, by name. */
export const DOCUMENTED_SHAPES: Readonly<Record<string, TSchema>> = Object.freeze({
  SignalPayload: SignalPayloadSchema,
  Member: MemberSchema,
  IceServer: IceServerSchema,
  Limits: LimitsSchema,
});

/** Every block docs/protocol.md must hold, in the order they appear. */
export function docBlocks(): DocBlock[] {
  const schemas = (group: string, table: Readonly<Record<string, TSchema>>) =>
    Object.entries(table).map(([name, schema]) => ({
      id: `schema:${group}/${name}`,
      content: schemaBlock(schema),
    }));
  return [
    { id: 'table:wire-errors', content: codeTable('code', WIRE_ERRORS, (code) => `\`${code}\``) },
    { id: 'table:close-codes', content: codeTable('close code', CLOSE_CODES, String) },
    ...schemas('shape', DOCUMENTED_SHAPES),
    ...schemas('client', CLIENT_MESSAGES),
    ...schemas('server', SERVER_MESSAGES),
  ];
}

/** A schema as published: formatted JSON (TypeBox's symbol keys fall away) in a fold. */
export function schemaBlock(schema: TSchema): string {
  return [
    '<details><summary>JSON Schema</summary>',
    '',
    '```json',
    formatJson(schema),
    '```',
    '',
    '</details>',
  ].join('\n');
}

/** The line width of biome.json, which also formats the JSON blocks of Markdown files. */
const LINE_WIDTH = 100;

/**
 * JSON laid out as Biome (like Prettier) lays it out, so that formatting the docs leaves the
 * generated blocks alone: objects one property a line, arrays of scalars on one line when
 * that line fits in `LINE_WIDTH`, one item a line otherwise. Symbol keys fall away, as in
 * `JSON.stringify`.
 */
export function formatJson(value: unknown, indent = '', lineStart = 0, lineEnd = 0): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => typeof item !== 'object' || item === null)) {
      const flat = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      if (lineStart + flat.length + lineEnd <= LINE_WIDTH) return flat;
    }
    const items = value.map((item, i) => {
      const end = i < value.length - 1 ? 1 : 0;
      return `${inner}${formatJson(item, inner, inner.length, end)}`;
    });
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, v], i) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    const end = i < entries.length - 1 ? 1 : 0;
    return `${head}${formatJson(v, inner, head.length, end)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** A two-column Markdown table of a catalogue, columns padded like the rest of the docs. */
export function codeTable(
  heading: string,
  catalogue: Readonly<Record<string | number, string>>,
  formatKey: (key: string) => string,
): string {
  const rows = Object.entries(catalogue).map(([key, meaning]) => [formatKey(key), meaning]);
  const all = [[heading, 'meaning'], ...rows];
  const widths = [0, 1].map((column) => Math.max(3, ...all.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(all[0]!), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

const BLOCK = /<!-- generated:begin (\S+) -->\n([\s\S]*?)\n?<!-- generated:end -->/g;

/** The blocks found in a document, in order. */
export function findDocBlocks(markdown: string): DocBlock[] {
  return [...markdown.matchAll(BLOCK)].map((m) => ({ id: m[1]!, content: m[2]! }));
}

/** What `updateDocBlocks` did. */
export interface DocUpdate {
  /** The document with every known block regenerated and missing message sections added. */
  readonly text: string;
  /** Blocks whose content changed, by id. */
  readonly changed: readonly string[];
  /** Message sections that were missing and now hold a skeleton to fill in, by block id. */
  readonly added: readonly string[];
  /** Blocks the code no longer generates (left as they are, for a person to remove). */
  readonly unknown: readonly string[];
}

/**
 * Rewrites the generated blocks of `markdown` from the code. A message without a section
 * gets one after the last section of its direction (`schema:client/...`), with a to-do line
 * for the prose and no example, which the docs test then asks for.
 */
export function updateDocBlocks(markdown: string): DocUpdate {
  const expected = new Map(docBlocks().map((block) => [block.id, block.content]));
  const changed: string[] = [];
  const unknown: string[] = [];
  let text = markdown.replace(BLOCK, (whole, id: string, content: string) => {
    const fresh = expected.get(id);
    if (fresh === undefined) {
      unknown.push(id);
      return whole;
    }
    if (fresh !== content) changed.push(id);
    return marked(id, fresh);
  });
  const present = new Set(findDocBlocks(text).map((block) => block.id));
  const added: string[] = [];
  for (const [id, content] of expected) {
    if (present.has(id)) continue;
    text = insertSection(text, id, content);
    added.push(id);
  }
  return { text, changed, added, unknown };
}

function marked(id: string, content: string): string {
  return `<!-- generated:begin ${id} -->\n${content}\n<!-- generated:end -->`;
}

/** Adds a skeleton section for block `id` after the last section of its group, or at the end. */
function insertSection(markdown: string, id: string, content: string): string {
  const group = id.slice(0, id.lastIndexOf('/') + 1);
  const name = id.slice(group.length);
  const section = `### \`${name}\`\n\nTODO: what it is, who sends it and when; one example.\n\n${marked(id, content)}\n\n`;
  const last = findDocBlocks(markdown)
    .filter((block) => group !== '' && block.id.startsWith(group))
    .at(-1);
  if (last === undefined) return `${markdown.trimEnd()}\n\n${section}`;
  const begin = markdown.indexOf(`<!-- generated:begin ${last.id} -->`);
  const end = markdown.indexOf('<!-- generated:end -->', begin);
  const next = markdown.slice(end).search(/\n#{2,3} /);
  if (next === -1) return `${markdown.trimEnd()}\n\n${section}`;
  const at = end + next + 1;
  return `${markdown.slice(0, at)}${section}${markdown.slice(at)}`;
}
