/**
 * What a command may touch of the outside world: its output streams and its inputs.
 * Commands receive it instead of reaching for `process`, so they run the same under a
 * test harness as from the shell.
 */
import { readFile } from 'node:fs/promises';

/** The streams and input reader a command runs with. */
export interface CliIo {
  /** Writes text to standard output; the caller supplies line terminators. */
  out(text: string): void;
  /** Writes text to standard error. */
  err(text: string): void;
  /** Reads all of standard input as UTF-8. */
  readStdin(): Promise<string>;
  /** Whether output may use colour: stdout is a terminal and NO_COLOR is unset. */
  readonly color: boolean;
}

/** A command's input: its display name and its text. */
export interface CliInput {
  /** The name used in messages: the path as given, or `<stdin>` for `-`. */
  readonly name: string;
  readonly text: string;
}

/** Exit codes shared by every command. */
export const EXIT = Object.freeze({
  /** Everything checked out. */
  ok: 0,
  /** The input was read but has problems. */
  problems: 1,
  /** Bad usage or unreadable input. */
  usage: 2,
});

/** The `CliIo` of the running process. */
export function processIo(): CliIo {
  // A reader that stops early (`| head`) is not an error of ours: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  };
}

/**
 * Reads a path, or standard input for `-`. Returns a one-line reason instead of throwing
 * when the file cannot be read, so a command can go on with its other inputs.
 */
export async function readInput(
  path: string,
  io: CliIo,
): Promise<{ ok: true; input: CliInput } | { ok: false; reason: string }> {
  if (path === '-') return { ok: true, input: { name: '<stdin>', text: await io.readStdin() } };
  try {
    return { ok: true, input: { name: path, text: await readFile(path, 'utf8') } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String((error as Error).message);
    return { ok: false, reason: `${path}: cannot read: ${why}` };
  }
}

/** Parsed command-line values, as `node:util` `parseArgs` returns them. */
export interface CliArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** One option of a command, in the shape `node:util` `parseArgs` takes, plus its help. */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** May be given more than once; the value is then an array of every occurrence. */
  readonly multiple?: boolean;
  /** Placeholder shown in help for a string option, e.g. `offer|answer`. */
  readonly valueName?: string;
  readonly description: string;
}

/** A command: its name as typed, its options and help, and what it does. */
export interface CliCommand {
  /** The words that select it, e.g. `['sdp', 'inspect']`. */
  readonly path: readonly string[];
  /** The positional part of the synopsis, e.g. `<file|->`. */
  readonly operands: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Further help paragraphs shown by `<command> --help`. */
  readonly details?: string;
  readonly options: Readonly<Record<string, CliOption>>;
  /** Runs the command and resolves to its exit code. */
  run(args: CliArgs, io: CliIo): Promise<number>;
}
