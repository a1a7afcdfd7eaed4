import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FetchFunction, HttpSocket, utf8Length } from './http-transport.ts';

/** A request the fake fetch received, answered when the test says. */
interface Call {
  url: string;
  init: RequestInit | undefined;
  answer(status: number, body?: string): void;
}

/**
 * A fetch whose GET returns an event stream the test writes to, and whose POSTs wait for
 * the test's answer (or are answered 204 at once with `autoAnswer`).
 */
function fakeFetch(
  options: { streamStatus?: number; streamType?: string; autoAnswer?: boolean } = {},
) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const encoder = new TextEncoder();
  const posts: Call[] = [];
  let aborted = false;
  let waiting: Array<() => void> = [];
  const notify = () => {
    for (const w of waiting) w();
    waiting = [];
  };
  const fetch: FetchFunction = async (url, init) => {
    if ((init?.method ?? 'GET') === 'GET') {
      init?.signal?.addEventListener('abort', () => {
        aborted = true;
        try {
          controller.error(new DOMException('aborted', 'AbortError'));
        } catch {
          // Already closed.
        }
      });
      const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
      return new Response(body, {
        status: options.streamStatus ?? 200,
        headers: { 'content-type': options.streamType ?? 'text/event-stream; charset=utf-8' },
      });
    }
    return new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      );
      const call: Call = {
        url,
        init,
        answer: (status, body) =>
          resolve(new Response(status === 204 ? null : (body ?? ''), { status })),
      };
      posts.push(call);
      notify();
      if (options.autoAnswer) call.answer(204);
    });
  };
  return {
    fetch,
    posts,
    get aborted() {
      return aborted;
    },
    write(text: string) {
      controller.enqueue(encoder.encode(text));
    },
    end() {
      controller.close();
    },
    /** Waits until `count` POSTs arrived. */
    async postsReach(count: number): Promise<void> {
      const deadline = Date.now() + 2_000;
      while (posts.length < count) {
        assert.ok(Date.now() < deadline, `${posts.length} POSTs, expected ${count}`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 20);
        });
      }
    },
  };
}

const URL_ = 'http://example.test/v1/sse?room=a';

/** The events a socket dispatched, as strings. */
function record(socket: HttpSocket): string[] {
  const events: string[] = [];
  socket.addEventListener('open', () => events.push('open'));
  socket.addEventListener('message', ({ data }) => events.push(`message ${String(data)}`));
  socket.addEventListener('error', () => events.push('error'));
  socket.addEventListener('close', ({ code, reason, wasClean }) =>
    events.push(`close ${code} ${JSON.stringify(reason)} ${wasClean}`),
  );
  return events;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

async function opened(options: Parameters<typeof fakeFetch>[0] = {}, maxBodyBytes = 65_536) {
  const http = fakeFetch(options);
  const socket = new HttpSocket(URL_, { fetch: http.fetch, closeTimeoutMs: 200 });
  const events = record(socket);
  await tick();
  http.write(`event: open\ndata: {"id":"ab_c","maxBodyBytes":${maxBodyBytes}}\n\n`);
  await tick();
  assert.deepEqual(events, ['open']);
  return { http, socket, events };
}

describe('HttpSocket', () => {
  test('is connecting until the open event, then open; send throws while connecting', async () => {
    const http = fakeFetch();
    const socket = new HttpSocket(URL_, { fetch: http.fetch });
    assert.equal(socket.readyState, 0);
    assert.throws(() => socket.send('x'), /InvalidStateError/);
    const events = record(socket);
    await tick();
    http.write('event: open\ndata: {"id":"s1"}\n\n');
    await tick();
    assert.equal(socket.readyState, 1);
    assert.deepEqual(events, ['open']);
    socket.close();
  });

  test('dispatches each unnamed event as a message, skips events it does not know', async () => {
    const { http, socket, events } = await opened();
    http.write('data: {"type":"pong"}\n\n:\n\nevent: later\ndata: x\n\ndata: {"a":\ndata: 1}\n\n');
    await tick();
    assert.deepEqual(events, ['open', 'message {"type":"pong"}', 'message {"a":\n1}']);
    socket.close();
  });

  test('frames sent in one task share a POST to <url>/<id>, text/plain, query kept', async () => {
    const { http, socket } = await opened({ autoAnswer: true });
    socket.send('{"n":1}');
    socket.send('{"n":2}');
    await http.postsReach(1);
    const [post] = http.posts;
    assert.equal(post?.url, 'http://example.test/v1/sse/ab_c?room=a');
    assert.equal(post?.init?.method, 'POST');
    assert.equal(post?.init?.body, '{"n":1}\n{"n":2}');
    assert.deepEqual(post?.init?.headers, { 'content-type': 'text/plain;charset=UTF-8' });
    socket.close();
  });

  test('never has two POSTs in flight: frames sent meanwhile go in the next, in order', async () => {
    const { http, socket } = await opened();
    socket.send('a');
    await http.postsReach(1);
    socket.send('b');
    socket.send('c');
    await tick();
    assert.equal(http.posts.length, 1);
    http.posts[0]?.answer(204);
    await http.postsReach(2);
    assert.equal(http.posts[1]?.init?.body, 'b\nc');
    http.posts[1]?.answer(204);
    socket.close();
  });

  test('a POST body stays within the maxBodyBytes of the open event', async () => {
    const { http, socket } = await opened({ autoAnswer: true }, 20);
    for (const frame of ['aaaaaaa', 'bbbbbbb', 'ccccccc', 'd'.repeat(30), 'e']) socket.send(frame);
    await http.postsReach(4);
    assert.deepEqual(
      http.posts.map((p) => p.init?.body),
      // 8 bytes a frame with its line break: two fit in 20; a frame over the limit goes alone.
      ['aaaaaaa\nbbbbbbb', 'ccccccc', 'd'.repeat(30), 'e'],
    );
    socket.close();
  });

  test('the close event of the stream closes with its code and reason', async () => {
    const { http, socket, events } = await opened();
    http.write('data: {"type":"goaway"}\n\nevent: close\ndata: {"code":4000,"reason":"bye"}\n\n');
    await tick();
    assert.deepEqual(events, ['open', 'message {"type":"goaway"}', 'close 4000 "bye" true']);
    assert.equal(socket.readyState, 3);
    assert.ok(http.aborted, 'the stream is released');
  });

  test('close() posts the queued frames, then the close, and closes with its code', async () => {
    const { http, socket, events } = await opened({ autoAnswer: true });
    socket.send('last');
    socket.close(1000, 'client closed');
    assert.equal(socket.readyState, 2);
    socket.send('ignored');
    await http.postsReach(2);
    await tick();
    assert.deepEqual(
      http.posts.map((p) => [p.url, p.init?.body]),
      [
        ['http://example.test/v1/sse/ab_c?room=a', 'last'],
        ['http://example.test/v1/sse/ab_c/close?room=a', '{"code":1000,"reason":"client closed"}'],
      ],
    );
    assert.equal(http.posts[1]?.init?.keepalive, true);
    assert.deepEqual(events, ['open', 'close 1000 "client closed" true']);
  });

  test('close() without an answer gives up after closeTimeoutMs with 1006', async () => {
    const { socket, events } = await opened();
    socket.send('stuck');
    socket.close(4100, 'heartbeat');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(events, ['open', 'close 1006 "" false']);
  });

  test('close() while connecting closes with 1006 after it returns, and aborts the stream', async () => {
    const http = fakeFetch();
    const socket = new HttpSocket(URL_, { fetch: http.fetch });
    const events = record(socket);
    await tick();
    socket.close(4100);
    assert.deepEqual(events, [], 'events come after close() returns');
    await tick();
    assert.deepEqual(events, ['close 1006 "" false']);
    assert.ok(http.aborted);
  });

  /** [case, how the connection fails, events]. */
  const FAILURES: [
    string,
    Parameters<typeof fakeFetch>[0],
    (h: ReturnType<typeof fakeFetch>, s: HttpSocket) => Promise<void> | void,
    string[],
  ][] = [
    [
      'the stream ends without a close event',
      {},
      (h) => h.end(),
      ['open', 'error', 'close 1006 "" false'],
    ],
    [
      'a POST is answered 404',
      {},
      async (h, s) => {
        s.send('x');
        await h.postsReach(1);
        h.posts[0]?.answer(404, '{"code":"SRV_ERR_UNKNOWN_STREAM"}');
      },
      ['open', 'error', 'close 1006 "" false'],
    ],
  ];
  for (const [what, options, fail, expected] of FAILURES) {
    test(`${what}: error, then close 1006`, async () => {
      const { http, socket, events } = await opened(options);
      await fail(http, socket);
      await tick();
      assert.deepEqual(events, expected);
    });
  }

  for (const [what, options] of [
    ['answered 403', { streamStatus: 403 }],
    ['answered with HTML', { streamType: 'text/html' }],
  ] as const) {
    test(`a stream ${what} never opens: error, then close 1006`, async () => {
      const http = fakeFetch(options);
      const socket = new HttpSocket(URL_, { fetch: http.fetch });
      const events = record(socket);
      await tick();
      assert.deepEqual(events, ['error', 'close 1006 "" false']);
    });
  }

  test('throws TypeError without any fetch', () => {
    const saved = globalThis.fetch;
    (globalThis as { fetch?: unknown }).fetch = undefined;
    try {
      assert.throws(() => new HttpSocket(URL_), TypeError);
    } finally {
      globalThis.fetch = saved;
    }
  });
});

test('utf8Length counts bytes as UTF-8 does', () => {
  for (const text of ['', 'abc', 'Zoë', '€', '👋', 'a👋é€\u0000']) {
    assert.equal(utf8Length(text), Buffer.byteLength(text), JSON.stringify(text));
  }
});
