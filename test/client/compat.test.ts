import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { WebSocketConstructor } from 'switchboard/client';
import WebSocket from 'ws';

// switchboard/client runs in browsers: it takes its WebSocket and RTCPeerConnection from the
// caller and touches nothing of Node's.

const CLIENT_DIR = new URL('../../src/client/', import.meta.url);

test('src/client imports no node:* module and uses no Node-only global', () => {
  const files = readdirSync(CLIENT_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  assert.ok(files.length > 5);
  for (const file of files) {
    const source = readFileSync(new URL(file, CLIENT_DIR), 'utf8');
    assert.doesNotMatch(source, /from '(node:|ws'|@roamhq)/, `${file} imports a Node module`);
    assert.doesNotMatch(
      source,
      /\b(process|Buffer|require|__dirname)\b[.(]/,
      `${file} uses a Node global`,
    );
  }
});

test('the ws package and the DOM WebSocket fit the WebSocket option (compile-time)', () => {
  const fromWs: WebSocketConstructor = WebSocket;
  const fromDom: WebSocketConstructor | undefined = (
    globalThis as { WebSocket?: typeof globalThis.WebSocket }
  ).WebSocket;
  assert.equal(typeof fromWs, 'function');
  assert.ok(fromDom === undefined || typeof fromDom === 'function');
});
