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
        return { stream, stop: () => stream.getTracks().forEach((track) => track.stop()) };
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

  // Offer from `offerer`, answer from `answerer` after it applied the offer; `prepareAnswer`
  // runs between the two (the answerer attaching its tracks). With `gather`, each description
  // is taken after ICE gathering completed, so it carries a=candidate lines; without, it is
  // the bare trickle-ICE description.
  const negotiate = async (
    scenario: ScenarioName,
    offerer: RTCPeerConnection,
    answerer: RTCPeerConnection,
    options: { gather: boolean; offer?: RTCOfferOptions; prepareAnswer?: () => void },
  ) => {
    const offerGathered = options.gather && gatheringDone(offerer, `${scenario} offerer`);
    await offerer.setLocalDescription(await offerer.createOffer(options.offer));
    await offerGathered;
    const offer = offerer.localDescription?.sdp ?? '';
    await answerer.setRemoteDescription({ type: 'offer', sdp: offer });
    options.prepareAnswer?.();
    const answerGathered = options.gather && gatheringDone(answerer, `${scenario} answerer`);
    await answerer.setLocalDescription(await answerer.createAnswer());
    await answerGathered;
    const answer = answerer.localDescription?.sdp ?? '';
    await offerer.setRemoteDescription({ type: 'answer', sdp: answer });
    results.push({ scenario, type: 'offer', sdp: offer }, { scenario, type: 'answer', sdp: answer });
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

/** Runs {@link SCENARIOS} with @roamhq/wrtc peers in this process and returns their SDPs. */
export async function collectWrtcSdps(): Promise<LiveSdp[]> {
  const sdps = await runScenarios({
    RTCPeerConnection: WrtcPeerConnection,
    createMedia: async () => createWrtcMedia(),
  });
  return sdps.map((sdp) => ({ source: 'wrtc', ...sdp }));
}
