/** The original material in ../shared/seeds, read as test data. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

/**
 * The real libwebrtc answer of the WebSocket offer/answer/candidate seed, as the wire
 * carries it: the fenced block with its outline indentation removed, lines joined by CRLF.
 */
export function seedAnswer(): string {
  const doc = readFileSync(`${SEEDS_DIR}000_e13b7cf770976c93.txt`, 'utf8');
  const block = doc.split('```')[1] ?? '';
  const lines = block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return `${lines.join('\r\n')}\r\n`;
}
