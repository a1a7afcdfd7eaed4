/**
 * A reverse proxy on 127.0.0.1 in front of a signaling server, like the corporate proxies the
 * HTTP fallback is for: it forwards plain requests as they stream (an SSE response goes out
 * chunk by chunk), and WebSocket upgrades only while `refuseUpgrades` is false; otherwise
 * it answers them 403. `cutAll()` drops every connection through it (a network cut).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface BlockingProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  readonly base: string;
  refuseUpgrades: boolean;
  /** Upgrades answered 403 so far. */
  readonly refused: number;
  /** Upgrades let through so far. */
  readonly upgraded: number;
  cutAll(): void;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (`http://127.0.0.1:<port>`). */
export async function startBlockingProxy(target: string): Promise<BlockingProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Duplex>();
  const track = (socket: Duplex) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  let refused = 0;
  let upgraded = 0;
  const server: Server = createServer((req, res) => {
    const upstream = request(
      { host: hostname, port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on('socket', track);
    upstream.on('error', () => res.destroy());
    // The client went away: so does the request upstream, as it would through a real proxy.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', track);
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    if (proxy.refuseUpgrades) {
      refused += 1;
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    upgraded += 1;
    const upstream = connect(Number(port), hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: BlockingProxy = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refuseUpgrades: true,
    get refused() {
      return refused;
    },
    get upgraded() {
      return upgraded;
    },
    cutAll() {
      for (const socket of open) socket.destroy();
    },
    async close() {
      this.cutAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
