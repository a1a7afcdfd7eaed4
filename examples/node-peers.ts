/**
 * Two WebRTC peers in Node (@roamhq/wrtc) meet in a room on a running Switchboard server,
 * open a data channel and greet each other both ways, then exit 0.
 *
 *   npm start                                          # a server on http://127.0.0.1:8080
 *   node --import tsx examples/node-peers.ts http://127.0.0.1:8080
 *
 * The argument is the server's base URL; the signaling WebSocket is `<base>/v1/ws`.
 */
import wrtc from '@roamhq/wrtc';
import {
  createRoom,
  createSignalingClient,
  type Room,
  type SignalingClient,
} from 'switchboard/client';
import WebSocket from 'ws';

const TIMEOUT_MS = 20_000;

/** `http://host:port` -> `ws://host:port/v1/ws` (https -> wss). */
function signalingUrl(base: string): string {
  const url = new URL('/v1/ws', base);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return url.href;
}

interface Peer {
  client: SignalingClient;
  room: Room;
}

/** Connects, and joins `roomName` once `prepare` attached its listeners. */
async function startPeer(
  url: string,
  roomName: string,
  name: string,
  prepare: (room: Room) => void,
): Promise<Peer> {
  // Node has no global WebSocket before v22: pass `ws`. Browsers need no option.
  const client = createSignalingClient({ url, WebSocket });
  client.on('reconnecting', ({ attempt, error }) =>
    console.log(`${name}: reconnecting (attempt ${attempt}): ${error.message}`),
  );
  await client.connect();
  const room = createRoom(client, roomName, {
    presence: { name },
    createPeerConnection: (configuration) => new wrtc.RTCPeerConnection(configuration),
  });
  prepare(room);
  await room.join();
  console.log(`${name}: joined ${roomName} as ${client.peer}`);
  return { client, room };
}

async function main(): Promise<void> {
  const base = process.argv[2];
  if (!base) {
    console.error(
      'usage: node --import tsx examples/node-peers.ts <server base URL, e.g. http://127.0.0.1:8080>',
    );
    process.exit(2);
  }
  const url = signalingUrl(base);
  const roomName = `example-${Date.now().toString(36)}`;

  let aliceHeard!: () => void;
  let bobHeard!: () => void;
  const heard = Promise.all([
    new Promise<void>((resolve) => {
      aliceHeard = resolve;
    }),
    new Promise<void>((resolve) => {
      bobHeard = resolve;
    }),
  ]);

  // Alice opens a data channel to whoever joins; the SDK negotiates it.
  const alice = await startPeer(url, roomName, 'alice', (room) => {
    room.on('peerjoined', ({ session, member }) => {
      const channel = session.connection.createDataChannel('chat');
      channel.addEventListener('open', () =>
        channel.send(`hello ${member.presence.name}, this is alice`),
      );
      channel.addEventListener('message', (event) => {
        console.log(`alice: received "${event.data}"`);
        aliceHeard();
      });
    });
  });
  // Bob answers on the channel alice opened.
  const bob = await startPeer(url, roomName, 'bob', (room) => {
    room.on('datachannel', ({ channel }) => {
      channel.addEventListener('message', (event) => {
        console.log(`bob: received "${event.data}"`);
        channel.send('hello alice, this is bob');
        bobHeard();
      });
    });
  });

  await heard;
  for (const peer of [alice, bob]) {
    await peer.room.leave();
    peer.client.close();
  }
  console.log('done: a data channel message went each way');
}

const timer = setTimeout(() => {
  console.error(`no exchange within ${TIMEOUT_MS} ms`);
  process.exit(1);
}, TIMEOUT_MS);

main().then(
  () => {
    clearTimeout(timer);
    // Leave through process.exit: @roamhq/wrtc can crash while Node tears down at exit.
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
