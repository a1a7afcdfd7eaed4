import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parse, type SessionDescription, serialize } from 'switchboard/sdp';
import { createSignalingServer, type SignalingServer } from 'switchboard/server';
import { launchChromium } from '../support/chromium.ts';
import { bundleClient } from '../support/client-bundle.ts';
import { seedAnswer } from '../support/seeds.ts';

// The WebSocket seed's flow in real Chromium, through the real signaling server: an offerer
// page sends audio, video and a data channel; a receive-only answerer page answers with
// recvonly media and H264 preferred, then trickles its candidates after the answer. The
// pages carry descriptions and candidates as switchboard/client signal payloads but
// negotiate by hand, as the seed does.

const ROOM = 'seed-flow';
const FLOW_TIMEOUT_MS = 30_000;

/** Serves one empty page on 127.0.0.1: a secure context for getUserMedia and WebRTC. */
async function startPageServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html><head><meta charset="utf-8"><title>seed</title></head></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** What a page reports when its side of the flow is done. */
interface SideResult {
  /** Kinds of the signal payloads this side sent and received, in order. */
  sent: string[];
  received: string[];
  /** The answer SDP as this side saw it (the offerer: as it came through the server). */
  answer: string;
  messages: string[];
  connectionState: string;
  /** Answerer only: the remote video's decoded frames and codec, from getStats. */
  framesDecoded?: number;
  videoCodec?: string;
  trackKinds?: string[];
}

/**
 * Runs in a page: joins the room and plays one side of the seed flow. Resolves once that
 * side joined; `globalThis.seedFlow` then holds a promise of its {@link SideResult}.
 */
async function playSide(args: {
  url: string;
  room: string;
  role: 'offerer' | 'answerer';
  timeoutMs: number;
}): Promise<string> {
  type Client = typeof import('switchboard/client');
  type Payload = Parameters<import('switchboard/client').SignalingClient['signal']>[2];
  const sdk = (globalThis as unknown as { Switchboard: Client }).Switchboard;
  const client = sdk.createSignalingClient({ url: args.url });
  const pc = new RTCPeerConnection({ iceServers: [] });
  const result: SideResult = {
    sent: [],
    received: [],
    answer: '',
    messages: [],
    connectionState: 'new',
    trackKinds: [],
  };
  let other = '';
  let answerSent = args.role === 'offerer';
  const outbox: Payload[] = [];
  const pendingCandidates: RTCIceCandidateInit[] = [];
  const send = (payload: Payload) => {
    result.sent.push(payload.kind);
    client.signal(args.room, other, payload);
  };
  let finish: (r: SideResult) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const finished = new Promise<SideResult>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const timer = setTimeout(
    () => fail(new Error(`${args.role}: not done in time: ${JSON.stringify(result)}`)),
    args.timeoutMs,
  );

  // Candidates wait for the remote description (addIceCandidate before it throws), and the
  // answerer's own candidates wait until its answer is sent, as in the seed.
  pc.onicecandidate = ({ candidate }) => {
    const payload: Payload = candidate
      ? {
          kind: 'candidate',
          candidate: {
            candidate: candidate.candidate,
            sdpMid: candidate.sdpMid,
            sdpMLineIndex: candidate.sdpMLineIndex,
            usernameFragment: candidate.usernameFragment,
          },
        }
      : { kind: 'end-of-candidates' };
    if (answerSent) send(payload);
    else outbox.push(payload);
  };
  pc.onconnectionstatechange = () => {
    result.connectionState = pc.connectionState;
  };
  pc.ontrack = ({ track }) => result.trackKinds?.push(track.kind);

  const onChannel = (channel: RTCDataChannel) => {
    channel.onmessage = ({ data }) => {
      result.messages.push(String(data));
      if (args.role === 'answerer') channel.send('hello from the answerer');
    };
  };

  const answerOffer = async (sdp: string) => {
    await pc.setRemoteDescription({ type: 'offer', sdp });
    for (const c of pendingCandidates.splice(0)) await pc.addIceCandidate(c);
    const videoCodecs = RTCRtpReceiver.getCapabilities('video')?.codecs ?? [];
    const rank = (c: RTCRtpCodec) =>
      c.mimeType !== 'video/H264'
        ? 2
        : /packetization-mode=1/.test(c.sdpFmtpLine ?? '') &&
            /profile-level-id=42e01f/.test(c.sdpFmtpLine ?? '')
          ? 0
          : 1;
    for (const transceiver of pc.getTransceivers()) {
      transceiver.direction = 'recvonly';
      if (transceiver.receiver.track.kind === 'video') {
        transceiver.setCodecPreferences([...videoCodecs].sort((a, b) => rank(a) - rank(b)));
      }
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    result.answer = answer.sdp ?? '';
    send({ kind: 'description', description: { type: 'answer', sdp: result.answer } });
    answerSent = true;
    for (const payload of outbox.splice(0)) send(payload);
  };

  // Handlers go on before any await: a signal may arrive with the first frames.
  client.on('signal', ({ from, payload }) => {
    result.received.push(payload.kind);
    other ||= from;
    const step = async () => {
      if (payload.kind === 'description' && payload.description.type === 'offer') {
        await answerOffer(payload.description.sdp);
      } else if (payload.kind === 'description' && payload.description.type === 'answer') {
        result.answer = payload.description.sdp;
        await pc.setRemoteDescription({ type: 'answer', sdp: payload.description.sdp });
        for (const c of pendingCandidates.splice(0)) await pc.addIceCandidate(c);
      } else if (payload.kind === 'candidate') {
        const init: RTCIceCandidateInit = payload.candidate;
        if (pc.remoteDescription) await pc.addIceCandidate(init);
        else pendingCandidates.push(init);
      }
    };
    step().catch(fail);
  });

  const done = async () => {
    while (true) {
      const connected = pc.connectionState === 'connected';
      if (args.role === 'offerer') {
        if (connected && result.messages.length > 0) break;
      } else {
        const stats = await pc.getStats();
        let frames = 0;
        let codecId: string | undefined;
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            frames = s.framesDecoded ?? 0;
            codecId = s.codecId;
          }
        });
        result.framesDecoded = frames;
        result.videoCodec = codecId ? stats.get(codecId)?.mimeType : undefined;
        if (connected && frames > 0 && result.messages.length > 0) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    clearTimeout(timer);
    finish(result);
  };

  await client.connect();
  const joined = await client.join(args.room);
  if (args.role === 'answerer') {
    pc.ondatachannel = ({ channel }) => onChannel(channel);
  } else {
    other = joined.peers[0]?.peer ?? '';
    if (other === '') throw new Error('offerer: the answerer is not in the room');
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    const channel = pc.createDataChannel('chat');
    onChannel(channel);
    channel.onopen = () => channel.send('hello from the offerer');
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    send({ kind: 'description', description: { type: 'offer', sdp: offer.sdp ?? '' } });
  }
  done().catch(fail);
  const g = globalThis as unknown as {
    seedFlow: Promise<SideResult>;
    seedFlowClose: () => void;
  };
  g.seedFlow = finished;
  g.seedFlowClose = () => {
    pc.close();
    client.close();
  };
  return client.peer ?? '';
}

/** The facts the seed answer and a live answer should share. */
function shape(desc: SessionDescription) {
  return desc.media.map((m) => {
    const [first] = m.codecs();
    return {
      kind: m.kind,
      mid: m.mid,
      direction: m.direction ?? null,
      firstCodec: first?.name ?? null,
      profileLevelId: first?.parameters['profile-level-id'] ?? null,
      packetizationMode: first?.parameters['packetization-mode'] ?? null,
      setup: m.attribute('setup')?.role,
      sctpPort: m.attribute('sctp-port')?.port ?? null,
      candidates: m.attributes('candidate').length,
    };
  });
}

describe('the WebSocket seed flow', () => {
  test('the seed answer parses strictly, knows every line, and serializes back byte for byte', () => {
    const text = seedAnswer();
    const desc = parse(text);
    assert.equal(serialize(desc), text);
    assert.deepEqual(desc.unknownAttributes(), []);
    assert.deepEqual(desc.warnings, []);
  });

  let signaling: SignalingServer;
  let pages: { server: Server; url: string };
  let browser: Browser;

  before(async () => {
    signaling = createSignalingServer({ port: 0, host: '127.0.0.1', logger: false });
    await signaling.listening;
    pages = await startPageServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    pages?.server.closeAllConnections();
    await new Promise<void>((resolve) => (pages ? pages.server.close(() => resolve()) : resolve()));
    await signaling?.close();
  });

  test('Chromium offers audio, video and data; a receive-only Chromium answers through the server', {
    timeout: 60_000,
  }, async () => {
    const bundle = await bundleClient();
    const errors: string[] = [];
    const open = async (name: string): Promise<Page> => {
      const context = await browser.newContext();
      // Playwright ships functions as source; esbuild's __name helper must exist there.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${name}: ${m.text()}`);
      });
      await page.goto(pages.url);
      await page.addScriptTag({ content: bundle });
      return page;
    };
    const answerer = await open('answerer');
    const offerer = await open('offerer');
    const url = `ws://127.0.0.1:${signaling.address()?.port}/v1/ws`;
    const common = { url, room: ROOM, timeoutMs: FLOW_TIMEOUT_MS };
    await answerer.evaluate(playSide, { ...common, role: 'answerer' as const });
    await offerer.evaluate(playSide, { ...common, role: 'offerer' as const });
    const collect = (page: Page) =>
      page.evaluate(() => (globalThis as unknown as { seedFlow: Promise<SideResult> }).seedFlow);
    const [answered, offered] = await Promise.all([collect(answerer), collect(offerer)]);
    for (const page of [answerer, offerer]) {
      await page.evaluate(() =>
        (globalThis as unknown as { seedFlowClose(): void }).seedFlowClose(),
      );
    }

    // The signals: the answer first, then the answerer's trickled candidates.
    assert.equal(answered.sent[0], 'description');
    assert.ok(answered.sent.slice(1).length > 0, 'the answerer trickled candidates');
    assert.ok(answered.sent.slice(1).every((k) => k === 'candidate' || k === 'end-of-candidates'));
    assert.equal(offered.received[0], 'description');
    assert.ok(offered.received.includes('candidate'), 'candidates reached the offerer');
    assert.equal(offered.received.indexOf('description'), 0, 'no candidate came before the answer');
    assert.equal(answered.received[0], 'description', 'the offer came before its candidates');

    // The answer, as it came through the server, read with switchboard/sdp.
    assert.equal(offered.answer, answered.answer, 'the server relays the answer unchanged');
    const live = parse(offered.answer);
    const liveShape = shape(live);
    assert.deepEqual(
      liveShape.map((m) => [m.kind, m.direction]),
      [
        ['audio', 'recvonly'],
        ['video', 'recvonly'],
        ['application', null],
      ],
    );
    assert.equal(liveShape[1]?.firstCodec, 'H264');
    // Same shape as the seed's own libwebrtc answer: mids, directions, first codecs, DTLS
    // role, SCTP port, and no candidates inside (they are trickled).
    assert.deepEqual(liveShape, shape(parse(seedAnswer())));

    // The call: connected, video decoded at the answerer with H264, data both ways.
    assert.equal(offered.connectionState, 'connected');
    assert.equal(answered.connectionState, 'connected');
    assert.ok((answered.framesDecoded ?? 0) > 0, 'the answerer decoded video frames');
    assert.equal(answered.videoCodec, 'video/H264');
    assert.deepEqual([...(answered.trackKinds ?? [])].sort(), ['audio', 'video']);
    assert.deepEqual(answered.messages.slice(0, 1), ['hello from the offerer']);
    assert.deepEqual(offered.messages.slice(0, 1), ['hello from the answerer']);
    assert.deepEqual(errors, []);
  });
});
