import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { withChromiumPage } from '../support/chromium.ts';
import { createWrtcMedia, WrtcPeerConnection } from '../support/wrtc.ts';

/** The WebRTC stack that wrote an SDP. */
export type LiveSdpSource = 'chromium' | 'wrtc';

/**
 * The negotiations every source runs, in order; each yields one offer and one answer.
 * `before-ice-restart` is the completed (ICE connected) exchange that `ice-restart` restarts.
 */
export const SCENARIOS = [
  'audio+video+data',
  'data',
  'recvonly',
  'simulcast',
  'before-ice-restart',
  'ice-restart',
] as const;

/** One of {@link SCENARIOS}. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** An SDP exactly as a real WebRTC stack produced it. */
export interface LiveSdp {
  source: LiveSdpSource;
  scenario: ScenarioName;
  type: 'offer' | 'answer';
  sdp: string;
}

/** What {@link runScenarios} needs from outside a browser; `null` means the page's globals. */
interface ScenarioEnv {
  RTCPeerConnection: typeof RTCPeerConnection;
  createMedia(): Promise<{ stream: MediaStream; stop(): void }>;
}

/**
 * Runs every scenario with pairs of peer connections in one realm and returns the offers and
 * answers. Playwright ships this function's source into the page, so it must be
 * self-contained: it may use only its argument and the realm's globals.
 *
 * No ICE servers are configured, so candidates are host candidates only.
 */
export async function runScenarios(
  env: ScenarioEnv | null,
): Promise<Array<Omit<LiveSdp, 'source'>>> {
  const Peer = env ? env.RTCPeerConnection : RTCPeerConnection;
  const createMedia = env
    ? env.createMedia
    : async () => {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
        const stop = () => {
          for (const track of stream.getTracks()) track.stop();
        };
        return { stream, stop };
      };
  const stepTimeoutMs = 10_000;
  const results: Array<Omit<LiveSdp, 'source'>> = [];
  const peers: RTCPeerConnection[] = [];
  const stoppers: Array<() => void> = [];

  const createPeer = () => {
    const peer = new Peer({ iceServers: [] });
    peers.push(peer);
    return peer;
  };
  const media = async () => {
    const created = await createMedia();
    stoppers.push(created.stop);
    return created.stream;
  };
  const addTracks = (peer: RTCPeerConnection, stream: MediaStream) => {
    for (const track of stream.getTracks()) peer.addTrack(track, stream);
  };

  // Settles when `peer` reports `done` on one of `events`, fails after stepTimeoutMs. The
  // returned promise is pre-handled so a timeout during another failing step is not reported
  // as an unhandled rejection; awaiting it still throws.
  const until = (
    peer: RTCPeerConnection,
    events: string[],
    done: (event: Event | undefined) => boolean,
    what: string,
  ): Promise<void> => {
    const settled = new Promise<void>((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        for (const name of events) peer.removeEventListener(name, check);
      };
      const check = (event?: Event) => {
        if (!done(event)) return;
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${what} did not happen within ${stepTimeoutMs} ms`));
      }, stepTimeoutMs);
      for (const name of events) peer.addEventListener(name, check);
    });
    settled.catch(() => {});
    return settled;
  };
  // Call before setLocalDescription: a new ICE generation ends with a null candidate, and the
  // gathering state may still read 'complete' from the previous generation until then.
  const gatheringDone = (peer: RTCPeerConnection, what: string) =>
    until(
      peer,
      ['icecandidate', 'icegatheringstatechange'],
      (event) =>
        event?.type === 'icecandidate'
          ? (event as RTCPeerConnectionIceEvent).candidate === null
          : peer.iceGatheringState === 'complete',
      `${what}: end of ICE gathering`,
    );
  const connected = (peer: RTCPeerConnection, what: string) => {
    const isConnected = () =>
      peer.iceConnectionState === 'connected' || peer.iceConnectionState === 'completed';
    return isConnected()
      ? Promise.resolve()
      : until(peer, ['iceconnectionstatechange'], isConnected, `${what}: ICE connected`);
  };

  const sdpOf = (description: RTCSessionDescriptionInit | null, scenario: ScenarioName) => {
    if (!description?.sdp)
      throw new Error(`${scenario}: ${description?.type ?? 'description'} has no SDP`);
    return description.sdp;
  };
  // Offer from `offerer`, answer from `answerer` after it applied the offer; `prepareAnswer`
  // runs between the two (the answerer attaching its tracks). With `gather`, each SDP is the
  // local description after ICE gathering completed, so it carries a=candidate lines; without,
  // it is what createOffer/createAnswer returned, as a trickle-ICE peer sends it.
  const negotiate = async (
    scenario: ScenarioName,
    offerer: RTCPeerConnection,
    answerer: RTCPeerConnection,
    options: { gather: boolean; offer?: RTCOfferOptions; prepareAnswer?: () => void },
  ) => {
    const offerGathered = options.gather && gatheringDone(offerer, `${scenario} offerer`);
    const createdOffer = await offerer.createOffer(options.offer);
    await offerer.setLocalDescription(createdOffer);
    await offerGathered;
    const offer = sdpOf(options.gather ? offerer.localDescription : createdOffer, scenario);
    await answerer.setRemoteDescription({ type: 'offer', sdp: offer });
    options.prepareAnswer?.();
    const answerGathered = options.gather && gatheringDone(answerer, `${scenario} answerer`);
    const createdAnswer = await answerer.createAnswer();
    await answerer.setLocalDescription(createdAnswer);
    await answerGathered;
    const answer = sdpOf(options.gather ? answerer.localDescription : createdAnswer, scenario);
    await offerer.setRemoteDescription({ type: 'answer', sdp: answer });
    results.push(
      { scenario, type: 'offer', sdp: offer },
      { scenario, type: 'answer', sdp: answer },
    );
  };

  try {
    {
      const offerer = createPeer();
      const answerer = createPeer();
      addTracks(offerer, await media());
      offerer.createDataChannel('chat');
      const answererMedia = await media();
      await negotiate('audio+video+data', offerer, answerer, {
        gather: true,
        prepareAnswer: () => addTracks(answerer, answererMedia),
      });
    }
    {
      const offerer = createPeer();
      const answerer = createPeer();
      offerer.createDataChannel('data', { ordered: false, maxRetransmits: 0 });
      await negotiate('data', offerer, answerer, { gather: false });
    }
    {
      // A viewer: receive-only offer, answered by a peer that sends.
      const offerer = createPeer();
      const answerer = createPeer();
      offerer.addTransceiver('audio', { direction: 'recvonly' });
      offerer.addTransceiver('video', { direction: 'recvonly' });
      const answererMedia = await media();
      await negotiate('recvonly', offerer, answerer, {
        gather: true,
        prepareAnswer: () => addTracks(answerer, answererMedia),
      });
    }
    {
      // A publisher's three layers. A browser answerer drops simulcast from its answer
      // (WEBRTC-TESTING.md pitfall 5); the answer is kept as it comes.
      const offerer = createPeer();
      const answerer = createPeer();
      const stream = await media();
      const [video] = stream.getVideoTracks();
      if (!video) throw new Error('simulcast: no video track');
      offerer.addTransceiver(video, {
        direction: 'sendonly',
        streams: [stream],
        sendEncodings: [
          { rid: 'q', scaleResolutionDownBy: 4 },
          { rid: 'h', scaleResolutionDownBy: 2 },
          { rid: 'f' },
        ],
      });
      await negotiate('simulcast', offerer, answerer, { gather: true });
    }
    {
      const offerer = createPeer();
      const answerer = createPeer();
      const stream = await media();
      for (const track of stream.getAudioTracks()) offerer.addTrack(track, stream);
      offerer.createDataChannel('chat');
      const answererMedia = await media();
      await negotiate('before-ice-restart', offerer, answerer, {
        gather: true,
        prepareAnswer: () => {
          for (const track of answererMedia.getAudioTracks()) {
            answerer.addTrack(track, answererMedia);
          }
        },
      });
      await Promise.all([
        connected(offerer, 'before-ice-restart offerer'),
        connected(answerer, 'before-ice-restart answerer'),
      ]);
      await negotiate('ice-restart', offerer, answerer, {
        gather: true,
        offer: { iceRestart: true },
      });
    }
  } finally {
    for (const peer of peers) peer.close();
    for (const stop of stoppers) stop();
  }
  return results;
}

/** Runs {@link SCENARIOS} in one headless Chromium page and returns its SDPs. */
export async function collectChromiumSdps(): Promise<LiveSdp[]> {
  const sdps = await withChromiumPage((page) => page.evaluate(runScenarios, null));
  return sdps.map((sdp) => ({ source: 'chromium', ...sdp }));
}

/** The argument that makes this module, run as a script, print the wrtc SDPs as JSON. */
const WRTC_CHILD_ARG = '--print-wrtc-sdps';
const WRTC_CHILD_TIMEOUT_MS = 45_000;

/**
 * Runs {@link SCENARIOS} with @roamhq/wrtc peers and returns their SDPs.
 *
 * The peers live in a child process: once a wrtc peer connection has applied an offer with
 * media, Node crashes with SIGSEGV while tearing down at exit (wrtc 0.10.0, even after every
 * peer is closed), and node:test counts a crashed test file as a failure. The child prints
 * its SDPs and leaves through `process.exit`, which skips that teardown.
 */
export async function collectWrtcSdps(): Promise<LiveSdp[]> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), WRTC_CHILD_ARG],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), WRTC_CHILD_TIMEOUT_MS);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `wrtc scenario process failed (${signal ?? `exit code ${code}`}${
        signal === 'SIGKILL' ? `, killed after ${WRTC_CHILD_TIMEOUT_MS} ms` : ''
      }); its stderr is above`,
    );
  }
  const sdps = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Array<Omit<LiveSdp, 'source'>>;
  return sdps.map((sdp) => ({ source: 'wrtc', ...sdp }));
}

async function printWrtcSdps(): Promise<void> {
  const sdps = await runScenarios({
    RTCPeerConnection: WrtcPeerConnection,
    createMedia: async () => createWrtcMedia(),
  });
  process.stdout.write(JSON.stringify(sdps), () => process.exit(0));
}

if (process.argv[2] === WRTC_CHILD_ARG && process.argv[1] === fileURLToPath(import.meta.url)) {
  printWrtcSdps().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
