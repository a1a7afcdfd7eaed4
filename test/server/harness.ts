/**
 * Starts a signaling server in-process on port 0 and tracks the test peers created
 * against it, so a test closes everything it opened with one call.
 */
import {
  createSignalingServer,
  type SignalingServer,
  type SignalingServerOptions,
} from 'switchboard/server';
import { TestPeer, type TestPeerOptions, urlOf } from './test-client.ts';

/** A running server and its test peers. */
export interface Harness {
  server: SignalingServer;
  url: string;
  /** A new peer (not yet connected), closed by `close()`. */
  peer(options?: TestPeerOptions): TestPeer;
  /** A peer that said hello as `name` and joined `room`. */
  joined(name: string, room: string, options?: TestPeerOptions): Promise<TestPeer>;
  /** Cuts every peer's socket, then closes the server. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0, with `options` over quiet test defaults. */
export async function startServer(
  options: Omit<SignalingServerOptions, 'port' | 'server'> = {},
): Promise<Harness> {
  const server = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false, ...options });
  await server.listening;
  const url = urlOf(server);
  const peers: TestPeer[] = [];
  const harness: Harness = {
    server,
    url,
    peer(peerOptions) {
      const peer = new TestPeer(url, peerOptions);
      peers.push(peer);
      return peer;
    },
    async joined(name, room, peerOptions) {
      const peer = harness.peer(peerOptions);
      await peer.hello({ peer: name });
      const answer = await peer.join(room);
      if (answer.type !== 'joined')
        throw new Error(`${name} could not join ${room}: ${JSON.stringify(answer)}`);
      return peer;
    },
    async close() {
      for (const peer of peers) peer.cut();
      await server.close();
    },
  };
  return harness;
}
