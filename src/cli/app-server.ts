/**
 * What `switchboard serve` runs: one HTTP server holding the signaling server (WebSocket on
 * its path, `/healthz`, `/readyz`, `/metrics`, `/v1/validate`) and, unless turned off, the
 * built web app (web-static.ts) on every other path.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  createSignalingServer,
  DEFAULTS,
  type SignalingServer,
  type SignalingServerOptions,
} from 'switchboard/server';
import { createWebHandler } from './web-static.ts';

/** A running app server. */
export interface AppServer {
  /** `http://host:port` it listens on. */
  readonly url: string;
  readonly address: AddressInfo;
  readonly signaling: SignalingServer;
  /** The HTTP server under both; tests watch its `upgrade` events. */
  readonly http: Server;
  /** Drains the signaling server, then stops the HTTP server. Idempotent. */
  close(): Promise<void>;
}

/** `http://host:port` for a listening address; IPv6 hosts in brackets. */
export function listenUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function refuseUpgrade(socket: Duplex): void {
  if (socket.writable) {
    socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  }
  socket.destroy();
}

/**
 * Starts the signaling server on `options.port`/`options.host` and, when `webRoot` is given,
 * the web app built there. Resolves once it listens; throws the server's TypeError or
 * RangeError for bad options and the listen error (EADDRINUSE) otherwise.
 */
export async function startAppServer(
  options: SignalingServerOptions,
  webRoot: string | undefined,
): Promise<AppServer> {
  const { port, host, server: given, ...rest } = options;
  if (given !== undefined) throw new TypeError('startAppServer makes its own HTTP server');
  const http = createServer();
  const signaling = createSignalingServer({ ...rest, server: http });
  const wsPath = rest.path ?? DEFAULTS.path;
  const web = webRoot === undefined ? undefined : createWebHandler({ root: webRoot });

  http.on('request', (req, res) => {
    if (signaling.handleRequest(req, res)) return;
    if (web) {
      web(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ status: 'not found' }));
  });
  // The signaling server takes upgrades on its path (its listener comes first); the rest
  // have no owner here.
  http.on('upgrade', (req, socket: Duplex) => {
    if ((req.url ?? '/').split('?', 1)[0] !== wsPath) refuseUpgrade(socket);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port ?? 0, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await signaling.close();
    throw error;
  }
  const address = http.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: listenUrl(address),
    address,
    signaling,
    http,
    close() {
      closed ??= (async () => {
        await signaling.close();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
