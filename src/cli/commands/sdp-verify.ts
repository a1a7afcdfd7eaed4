/**
 * `switchboard sdp verify <file|->...`: the checks a remote description must pass before
 * it is applied. Each input is parsed strictly, validated as an offer or answer, and
 * serialized back to compare byte for byte with the input.
 */
import {
  isSdpParseError,
  parse,
  type SdpProblem,
  type SessionDescription,
  serialize,
  type ValidateOptions,
  validate,
} from 'switchboard/sdp';
import { plural, problemLine } from '../format.ts';
import { type CliCommand, type CliIo, EXIT, readInput } from '../io.ts';
import { parseErrorMessage } from './sdp-inspect.ts';

/** The code reported when `serialize(parse(text))` is not `text`. */
export const ROUND_TRIP_CODE = 'CLI_ERR_ROUND_TRIP';

type DescriptionType = ValidateOptions['type'];
const TYPES: readonly string[] = ['offer', 'answer', 'pranswer'] satisfies DescriptionType[];

/**
 * The type an unlabelled description most likely has: an offerer must say
 * `a=setup:actpass` (RFC 8842 5.2), an answerer must pick a role.
 */
export function detectType(desc: SessionDescription): { type: DescriptionType; reason: string } {
  for (const section of desc.sections()) {
    const role = section.attribute('setup')?.role;
    if (role === undefined) continue;
    return role === 'actpass'
      ? { type: 'offer', reason: 'a=setup:actpass' }
      : { type: 'answer', reason: `a=setup:${role}` };
  }
  return { type: 'answer', reason: 'no a=setup' };
}

/** Where a validation problem points: its line, else its section's m= line, else line 1. */
function problemPosition(p: SdpProblem, desc: SessionDescription): [line: number, column: number] {
  if (p.line !== undefined && p.line > 0) return [p.line, 1];
  const section =
    (p.section === undefined ? undefined : desc.media[p.section]) ??
    (p.mid === undefined ? undefined : desc.mediaByMid(p.mid));
  return [section?.lines[0]?.line ?? 1, 1];
}

/** The 1-based line and column of the first difference between two texts. */
function firstDifference(a: string, b: string): [line: number, column: number] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const before = a.slice(0, i);
  const line = before.split('\n').length;
  return [line, i - (before.lastIndexOf('\n') + 1) + 1];
}

async function verifyOne(path: string, type: DescriptionType | undefined, io: CliIo) {
  const read = await readInput(path, io);
  if (!read.ok) {
    io.err(`switchboard sdp verify: ${read.reason}\n`);
    return EXIT.usage;
  }
  const { name, text } = read.input;
  let desc: SessionDescription;
  try {
    desc = parse(text, { mode: 'strict' });
  } catch (error) {
    if (!isSdpParseError(error)) throw error;
    io.out(
      `${problemLine(name, error.line, error.column, error.code, parseErrorMessage(error))}\n`,
    );
    return EXIT.problems;
  }
  let as = type;
  if (as === undefined) {
    const detected = detectType(desc);
    as = detected.type;
    io.out(`${name}: checking as ${as} (${detected.reason})\n`);
  }
  const lines = validate(desc, { type: as }).map((p) => {
    const [line, column] = problemPosition(p, desc);
    return problemLine(name, line, column, p.code, p.message);
  });
  if (serialize(desc) !== text) {
    const [line, column] = firstDifference(serialize(desc), text);
    lines.push(problemLine(name, line, column, ROUND_TRIP_CODE, 'serialize(parse(x)) differs'));
  }
  if (lines.length > 0) {
    io.out(`${lines.join('\n')}\n`);
    return EXIT.problems;
  }
  io.out(`${name}: ok (${plural(desc.media.length, 'section')})\n`);
  return EXIT.ok;
}

/** The `sdp verify` command. */
export const sdpVerify: CliCommand = {
  path: ['sdp', 'verify'],
  operands: '<file|->...',
  summary: 'Strictly parse, validate and round-trip SDPs; exit 1 on any problem',
  details:
    'Reads stdin for "-". Without --type, a=setup:actpass means offer, anything else answer.\n' +
    'Problems print as file:line:column: code message. Exit 0 clean, 1 problems,\n' +
    '2 bad usage or unreadable file.',
  options: {
    type: {
      type: 'string',
      valueName: 'offer|answer|pranswer',
      description: 'Validate as this type',
    },
  },
  async run({ values, positionals }, io) {
    const type = values.type;
    if (type !== undefined && (typeof type !== 'string' || !TYPES.includes(type))) {
      io.err(`switchboard sdp verify: --type must be ${TYPES.join(', ')}; got ${String(type)}\n`);
      return EXIT.usage;
    }
    if (positionals.length === 0) {
      io.err('switchboard sdp verify: expected at least one <file|->\n');
      return EXIT.usage;
    }
    let worst: number = EXIT.ok;
    const as = type as DescriptionType | undefined;
    for (const path of positionals) worst = Math.max(worst, await verifyOne(path, as, io));
    return worst;
  },
};
