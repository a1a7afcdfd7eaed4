/**
 * `switchboard sdp answer <offer|->`: the answer an endpoint gives to an offer, as
 * `createAnswer` from `switchboard/negotiation` writes it. The endpoint is Chromium by
 * default, or whatever an SDP it wrote reveals (`--caps <file>`, read with
 * `capabilitiesFromDescription`). The answer goes to stdout, so it pipes into
 * `sdp verify -`; `--explain` writes the section-by-section reasons to stderr.
 */
import {
  type Capabilities,
  capabilitiesFromDescription,
  chromiumCapabilities,
  createAnswer,
  explain,
  formatExplanation,
} from 'switchboard/negotiation';
import { isSdpParseError, parse, type SessionDescription, validate } from 'switchboard/sdp';
import { problemLine } from '../format.ts';
import { type CliCommand, type CliIo, EXIT, readInput } from '../io.ts';
import { parseErrorMessage } from './sdp-inspect.ts';

const NAME = 'switchboard sdp answer';

/** The `--caps` value that selects the Chromium preset. */
export const CHROMIUM_CAPS = 'chromium';

/** The capabilities `--caps` names, or the exit code after reporting why there are none. */
async function loadCapabilities(
  value: string,
  io: CliIo,
): Promise<{ ok: true; caps: Capabilities } | { ok: false; code: number }> {
  if (value === CHROMIUM_CAPS) return { ok: true, caps: chromiumCapabilities() };
  const read = await readInput(value, io);
  if (!read.ok) {
    io.err(`${NAME}: --caps ${read.reason}\n`);
    return { ok: false, code: EXIT.usage };
  }
  const { name, text } = read.input;
  let caps: Capabilities;
  try {
    caps = capabilitiesFromDescription(parse(text, { mode: 'lenient' }));
  } catch (error) {
    if (!isSdpParseError(error)) throw error;
    const where = `${name}:${error.line}:${error.column}`;
    io.err(`${NAME}: --caps ${where}: ${error.code} ${parseErrorMessage(error)}\n`);
    return { ok: false, code: EXIT.usage };
  }
  const knowsNothing =
    caps.codecs.audio.length === 0 &&
    caps.codecs.video.length === 0 &&
    caps.dataChannel === undefined;
  if (knowsNothing) {
    io.err(`${NAME}: --caps ${name}: describes no codec and no data channel\n`);
    return { ok: false, code: EXIT.usage };
  }
  return { ok: true, caps };
}

/** The offer, strictly parsed and validated as an offer; problems are reported on stderr. */
function readOffer(name: string, text: string, io: CliIo): SessionDescription | undefined {
  let offer: SessionDescription;
  try {
    offer = parse(text, { mode: 'strict' });
  } catch (error) {
    if (!isSdpParseError(error)) throw error;
    const message = parseErrorMessage(error);
    io.err(`${problemLine(name, error.line, error.column, error.code, message)}\n`);
    return undefined;
  }
  const problems = validate(offer, { type: 'offer' });
  for (const p of problems) {
    const line = p.line ?? (p.section === undefined ? 1 : offer.media[p.section]?.lines[0]?.line);
    io.err(`${problemLine(name, line ?? 1, 1, p.code, p.message)}\n`);
  }
  return problems.length === 0 ? offer : undefined;
}

/** The `sdp answer` command. */
export const sdpAnswer: CliCommand = {
  path: ['sdp', 'answer'],
  operands: '<offer|->',
  summary: 'Answer an offer as Chromium (or the endpoint of --caps) would',
  details:
    'Reads stdin for "-". The offer must parse strictly and validate as an offer, as a\n' +
    'browser requires before setRemoteDescription. Prints the answer on stdout; sections\n' +
    'that cannot be accepted are rejected with port 0 (see --explain), which is not an\n' +
    'error. --caps <file> takes the codecs, header extensions and data channel limits an\n' +
    'endpoint revealed in an SDP it wrote (best: its own offer). Exit 0 answered, 1 the\n' +
    'offer does not parse or validate, 2 bad usage or unreadable input.',
  options: {
    caps: {
      type: 'string',
      valueName: 'chromium|file',
      description: 'Local capabilities: the Chromium preset (default) or an SDP file',
    },
    'accept-simulcast': {
      type: 'boolean',
      description: 'Receive offered simulcast layers (a=rid recv, a=simulcast:recv)',
    },
    explain: {
      type: 'boolean',
      description: 'Also write why each section was accepted or rejected, on stderr',
    },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) {
      io.err(`${NAME}: expected one <offer|->, got ${positionals.length}\n`);
      return EXIT.usage;
    }
    const offerPath = positionals[0] as string;
    const capsValue = typeof values.caps === 'string' ? values.caps : CHROMIUM_CAPS;
    if (offerPath === '-' && capsValue === '-') {
      io.err(`${NAME}: only one of <offer> and --caps can be - (stdin)\n`);
      return EXIT.usage;
    }
    const caps = await loadCapabilities(capsValue, io);
    if (!caps.ok) return caps.code;
    const read = await readInput(offerPath, io);
    if (!read.ok) {
      io.err(`${NAME}: ${read.reason}\n`);
      return EXIT.usage;
    }
    const offer = readOffer(read.input.name, read.input.text, io);
    if (offer === undefined) return EXIT.problems;
    const result = createAnswer(offer, caps.caps, {
      acceptSimulcast: values['accept-simulcast'] === true,
    });
    io.out(result.sdp);
    if (values.explain === true) {
      io.err(`${formatExplanation(explain(result.offer, result.answer))}\n`);
    }
    return EXIT.ok;
  },
};
