/**
 * `switchboard sdp inspect <file|->`: a readable summary of one session description,
 * or its typed model as JSON. Lenient by default, so that a broken SDP can still be
 * looked at; what lenient mode accepted is listed at the end.
 */
import { isSdpParseError, parse, type SessionDescription } from 'switchboard/sdp';
import { createStyle, problemLine } from '../format.ts';
import { type CliCommand, EXIT, readInput } from '../io.ts';
import { descriptionToJson } from '../json.ts';
import { summarize } from '../sdp-summary.ts';

/** The text of an `SdpParseError` without the `line:column: ` prefix its message carries. */
export function parseErrorMessage(error: { message: string; line: number; column: number }) {
  const prefix = `${error.line}:${error.column}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The `sdp inspect` command. */
export const sdpInspect: CliCommand = {
  path: ['sdp', 'inspect'],
  operands: '<file|->',
  summary: 'Summarise an SDP: session, groups, codecs, transport and candidates per section',
  details:
    'Reads stdin for "-". Parses leniently unless --strict; warnings are listed at the end\n' +
    'as file:line:column: code message. Exits 1 when the input cannot be parsed.',
  options: {
    json: { type: 'boolean', description: 'Print the typed model as JSON' },
    strict: { type: 'boolean', description: 'Parse strictly: the first problem is an error' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) {
      io.err(`switchboard sdp inspect: expected one <file|->, got ${positionals.length}\n`);
      return EXIT.usage;
    }
    const read = await readInput(positionals[0] as string, io);
    if (!read.ok) {
      io.err(`switchboard sdp inspect: ${read.reason}\n`);
      return EXIT.usage;
    }
    const { name, text } = read.input;
    let desc: SessionDescription;
    try {
      desc = parse(text, { mode: values.strict === true ? 'strict' : 'lenient' });
    } catch (error) {
      if (!isSdpParseError(error)) throw error;
      io.out(
        `${problemLine(name, error.line, error.column, error.code, parseErrorMessage(error))}\n`,
      );
      return EXIT.problems;
    }
    if (values.json === true) {
      io.out(`${JSON.stringify(descriptionToJson(desc), null, 2)}\n`);
      return EXIT.ok;
    }
    const style = createStyle(io.color);
    const lines = summarize(desc, style);
    if (desc.warnings.length > 0) {
      lines.push('', style.bold(`warnings (${desc.warnings.length})`));
      for (const w of desc.warnings)
        lines.push(problemLine(name, w.line, w.column, w.code, w.message));
    }
    io.out(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};
