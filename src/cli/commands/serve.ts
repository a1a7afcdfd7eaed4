/**
 * `switchboard serve`: runs a signaling server, and the web app beside it, from flags and
 * environment variables (`serve-config.ts`) until SIGTERM or SIGINT; then it stops
 * accepting, sends goaway, drains and exits 0. A second signal while draining exits 1 at once.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULTS, type SignalingServerOptions } from 'switchboard/server';
import { startAppServer } from '../app-server.ts';
import { type CliArgs, type CliCommand, type CliIo, EXIT } from '../io.ts';
import { resolveServeConfig, SERVE_OPTIONS, type ServeEnv, serveOptions } from './serve-config.ts';

export {
  DEFAULT_WEB_ROOT,
  type LogLevel,
  parseServeArgs,
  resolveServeConfig,
  SERVE_DEFAULTS,
  SERVE_OPTIONS,
  type ServeArgsResult,
  type ServeConfig,
  type ServeEnv,
  serveOptions,
} from './serve-config.ts';

const NAME = 'switchboard serve';

/** What `serve` needs from the process; tests substitute their own. */
export interface ServeDeps {
  env: ServeEnv;
  /** Where SIGTERM and SIGINT arrive. */
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  /**
   * Starts a server, with the web app built into `webRoot` unless it is undefined, and
   * resolves once it listens.
   */
  start(
    options: SignalingServerOptions,
    webRoot: string | undefined,
  ): Promise<{ url: string; close(): Promise<void> }>;
  /** Ends the process at once: a second signal while draining. */
  exit(code: number): void;
  /** Reads the public key file. */
  readFile(path: string): Promise<string>;
}

/** Starts the real server and waits until it listens. */
async function startServer(options: SignalingServerOptions, webRoot: string | undefined) {
  const server = await startAppServer(options, webRoot);
  return { url: server.url, close: () => server.close() };
}

/** The URL to open in a browser: a wildcard address becomes `localhost`. */
export function browserUrl(url: string): string {
  return `${url.replace(/^(https?:\/\/)(0\.0\.0\.0|\[::\])(?=:)/, '$1localhost')}/`;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Listens for SIGTERM/SIGINT: the promise resolves with the first; a second calls `onAgain`.
 * The function stops listening.
 */
function listenForSignals(
  deps: ServeDeps,
  onAgain: (signal: string) => void,
): [Promise<string>, () => void] {
  let received: string | undefined;
  let resolveFirst: (signal: string) => void = () => {};
  const first = new Promise<string>((resolve) => {
    resolveFirst = resolve;
  });
  const handler = (signal: string) => {
    if (received === undefined) {
      received = signal;
      resolveFirst(signal);
    } else {
      onAgain(signal);
    }
  };
  for (const s of SIGNALS) deps.signals.on(s, handler);
  const stop = () => {
    for (const s of SIGNALS) deps.signals.off(s, handler);
  };
  return [first, stop];
}

/** Runs `serve` with resolved flag values until a signal ends it; resolves to the exit code. */
export async function runServe(
  values: CliArgs['values'],
  positionals: readonly string[],
  io: CliIo,
  deps: ServeDeps,
): Promise<number> {
  if (positionals.length > 0) {
    io.err(`${NAME}: unexpected operand ${positionals[0]}\n`);
    return EXIT.usage;
  }
  const parsed = resolveServeConfig(values, deps.env);
  if (!parsed.ok) {
    io.err(`${NAME}: ${parsed.message}\n`);
    return EXIT.usage;
  }
  const { config } = parsed;
  let options: SignalingServerOptions;
  try {
    options = await serveOptions(config, deps.readFile);
  } catch (error) {
    io.err(`${NAME}: cannot read ${config.auth?.publicKeyFile}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  let server: Awaited<ReturnType<ServeDeps['start']>>;
  try {
    server = await deps.start(options, config.webRoot);
  } catch (error) {
    // A bad option (a short secret, a broken key) is a usage error; EADDRINUSE and the like are not.
    const usage = error instanceof TypeError || error instanceof RangeError;
    io.err(`${NAME}: ${(error as Error).message}\n`);
    return usage ? EXIT.usage : EXIT.problems;
  }
  // Until a signal arrives, one must be listened for; register before announcing the URL.
  const [stopped, stopListening] = listenForSignals(deps, (signal) => {
    io.err(`${NAME}: ${signal} again, exiting without draining\n`);
    deps.exit(EXIT.problems);
  });
  io.err(
    `${NAME}: listening on ${server.url} (WebSocket ${server.url.replace(/^http/, 'ws')}${DEFAULTS.path})\n`,
  );
  if (config.webRoot !== undefined) {
    io.err(
      existsSync(join(config.webRoot, 'index.html'))
        ? `${NAME}: open ${browserUrl(server.url)} in a browser to start a call\n`
        : `${NAME}: no web app in ${config.webRoot}: run \`npm run build\` to build it (signaling works without)\n`,
    );
  }
  if (config.auth === undefined && !LOOPBACK.test(config.host)) {
    io.err(`${NAME}: warning: auth is off and ${config.host} is reachable from other hosts\n`);
  }
  const signal = await stopped;
  io.err(`${NAME}: ${signal}: draining (send it again to exit now)\n`);
  try {
    await server.close();
  } finally {
    stopListening();
  }
  io.err(`${NAME}: stopped\n`);
  return EXIT.ok;
}

/** Creates the `serve` command; `deps` replaces parts of the process for tests. */
export function createServeCommand(deps: Partial<ServeDeps> = {}): CliCommand {
  const resolved: ServeDeps = {
    env: process.env,
    signals: process,
    start: startServer,
    exit: (code) => process.exit(code),
    readFile: (path) => readFile(path, 'utf8'),
    ...deps,
  };
  return {
    path: ['serve'],
    operands: '',
    summary: 'Run a signaling server until SIGTERM or SIGINT',
    details:
      'Every flag has an environment variable (in parentheses); the flag wins. Pass secrets\n' +
      'through the environment: command lines are visible to other local users. Auth is off\n' +
      'unless --auth-secret or --auth-public-key-file is given, so the default host is\n' +
      '127.0.0.1; use --host 0.0.0.0 to accept other hosts. JSON logs go to stdout; the\n' +
      'listening URL and shutdown progress to stderr. The web app built into dist/web (call\n' +
      'page, tutorial, SDP inspector) is served at / unless --no-web. On SIGTERM/SIGINT the\n' +
      'server stops accepting, sends goaway, drains and exits 0. Exit 2 on bad usage, 1 when\n' +
      'it cannot listen.',
    options: SERVE_OPTIONS,
    run: ({ values, positionals }, io) => runServe(values, positionals, io, resolved),
  };
}

/** The `serve` command of the process. */
export const serve: CliCommand = createServeCommand();
