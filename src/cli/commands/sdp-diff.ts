/**
 * `switchboard sdp diff <a> <b>`: the semantic differences between two session
 * descriptions, one per line, as `diff` from `switchboard/sdp` finds them. Line order
 * within a section and line endings never count; `--ignore` leaves out whole categories,
 * such as the values that differ between two runs of the same browser.
 */
import {
  type DiffOptions,
  diff,
  isSdpParseError,
  parse,
  type SessionDescription,
} from 'switchboard/sdp';
import { table } from '../format.ts';
import { type CliCommand, type CliIo, EXIT, readInput } from '../io.ts';
import { parseErrorMessage } from './sdp-inspect.ts';

type DiffIgnore = NonNullable<DiffOptions['ignore']>[number];

/** Every `--ignore` category with what it leaves out, as help lists them. */
const IGNORE: Readonly<Record<DiffIgnore, string>> = {
  random: 'what differs run to run: ICE ufrag/pwd, fingerprints, SSRCs, msid, o= id/version',
  candidates: 'what ICE gathering changes: candidates, c=, a=rtcp, m= ports',
  origin: 'the whole o= line',
  bandwidth: 'b= lines',
  unknown: 'attributes without a known grammar, and lines kept as invalid',
};

/** The categories of a comma-separated `--ignore` value, or the first unknown one. */
function parseIgnore(
  value: string,
): { ok: true; ignore: DiffIgnore[] } | { ok: false; bad: string } {
  const ignore: DiffIgnore[] = [];
  for (const word of value.split(',')) {
    const category = word.trim();
    if (!Object.hasOwn(IGNORE, category)) return { ok: false, bad: category };
    ignore.push(category as DiffIgnore);
  }
  return { ok: true, ignore };
}

/** Reads and leniently parses one operand; on failure reports it and returns undefined. */
async function load(path: string, io: CliIo): Promise<SessionDescription | undefined> {
  const read = await readInput(path, io);
  if (!read.ok) {
    io.err(`switchboard sdp diff: ${read.reason}\n`);
    return undefined;
  }
  const { name, text } = read.input;
  try {
    return parse(text, { mode: 'lenient' });
  } catch (error) {
    if (!isSdpParseError(error)) throw error;
    const where = `${name}:${error.line}:${error.column}`;
    io.err(`switchboard sdp diff: ${where}: ${error.code} ${parseErrorMessage(error)}\n`);
    return undefined;
  }
}

/** The `sdp diff` command. */
export const sdpDiff: CliCommand = {
  path: ['sdp', 'diff'],
  operands: '<a> <b>',
  summary: 'Semantic differences between two SDPs; exit 1 when there are any',
  details:
    'Reads stdin for "-" (one of the two). Parses both leniently; sections pair by mid.\n' +
    'Prints one difference per line as path: a -> b, path: added b, or path: removed a.\n' +
    'Exit 0 no differences, 1 differences, 2 bad usage or unreadable input.\n\n' +
    `Categories for --ignore:\n${table(Object.entries(IGNORE))
      .map((l) => `  ${l}`)
      .join('\n')}`,
  options: {
    json: { type: 'boolean', description: 'Print the differences as a JSON array' },
    ignore: {
      type: 'string',
      valueName: 'random,candidates,...',
      description: 'Leave out these categories (comma-separated)',
    },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 2) {
      io.err(`switchboard sdp diff: expected <a> <b>, got ${positionals.length} operands\n`);
      return EXIT.usage;
    }
    const [pathA, pathB] = positionals as [string, string];
    if (pathA === '-' && pathB === '-') {
      io.err('switchboard sdp diff: only one of <a> <b> can be - (stdin)\n');
      return EXIT.usage;
    }
    let ignore: DiffIgnore[] = [];
    if (typeof values.ignore === 'string') {
      const parsed = parseIgnore(values.ignore);
      if (!parsed.ok) {
        const known = Object.keys(IGNORE).join(', ');
        io.err(`switchboard sdp diff: --ignore: unknown category '${parsed.bad}'; use ${known}\n`);
        return EXIT.usage;
      }
      ignore = parsed.ignore;
    }
    const a = await load(pathA, io);
    const b = await load(pathB, io);
    if (a === undefined || b === undefined) return EXIT.usage;
    const differences = diff(a, b, { ignore });
    if (values.json === true) io.out(`${JSON.stringify(differences, null, 2)}\n`);
    else if (differences.length === 0) io.out('no semantic differences\n');
    else io.out(`${differences.join('\n')}\n`);
    return differences.length === 0 ? EXIT.ok : EXIT.problems;
  },
};
