/**
 * The configuration of `switchboard serve`: its flags, the environment variable behind each
 * (the flag wins), their defaults and checks, and the server options they make.
 *
 * Secrets are better passed through the environment, since other local users can read
 * command lines (`ps`). The host defaults to 127.0.0.1: auth is off unless configured, so
 * exposing the server is an explicit choice (`--host 0.0.0.0`, in a container for instance).
 * Beside signaling it serves the web app built into `dist/web/` (`npm run build`) unless
 * told `--no-web`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SignalingServerOptions } from 'switchboard/server';
import type { CliArgs, CliOption } from '../io.ts';

/** The environment variables `serve` reads. */
export type ServeEnv = Readonly<Record<string, string | undefined>>;

/** What `serve` runs with, from flags over environment over defaults. */
export interface ServeConfig {
  port: number;
  host: string;
  auth?: {
    secret?: string;
    /** Read at start-up; PEM SPKI or JWK JSON. */
    publicKeyFile?: string;
    issuer?: string;
    audience?: string;
  };
  turn?: { secret: string; uris: string[]; ttlSeconds?: number };
  allowedOrigins?: string[];
  logLevel: LogLevel;
  trustProxy: boolean;
  /** The built web app to serve beside signaling; undefined with `--no-web`. */
  webRoot: string | undefined;
  /** Serve the HTTP fallback (SSE + POST) beside the WebSocket; false with `--no-http-fallback`. */
  httpFallback: boolean;
}

/** The pino levels `--log-level` accepts. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** A pino log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The web app of this package, as `npm run build` writes it. This module is three levels
 * below the package root both as source (src/cli/commands) and built (dist/cli/commands).
 */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** Defaults of `serve`. */
export const SERVE_DEFAULTS = Object.freeze({
  port: 8080,
  host: '127.0.0.1',
  logLevel: 'info' as LogLevel,
});

type Option = CliOption & { env?: string };

/** The flags of `serve`, each with the environment variable that stands in for it. */
export const SERVE_OPTIONS: Readonly<Record<string, Option>> = {
  port: {
    type: 'string',
    short: 'p',
    valueName: 'n',
    env: 'PORT',
    description: `Port to listen on, 0 for any free one (PORT; default ${SERVE_DEFAULTS.port})`,
  },
  host: {
    type: 'string',
    valueName: 'addr',
    env: 'HOST',
    description: `Address to listen on; 0.0.0.0 for all (HOST; default ${SERVE_DEFAULTS.host})`,
  },
  'auth-secret': {
    type: 'string',
    valueName: 'secret',
    env: 'SWITCHBOARD_AUTH_SECRET',
    description: 'Require HS256 JWTs signed with this secret (SWITCHBOARD_AUTH_SECRET)',
  },
  'auth-public-key-file': {
    type: 'string',
    valueName: 'path',
    env: 'SWITCHBOARD_AUTH_PUBLIC_KEY_FILE',
    description:
      'Require RS256/ES256/EdDSA JWTs verified with this PEM or JWK file (SWITCHBOARD_AUTH_PUBLIC_KEY_FILE)',
  },
  'auth-issuer': {
    type: 'string',
    valueName: 'iss',
    env: 'SWITCHBOARD_AUTH_ISSUER',
    description: 'Require this "iss" claim (SWITCHBOARD_AUTH_ISSUER)',
  },
  'auth-audience': {
    type: 'string',
    valueName: 'aud',
    env: 'SWITCHBOARD_AUTH_AUDIENCE',
    description: 'Require this "aud" claim (SWITCHBOARD_AUTH_AUDIENCE)',
  },
  'turn-secret': {
    type: 'string',
    valueName: 'secret',
    env: 'SWITCHBOARD_TURN_SECRET',
    description:
      "Hand out TURN REST credentials (coturn's static-auth-secret) (SWITCHBOARD_TURN_SECRET)",
  },
  'turn-uri': {
    type: 'string',
    multiple: true,
    valueName: 'uri',
    env: 'SWITCHBOARD_TURN_URIS',
    description: 'TURN URI, repeatable (SWITCHBOARD_TURN_URIS, comma-separated)',
  },
  'turn-ttl': {
    type: 'string',
    valueName: 'seconds',
    env: 'SWITCHBOARD_TURN_TTL',
    description: 'Lifetime of TURN credentials (SWITCHBOARD_TURN_TTL; default 86400)',
  },
  'allowed-origin': {
    type: 'string',
    multiple: true,
    valueName: 'origin',
    env: 'SWITCHBOARD_ALLOWED_ORIGINS',
    description:
      'Origin allowed to connect, repeatable, * patterns (SWITCHBOARD_ALLOWED_ORIGINS, comma-separated)',
  },
  'trust-proxy': {
    type: 'boolean',
    env: 'SWITCHBOARD_TRUST_PROXY',
    description: 'Take client addresses from X-Forwarded-For (SWITCHBOARD_TRUST_PROXY=1)',
  },
  'web-root': {
    type: 'string',
    valueName: 'dir',
    env: 'SWITCHBOARD_WEB_ROOT',
    description:
      'Serve the web app built into this directory (SWITCHBOARD_WEB_ROOT; default dist/web)',
  },
  'no-web': {
    type: 'boolean',
    env: 'SWITCHBOARD_NO_WEB',
    description: 'Serve signaling only, no web app (SWITCHBOARD_NO_WEB=1)',
  },
  'no-http-fallback': {
    type: 'boolean',
    env: 'SWITCHBOARD_NO_HTTP_FALLBACK',
    description:
      'WebSocket only: no SSE + POST fallback at /v1/sse (SWITCHBOARD_NO_HTTP_FALLBACK=1)',
  },
  'log-level': {
    type: 'string',
    valueName: 'level',
    env: 'LOG_LEVEL',
    description: `${LOG_LEVELS.join('|')} (LOG_LEVEL; default ${SERVE_DEFAULTS.logLevel})`,
  },
};

/** The outcome of reading the configuration: a config, or a usage message. */
export type ServeArgsResult = { ok: true; config: ServeConfig } | { ok: false; message: string };

class UsageError extends Error {}

/** A flag's value, else its environment variable's; empty values count as absent. */
function pick(values: CliArgs['values'], env: ServeEnv, name: string): string | undefined {
  const flag = values[name];
  if (typeof flag === 'string' && flag !== '') return flag;
  const variable = SERVE_OPTIONS[name]?.env;
  const fromEnv = variable === undefined ? undefined : env[variable];
  return fromEnv === undefined || fromEnv.trim() === '' ? undefined : fromEnv.trim();
}

/** A repeatable flag's values, else its variable's comma-separated list. */
function pickList(values: CliArgs['values'], env: ServeEnv, name: string): string[] | undefined {
  const flag = values[name];
  const given = Array.isArray(flag) ? flag : typeof flag === 'string' ? [flag] : [];
  const items =
    given.length > 0
      ? given.flatMap((v) => v.split(','))
      : (env[SERVE_OPTIONS[name]?.env ?? ''] ?? '').split(',');
  const list = items.map((s) => s.trim()).filter((s) => s !== '');
  return list.length > 0 ? list : undefined;
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    const variable = SERVE_OPTIONS[name]?.env;
    throw new UsageError(
      `--${name}${variable === undefined ? '' : ` (${variable})`} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

function flagOn(values: CliArgs['values'], env: ServeEnv, name: string): boolean {
  if (values[name] === true) return true;
  const text = env[SERVE_OPTIONS[name]?.env ?? '']?.trim().toLowerCase();
  return text === '1' || text === 'true' || text === 'yes';
}

/** Builds the configuration from parsed flag values and the environment. */
export function resolveServeConfig(values: CliArgs['values'], env: ServeEnv): ServeArgsResult {
  try {
    const portText = pick(values, env, 'port');
    const config: ServeConfig = {
      port: portText === undefined ? SERVE_DEFAULTS.port : integer('port', portText, 0, 65_535),
      host: pick(values, env, 'host') ?? SERVE_DEFAULTS.host,
      logLevel: SERVE_DEFAULTS.logLevel,
      trustProxy: flagOn(values, env, 'trust-proxy'),
      webRoot: DEFAULT_WEB_ROOT,
      httpFallback: !flagOn(values, env, 'no-http-fallback'),
    };
    const webRoot = pick(values, env, 'web-root');
    if (flagOn(values, env, 'no-web')) {
      if (webRoot !== undefined) throw new UsageError('--web-root and --no-web exclude each other');
      config.webRoot = undefined;
    } else if (webRoot !== undefined) {
      config.webRoot = resolve(webRoot);
    }
    const level = pick(values, env, 'log-level');
    if (level !== undefined) {
      if (!(LOG_LEVELS as readonly string[]).includes(level)) {
        throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${level}`);
      }
      config.logLevel = level as LogLevel;
    }

    const secret = pick(values, env, 'auth-secret');
    const publicKeyFile = pick(values, env, 'auth-public-key-file');
    const issuer = pick(values, env, 'auth-issuer');
    const audience = pick(values, env, 'auth-audience');
    if (secret !== undefined || publicKeyFile !== undefined) {
      config.auth = {
        ...(secret === undefined ? {} : { secret }),
        ...(publicKeyFile === undefined ? {} : { publicKeyFile }),
        ...(issuer === undefined ? {} : { issuer }),
        ...(audience === undefined ? {} : { audience }),
      };
    } else if (issuer !== undefined || audience !== undefined) {
      throw new UsageError(
        '--auth-issuer and --auth-audience need --auth-secret or --auth-public-key-file',
      );
    }

    const turnSecret = pick(values, env, 'turn-secret');
    const uris = pickList(values, env, 'turn-uri');
    const ttl = pick(values, env, 'turn-ttl');
    if ((turnSecret === undefined) !== (uris === undefined)) {
      throw new UsageError('--turn-secret and --turn-uri go together: give both or neither');
    }
    if (turnSecret !== undefined && uris !== undefined) {
      const bad = uris.find((uri) => !/^(turns?|stuns?):/i.test(uri));
      if (bad !== undefined) throw new UsageError(`--turn-uri ${bad} is not a turn: or turns: URI`);
      config.turn = {
        secret: turnSecret,
        uris,
        ...(ttl === undefined ? {} : { ttlSeconds: integer('turn-ttl', ttl, 1, 31_536_000) }),
      };
    } else if (ttl !== undefined) {
      throw new UsageError('--turn-ttl needs --turn-secret and --turn-uri');
    }

    const origins = pickList(values, env, 'allowed-origin');
    if (origins !== undefined) config.allowedOrigins = origins;
    return { ok: true, config };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Parses `serve`'s arguments (after the word `serve`) and the environment into its
 * configuration; a usage message instead when they do not make sense.
 */
export function parseServeArgs(argv: readonly string[], env: ServeEnv): ServeArgsResult {
  let values: CliArgs['values'];
  try {
    const options = Object.fromEntries(
      Object.entries(SERVE_OPTIONS).map(([name, o]) => [
        name,
        {
          type: o.type,
          ...(o.short === undefined ? {} : { short: o.short }),
          ...(o.multiple === true ? { multiple: true } : {}),
        },
      ]),
    );
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: false, strict: true });
    values = parsed.values as CliArgs['values'];
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  return resolveServeConfig(values, env);
}

/** Turns the configuration into server options, reading the public key file. */
export async function serveOptions(
  config: ServeConfig,
  read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<SignalingServerOptions> {
  const { auth } = config;
  return {
    port: config.port,
    host: config.host,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    ...(auth === undefined
      ? {}
      : {
          auth: {
            ...(auth.secret === undefined ? {} : { secret: auth.secret }),
            ...(auth.publicKeyFile === undefined
              ? {}
              : { publicKey: await read(auth.publicKeyFile) }),
            ...(auth.issuer === undefined ? {} : { issuer: auth.issuer }),
            ...(auth.audience === undefined ? {} : { audience: auth.audience }),
          },
        }),
    ...(config.turn === undefined ? {} : { turn: config.turn }),
    ...(config.allowedOrigins === undefined ? {} : { allowedOrigins: config.allowedOrigins }),
    ...(config.httpFallback ? {} : { httpFallback: { enabled: false } }),
  };
}
