/**
 * The server's logger: pino, one JSON object a line on stdout, so any log shipper can read
 * it. Tokens never reach the log: the fields that may carry one are redacted.
 */
import { pino } from 'pino';

/** What a server's `logger` option accepts: a ready logger, pino options, or `false` for none. */
export type LoggerOption = pino.Logger | pino.LoggerOptions | false | undefined;

/** Defaults merged under caller-supplied pino options. */
const LOGGER_DEFAULTS: pino.LoggerOptions = Object.freeze({
  name: 'switchboard',
  level: 'info',
  redact: {
    paths: ['token', 'resumeToken', '*.token', '*.resumeToken', 'req.headers.authorization'],
    censor: '[redacted]',
  },
});

function isLogger(option: object): option is pino.Logger {
  const o = option as Partial<pino.Logger>;
  return typeof o.info === 'function' && typeof o.child === 'function';
}

/**
 * The logger a server writes to: `option` itself when it is a logger, a silent logger for
 * `false`, otherwise a new pino logger writing JSON to stdout with `option` over the
 * defaults (name `switchboard`, level `info`, tokens redacted).
 */
export function createLogger(option: LoggerOption): pino.Logger {
  if (option === false) return pino({ enabled: false });
  if (option !== undefined && isLogger(option)) return option;
  return pino({ ...LOGGER_DEFAULTS, ...option });
}
