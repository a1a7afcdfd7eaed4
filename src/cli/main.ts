/**
 * The `switchboard` command line: finds the command named by the leading words of
 * `argv`, parses its options with `node:util` `parseArgs`, and runs it.
 *
 * Exit codes: 0 success, 1 the input has problems, 2 bad usage or unreadable input.
 */
import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { sdpAnswer } from './commands/sdp-answer.ts';
import { sdpDiff } from './commands/sdp-diff.ts';
import { sdpExplain } from './commands/sdp-explain.ts';
import { sdpInspect } from './commands/sdp-inspect.ts';
import { sdpVerify } from './commands/sdp-verify.ts';
import { serve } from './commands/serve.ts';
import { table } from './format.ts';
import { type CliArgs, type CliCommand, type CliIo, EXIT, processIo } from './io.ts';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CliCommand[] = [
  sdpInspect,
  sdpVerify,
  sdpDiff,
  sdpAnswer,
  sdpExplain,
  serve,
];

const HELP_OPTION = { type: 'boolean', short: 'h' } as const;

function synopsis(c: CliCommand): string {
  const options = Object.entries(c.options).map(([name, o]) =>
    o.type === 'string' ? `[--${name} <${o.valueName ?? 'value'}>]` : `[--${name}]`,
  );
  return ['switchboard', ...c.path, c.operands, ...options].filter((w) => w !== '').join(' ');
}

/** The top-level help; `prefix` narrows it to the commands under e.g. `sdp`. */
export function usage(prefix: readonly string[] = []): string {
  const listed = COMMANDS.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const rows = listed.map((c) => [`${[...c.path, c.operands].join(' ')}`, c.summary]);
  return [
    `Usage: switchboard ${prefix.length > 0 ? `${prefix.join(' ')} ` : ''}<command> [options]`,
    '',
    'Commands:',
    ...table(rows).map((l) => `  ${l}`),
    '',
    'Options:',
    '  -h, --help     Show help (also after a command)',
    '  -v, --version  Print the version',
    '',
    'Exit codes: 0 success, 1 problems found, 2 bad usage or unreadable input.',
    '',
  ].join('\n');
}

function commandHelp(c: CliCommand): string {
  const rows = Object.entries(c.options).map(([name, o]) => [
    `--${name}${o.type === 'string' ? ` <${o.valueName ?? 'value'}>` : ''}`,
    o.description,
  ]);
  rows.push(['-h, --help', 'Show this help']);
  return [
    `Usage: ${synopsis(c)}`,
    '',
    c.summary,
    ...(c.details === undefined ? [] : ['', c.details]),
    '',
    'Options:',
    ...table(rows).map((l) => `  ${l}`),
    '',
  ].join('\n');
}

async function version(): Promise<string> {
  const url = new URL(import.meta.resolve('switchboard/package.json'));
  const pkg = JSON.parse(await readFile(url, 'utf8')) as { version?: unknown };
  return String(pkg.version);
}

/** The command whose path `argv` starts with, and the arguments after it. */
function findCommand(argv: readonly string[]): [CliCommand, string[]] | undefined {
  for (const c of COMMANDS) {
    if (c.path.every((word, i) => argv[i] === word)) return [c, argv.slice(c.path.length)];
  }
  return undefined;
}

async function runCommand(c: CliCommand, rest: string[], io: CliIo): Promise<number> {
  const options: NonNullable<ParseArgsConfig['options']> = { help: HELP_OPTION };
  for (const [name, o] of Object.entries(c.options)) {
    options[name] = {
      type: o.type,
      ...(o.short === undefined ? {} : { short: o.short }),
      ...(o.multiple === true ? { multiple: true } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`switchboard ${c.path.join(' ')}: ${(error as Error).message}\n\n${commandHelp(c)}`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.out(commandHelp(c));
    return EXIT.ok;
  }
  const values = parsed.values as CliArgs['values'];
  return c.run({ values, positionals: parsed.positionals }, io);
}

/**
 * Runs the CLI with `argv` (without the node and script paths) and resolves to the
 * exit code. Writes through `io`, which defaults to the process's streams.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(usage());
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${await version()}\n`);
    return EXIT.ok;
  }
  const found = findCommand(argv);
  if (found) return runCommand(found[0], found[1], io);

  // A group word alone (`switchboard sdp`, `switchboard sdp --help`) lists its commands.
  const group = COMMANDS.some((c) => c.path[0] === first) ? [first] : [];
  const next = argv[group.length];
  if (group.length > 0 && (next === undefined || next === '--help' || next === '-h')) {
    io.out(usage(group));
    return EXIT.ok;
  }
  const unknown = argv.slice(0, group.length + 1).join(' ');
  io.err(`switchboard: unknown command '${unknown}'\n\n${usage(group)}`);
  return EXIT.usage;
}
