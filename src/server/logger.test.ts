import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createLogger } from './logger.ts';

const LOGGER = new URL('./logger.ts', import.meta.url).href;

/** Runs `code` (with `createLogger` imported) in a child and returns its stdout lines as JSON. */
function logLines(code: string): Record<string, unknown>[] {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { createLogger } from ${JSON.stringify(LOGGER)};\n${code}`,
    ],
    { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8', timeout: 20_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

describe('createLogger', () => {
  test('false gives a silent logger', () => {
    const logger = createLogger(false);
    assert.equal(logger.isLevelEnabled('fatal'), false);
  });

  test('a pino logger is used as it is', () => {
    const mine = pino({ enabled: false });
    assert.equal(createLogger(mine), mine);
  });

  test('options go over the defaults', () => {
    assert.equal(createLogger(undefined).level, 'info');
    assert.equal(createLogger({ level: 'debug' }).level, 'debug');
  });

  test('writes one JSON object a line to stdout, named switchboard, tokens redacted', () => {
    const lines = logLines(
      "const log = createLogger({ level: 'debug' });\n" +
        "log.debug({ token: 'eyJ.secret', hello: { token: 't2', resumeToken: 'r' } }, 'hello');",
    );
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line?.name, 'switchboard');
    assert.equal(line?.msg, 'hello');
    assert.equal(line?.token, '[redacted]');
    assert.deepEqual(line?.hello, { token: '[redacted]', resumeToken: '[redacted]' });
  });
});
