/**
 * The call page's errors in plain words (web/pages/call/call-errors.ts): which kind each
 * browser or SDK error is, as a table, and that every kind has words.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClientError } from 'switchboard/client';
import {
  type CallErrorContext,
  type CallErrorKind,
  callErrorText,
  describeCallError,
} from '../../web/pages/call/call-errors.ts';

const media = (name: string) => new DOMException('x', name);
const server = (serverCode: string) => new ClientError('CLIENT_ERR_SERVER', 'x', { serverCode });
const closed = (code: 'CLIENT_ERR_REJECTED' | 'CLIENT_ERR_CONNECT_FAILED', closeCode: number) =>
  new ClientError(code, 'x', { closeCode });

describe('describeCallError', () => {
  const cases: [name: string, error: unknown, context: CallErrorContext, kind: CallErrorKind][] = [
    ['NotAllowedError', media('NotAllowedError'), {}, 'camera-denied'],
    ['SecurityError', media('SecurityError'), {}, 'camera-denied'],
    ['NotFoundError', media('NotFoundError'), {}, 'camera-missing'],
    ['OverconstrainedError', media('OverconstrainedError'), {}, 'camera-missing'],
    ['NotReadableError', media('NotReadableError'), {}, 'camera-busy'],
    ['AbortError', media('AbortError'), {}, 'camera-busy'],
    ['no mediaDevices (insecure page)', media('InsecureContextError'), {}, 'insecure-page'],
    ['SRV_ERR_ROOM_FULL', server('SRV_ERR_ROOM_FULL'), {}, 'room-full'],
    ['SRV_ERR_FORBIDDEN', server('SRV_ERR_FORBIDDEN'), {}, 'room-forbidden'],
    ['SRV_ERR_ORIGIN_FORBIDDEN', server('SRV_ERR_ORIGIN_FORBIDDEN'), {}, 'origin-forbidden'],
    ['SRV_ERR_UNAUTHORIZED without a token', server('SRV_ERR_UNAUTHORIZED'), {}, 'token-missing'],
    [
      'SRV_ERR_UNAUTHORIZED with a token',
      server('SRV_ERR_UNAUTHORIZED'),
      { hadToken: true },
      'token-refused',
    ],
    ['close 4001 without a token', closed('CLIENT_ERR_REJECTED', 4001), {}, 'token-missing'],
    [
      'close 4001 with a token',
      closed('CLIENT_ERR_REJECTED', 4001),
      { hadToken: true },
      'token-refused',
    ],
    [
      'close 4010 (token expired)',
      closed('CLIENT_ERR_REJECTED', 4010),
      { hadToken: true },
      'token-refused',
    ],
    ['close 4009', closed('CLIENT_ERR_REJECTED', 4009), {}, 'origin-forbidden'],
    [
      'CLIENT_ERR_CONNECT_FAILED',
      new ClientError('CLIENT_ERR_CONNECT_FAILED', 'x'),
      {},
      'server-unreachable',
    ],
    [
      'CLIENT_ERR_CONNECT_FAILED, close 1006',
      closed('CLIENT_ERR_CONNECT_FAILED', 1006),
      {},
      'server-unreachable',
    ],
    [
      'CLIENT_ERR_NOT_CONNECTED',
      new ClientError('CLIENT_ERR_NOT_CONNECTED', 'x'),
      {},
      'server-unreachable',
    ],
    [
      'CLIENT_ERR_RECONNECT_STOPPED',
      new ClientError('CLIENT_ERR_RECONNECT_STOPPED', 'x'),
      {},
      'connection-lost',
    ],
    [
      'CLIENT_ERR_HEARTBEAT_TIMEOUT',
      new ClientError('CLIENT_ERR_HEARTBEAT_TIMEOUT', 'x'),
      {},
      'connection-lost',
    ],
    ['CLIENT_ERR_TIMEOUT', new ClientError('CLIENT_ERR_TIMEOUT', 'x'), {}, 'server-timeout'],
    ['another server code', server('SRV_ERR_RATE_LIMITED'), {}, 'unexpected'],
    ['a plain Error', new Error('boom'), {}, 'unexpected'],
    [
      'an Error named like a prototype key',
      Object.assign(new Error('x'), { name: 'toString' }),
      {},
      'unexpected',
    ],
    ['not an error', 'just a string', {}, 'unexpected'],
  ];
  for (const [name, error, context, kind] of cases) {
    test(`${name} -> ${kind}`, () => assert.equal(describeCallError(error, context).kind, kind));
  }

  test('a full room names the limit when it is known', () => {
    const text = describeCallError(server('SRV_ERR_ROOM_FULL'), { maxParticipants: 4 });
    assert.match(text.detail, /up to 4 people/);
  });

  test('only media errors offer joining without camera', () => {
    assert.equal(describeCallError(media('NotAllowedError')).withoutMedia, true);
    assert.equal(describeCallError(server('SRV_ERR_ROOM_FULL')).withoutMedia, false);
  });
});

describe('callErrorText', () => {
  const kinds: CallErrorKind[] = [
    'camera-denied',
    'camera-missing',
    'camera-busy',
    'insecure-page',
    'room-full',
    'token-missing',
    'token-refused',
    'room-forbidden',
    'origin-forbidden',
    'server-unreachable',
    'connection-lost',
    'server-timeout',
    'unexpected',
  ];
  for (const kind of kinds) {
    test(`${kind} has a title and a detail in plain words`, () => {
      const text = callErrorText(kind);
      assert.equal(text.kind, kind);
      assert.ok(text.title.length > 10 && !/[A-Z_]{6,}/.test(text.title), text.title);
      assert.ok(text.detail.length > 20 && !/ERR_/.test(text.detail), text.detail);
    });
  }
});
