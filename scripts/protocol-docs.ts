// Regenerates the generated blocks of docs/protocol.md (message JSON Schemas, code tables)
// from src/protocol, leaving the hand-written prose between them alone:
//
//   node --import tsx scripts/protocol-docs.ts           rewrite the file
//   node --import tsx scripts/protocol-docs.ts --check   exit 1 if it is not up to date
//
// A message without a section gets a skeleton section to fill in (prose and one example).

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { updateDocBlocks } from '../src/protocol/protocol-docs.ts';

const DOCS = fileURLToPath(new URL('../docs/protocol.md', import.meta.url));
const check = process.argv.includes('--check');

const before = readFileSync(DOCS, 'utf8');
const { text, changed, added, unknown } = updateDocBlocks(before);

for (const id of changed) console.log(`${check ? 'stale' : 'updated'}: ${id}`);
for (const id of added) console.log(`${check ? 'missing' : 'added section'}: ${id}`);
for (const id of unknown) console.error(`unknown block (remove it by hand): ${id}`);
if (added.length > 0 && !check) {
  console.log('Write the prose and one example of each added section (marked TODO).');
}

if (check) {
  if (text !== before) console.error('docs/protocol.md is stale: run scripts/protocol-docs.ts');
  process.exit(text !== before || unknown.length > 0 ? 1 : 0);
}
if (text !== before) writeFileSync(DOCS, text);
console.log(text === before ? 'docs/protocol.md is up to date' : 'docs/protocol.md rewritten');
process.exit(unknown.length > 0 ? 1 : 0);
