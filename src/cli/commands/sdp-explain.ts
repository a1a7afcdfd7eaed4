/**
 * `switchboard sdp explain <offer> <answer>`: what an offer/answer exchange negotiated,
 * section by section, and why each section was accepted or rejected, as `explain` from
 * `switchboard/negotiation` reads it from the two descriptions. Works on answers from
 * browsers as well as on `sdp answer` output.
 */
import { explain, formatExplanation } from 'switchboard/negotiation';
import { isSdpParseError, parse, type SessionDescription } from 'switchboard/sdp';
import { problemLine } from '../format.ts';
import { type CliCommand, type CliIo, EXIT, readInput } from '../io.ts';
import { parseErrorMessage } from './sdp-inspect.ts';

const NAME = 'switchboard sdp explain';

/** The code reported when the answer's m-line count is not the offer's (RFC 3264 6). */
export const MLINE_COUNT_CODE = 'CLI_ERR_MLINE_COUNT';

type Loaded = { ok: true; desc: SessionDescription } | { ok: false; code: number };

/** Reads and leniently parses one operand; reports why not and gives the exit code. */
async function load(path: string, io: CliIo): Promise<Loaded> {
  const read = await readInput(path, io);
  if (!read.ok) {
    io.err(`${NAME}: ${read.reason}\n`);
    return { ok: false, code: EXIT.usage };
  }
  const { name, text } = read.input;
  try {
    return { ok: true, desc: parse(text, { mode: 'lenient' }) };
  } catch (error) {
    if (!isSdpParseError(error)) throw error;
    const message = parseErrorMessage(error);
    io.err(`${problemLine(name, error.line, error.column, error.code, message)}\n`);
    return { ok: false, code: EXIT.problems };
  }
}

/** The `sdp explain` command. */
export const sdpExplain: CliCommand = {
  path: ['sdp', 'explain'],
  operands: '<offer> <answer>',
  summary: 'Explain an offer/answer exchange: per section, what was negotiated and why',
  details:
    'Reads stdin for "-" (one of the two). Parses both leniently, so browser answers with\n' +
    'oddities still explain. Sections pair by position, as offer and answer m-lines do.\n' +
    'Exit 0 explained; 1 an operand does not parse, the offer has no m= section, or the\n' +
    `answer has another number of m-lines (${MLINE_COUNT_CODE}, after the explanation);\n` +
    '2 bad usage or unreadable input.',
  options: {
    json: { type: 'boolean', description: 'Print the explanation as JSON' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 2) {
      io.err(`${NAME}: expected <offer> <answer>, got ${positionals.length} operands\n`);
      return EXIT.usage;
    }
    const [offerPath, answerPath] = positionals as [string, string];
    if (offerPath === '-' && answerPath === '-') {
      io.err(`${NAME}: only one of <offer> <answer> can be - (stdin)\n`);
      return EXIT.usage;
    }
    const offer = await load(offerPath, io);
    if (!offer.ok) return offer.code;
    const answer = await load(answerPath, io);
    if (!answer.ok) return answer.code;
    const offered = offer.desc.media.length;
    if (offered === 0) {
      io.err(`${NAME}: ${offerPath}: no m= sections to explain\n`);
      return EXIT.problems;
    }
    const explanation = explain(offer.desc, answer.desc);
    if (values.json === true) io.out(`${JSON.stringify(explanation, null, 2)}\n`);
    else io.out(`${formatExplanation(explanation)}\n`);
    // RFC 3264 6: the answer has exactly the offer's m-lines; explain pairs what there is.
    const answered = answer.desc.media.length;
    if (answered !== offered) {
      const code = MLINE_COUNT_CODE;
      io.err(`${NAME}: ${code} the answer has ${answered} m-lines, the offer ${offered}\n`);
      return EXIT.problems;
    }
    return EXIT.ok;
  },
};
