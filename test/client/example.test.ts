import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSignalingServer } from 'switchboard/server';

// examples/node-peers.ts as a user runs it: a separate process given the server's base URL.

test('examples/node-peers.ts exchanges a data channel message both ways and exits 0', {
  timeout: 60_000,
}, async () => {
  const server = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false });
  await server.listening;
  try {
    const base = `http://127.0.0.1:${server.address()?.port}`;
    const example = fileURLToPath(new URL('../../examples/node-peers.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), example, base], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const [code] = (await once(child, 'close')) as [number | null];
    clearTimeout(timer);
    assert.equal(code, 0, output);
    assert.match(output, /bob: received "hello bob, this is alice"/);
    assert.match(output, /alice: received "hello alice, this is bob"/);
  } finally {
    await server.close();
  }
});
