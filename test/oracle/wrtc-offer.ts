import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createWrtcMedia, WrtcPeerConnection } from '../support/wrtc.ts';

/** The argument that makes this module, run as a script, print a wrtc offer. */
const CHILD_ARG = '--print-wrtc-offer';
const CHILD_TIMEOUT_MS = 30_000;

/**
 * An @roamhq/wrtc (libwebrtc in Node) offer with an audio track, a video track and a data
 * channel, as `createOffer` returned it.
 *
 * The peer lives in a child process, as in test/live/scenarios.ts: wrtc 0.10 crashes with
 * SIGSEGV while Node tears down at exit once a peer connection has media, and node:test
 * counts a crashed file as failed. The child prints the offer and leaves through
 * `process.exit`.
 */
export async function collectWrtcOffer(): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), CHILD_ARG],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `wrtc offer process failed (${signal ?? `exit code ${code}`}${
        signal === 'SIGKILL' ? `, killed after ${CHILD_TIMEOUT_MS} ms` : ''
      }); its stderr is above`,
    );
  }
  return (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { offer: string }).offer;
}

async function printWrtcOffer(): Promise<void> {
  const peer = new WrtcPeerConnection({ iceServers: [] });
  const media = createWrtcMedia();
  for (const track of media.stream.getTracks()) peer.addTrack(track, media.stream);
  peer.createDataChannel('chat');
  const offer = await peer.createOffer();
  peer.close();
  media.stop();
  process.stdout.write(JSON.stringify({ offer: offer.sdp }), () => process.exit(0));
}

if (process.argv[2] === CHILD_ARG && process.argv[1] === fileURLToPath(import.meta.url)) {
  printWrtcOffer().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
