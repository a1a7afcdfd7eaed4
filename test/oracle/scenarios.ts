import type { Page } from 'playwright-core';
import {
  addAudioVideoData,
  munged,
  mungedOffer,
  renegotiated,
  type ScenarioContext,
  type ScenarioRun,
  single,
} from './exchanges.ts';
import {
  appendTextSection,
  editFmtp,
  iceCredentialsOf,
  makeBundleOnly,
  removeBundleGroup,
  setIceCredentials,
  setPort,
} from './munge.ts';
import { PagePeers, type PageResult } from './page.ts';
import { collectWrtcOffer } from './wrtc-offer.ts';

/**
 * The oracle's scenarios: offers made by real WebRTC stacks (some munged), each answered by
 * a fresh Chromium RTCPeerConnection. Chromium's answer is what our `createAnswer` must
 * reproduce; the offering peer, where there is one, stays in `have-local-offer` so it can
 * judge our answer afterwards.
 */

/**
 * What the answering Chromium wanted from an m-section beyond the defaults of a peer with no
 * tracks; the oracle test passes these as `capabilities.transceivers`.
 */
export interface AnswererTransceiver {
  kind: 'audio' | 'video';
  mid: string;
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
}

/** A scenario after collection. */
export interface CollectedScenario extends ScenarioRun {
  name: string;
  transceivers: AnswererTransceiver[];
  /** Collection time, for the report. */
  ms: number;
}

/** How one scenario makes its offers and Chromium's answers. */
export interface Scenario {
  name: string;
  /** The stack that makes the offers. */
  source: 'chromium' | 'wrtc';
  /** Where the offer comes from and any munging, in words. */
  offer: string;
  /** What the answering Chromium does beyond `setRemoteDescription` and `createAnswer`. */
  answerer?: string;
  transceivers?: AnswererTransceiver[];
  run(ctx: ScenarioContext): Promise<ScenarioRun>;
}

const SIMULCAST_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4 },
  { rid: 'h', scaleResolutionDownBy: 2 },
  { rid: 'f' },
];

/** The scenarios, in collection order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'audio+video+data',
    source: 'chromium',
    offer: "Chromium: addTransceiver('audio'), addTransceiver('video'), createDataChannel",
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return single(ctx);
    },
  },
  {
    name: 'data only',
    source: 'chromium',
    offer: 'Chromium: createDataChannel only',
    run: async (ctx) => {
      await ctx.peers.run({ op: 'createDataChannel', peer: ctx.offerer, label: 'x' });
      return single(ctx);
    },
  },
  {
    name: 'recvonly',
    source: 'chromium',
    offer: "Chromium: addTransceiver('audio'|'video', { direction: 'recvonly' })",
    run: async (ctx) => {
      for (const kind of ['audio', 'video'] as const) {
        const init = { direction: 'recvonly' } as const;
        await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind, init });
      }
      return single(ctx);
    },
  },
  {
    name: 'recvonly, answerer sends',
    source: 'chromium',
    offer: "Chromium: addTransceiver('audio'|'video', { direction: 'recvonly' })",
    answerer: "sets both transceivers' direction to sendrecv after setRemoteDescription",
    transceivers: [
      { kind: 'audio', mid: '0', direction: 'sendrecv' },
      { kind: 'video', mid: '1', direction: 'sendrecv' },
    ],
    run: async (ctx) => {
      for (const kind of ['audio', 'video'] as const) {
        const init = { direction: 'recvonly' } as const;
        await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind, init });
      }
      const offer = await ctx.peers.createOffer(ctx.offerer);
      await ctx.peers.run({ op: 'setRemote', peer: ctx.answerer, type: 'offer', sdp: offer });
      for (const mid of ['0', '1']) {
        const op = { op: 'setDirection', peer: ctx.answerer, mid, direction: 'sendrecv' } as const;
        await ctx.peers.run(op);
      }
      const answer = await ctx.peers.run({ op: 'createAnswer', peer: ctx.answerer });
      return {
        exchanges: [{ offer, answer }],
        acceptor: { peer: ctx.offerer, localOffer: 'created' },
      };
    },
  },
  {
    name: 'h264 only',
    source: 'chromium',
    offer:
      "Chromium: addTransceiver('video') with setCodecPreferences keeping every H264 " +
      '(profiles 42001f, 42e01f, 4d001f; packetization-mode 0 and 1) and RTX',
    run: async (ctx) => {
      await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind: 'video' });
      const keep = [{ mimeType: 'video/H264' }];
      await ctx.peers.run({ op: 'preferCodecs', peer: ctx.offerer, kind: 'video', keep });
      return single(ctx);
    },
  },
  {
    name: 'h264 other levels',
    source: 'chromium',
    offer:
      'the h264-only offer munged: profile-level-id 42e01f -> 42e034 (level 5.2, above ' +
      "Chromium's 3.1), 4d001f -> 4d0015 (level 2.1) without level-asymmetry-allowed",
    run: async (ctx) => {
      await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind: 'video' });
      const keep = [{ mimeType: 'video/H264' }];
      await ctx.peers.run({ op: 'preferCodecs', peer: ctx.offerer, kind: 'video', keep });
      return munged(
        ctx,
        (offer) =>
          editFmtp(offer, '0', 'H264', (parameters) => {
            const plid = parameters.find(([name]) => name === 'profile-level-id')?.[1];
            if (plid === '42e01f') {
              return parameters.map(([n, v]) => [n, n === 'profile-level-id' ? '42e034' : v]);
            }
            if (plid === '4d001f') {
              return parameters
                .filter(([n]) => n !== 'level-asymmetry-allowed')
                .map(([n, v]) => [n, n === 'profile-level-id' ? '4d0015' : v]);
            }
            return parameters;
          }),
        true,
      );
    },
  },
  {
    name: 'vp9 profile 2 only',
    source: 'chromium',
    offer:
      "Chromium: addTransceiver('video') with setCodecPreferences keeping VP9 profile-id=2 and RTX",
    run: async (ctx) => {
      await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind: 'video' });
      const keep = [{ mimeType: 'video/VP9', fmtpIncludes: 'profile-id=2' }];
      await ctx.peers.run({ op: 'preferCodecs', peer: ctx.offerer, kind: 'video', keep });
      return single(ctx);
    },
  },
  {
    name: 'av1 only',
    source: 'chromium',
    offer: "Chromium: addTransceiver('video') with setCodecPreferences keeping AV1 and RTX",
    run: async (ctx) => {
      await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind: 'video' });
      const keep = [{ mimeType: 'video/AV1' }];
      await ctx.peers.run({ op: 'preferCodecs', peer: ctx.offerer, kind: 'video', keep });
      return single(ctx);
    },
  },
  {
    name: 'stereo opus',
    source: 'chromium',
    offer: "Chromium audio offer munged: opus fmtp gains 'stereo=1;sprop-stereo=1'",
    run: async (ctx) => {
      await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind: 'audio' });
      return munged(
        ctx,
        (offer) =>
          editFmtp(offer, '0', 'opus', (parameters) => [
            ...parameters,
            ['stereo', '1'],
            ['sprop-stereo', '1'],
          ]),
        true,
      );
    },
  },
  {
    name: 'unknown m=text',
    source: 'chromium',
    offer:
      'the audio+video+data offer munged: appended m=text 9 UDP/TLS/RTP/SAVPF 98 ' +
      '(rtpmap 98 t140/1000, mid 3, transport lines of the first section), mid 3 added to BUNDLE',
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return munged(ctx, (offer) => appendTextSection(offer, '3'), false);
    },
  },
  {
    name: 'port-0 video',
    source: 'chromium',
    offer: 'the audio+video+data offer munged: the video m= line gets port 0',
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return munged(ctx, (offer) => setPort(offer, '1', 0), true);
    },
  },
  {
    name: 'stopped video transceiver',
    source: 'chromium',
    offer:
      'Chromium audio+video+data, answered; then the offerer stops its video transceiver ' +
      'and offers again (m=video 0)',
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return renegotiated(ctx, () =>
        ctx.peers.run({ op: 'stopTransceiver', peer: ctx.offerer, mid: '1' }).then(() => {}),
      );
    },
  },
  {
    name: 'bundle-only video',
    source: 'chromium',
    offer: 'the audio+video+data offer munged: video gets port 0 and a=bundle-only',
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return munged(ctx, (offer) => makeBundleOnly(offer, '1'), true);
    },
  },
  {
    name: 'bundle-only video without transport',
    source: 'chromium',
    offer:
      'the audio+video+data offer munged: video gets port 0 and a=bundle-only, and loses its ' +
      'ICE and DTLS lines (RFC 9143: transport attributes only in the BUNDLE-tag section)',
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return munged(ctx, (offer) => makeBundleOnly(offer, '1', true), true);
    },
  },
  {
    name: 'ice restart',
    source: 'chromium',
    offer: 'Chromium audio+video+data, answered; then createOffer({ iceRestart: true })',
    answerer: 'the same answering peer answers both offers',
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return renegotiated(ctx, async () => {}, { iceRestart: true });
    },
  },
  {
    name: 'partial ice restart',
    source: 'chromium',
    offer:
      'Chromium audio+video without its BUNDLE group (munged), answered; then ' +
      'createOffer({ iceRestart: true }) munged: no BUNDLE group, and audio keeps the ICE ' +
      'credentials of the first offer, so only the video transport restarts',
    answerer: 'the same answering peer answers both offers',
    run: async (ctx) => {
      for (const kind of ['audio', 'video'] as const) {
        await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind });
      }
      const first = await mungedOffer(ctx, removeBundleGroup, true);
      const firstAnswer = await ctx.peers.answer(ctx.answerer, first.offer);
      await ctx.peers.run({ op: 'setRemote', peer: ctx.offerer, type: 'answer', sdp: firstAnswer });
      const audio = iceCredentialsOf(first.offer, '0');
      const second = await mungedOffer(
        ctx,
        (offer) => setIceCredentials(removeBundleGroup(offer), '0', audio),
        true,
        { iceRestart: true },
      );
      return {
        exchanges: [
          { offer: first.offer, answer: firstAnswer },
          { offer: second.offer, answer: await ctx.peers.answer(ctx.answerer, second.offer) },
        ],
        acceptor: second.acceptor,
      };
    },
  },
  {
    name: 'renegotiation adding video',
    source: 'chromium',
    offer: "Chromium audio+video+data, answered; then addTransceiver('video') and a second offer",
    answerer: 'the same answering peer answers both offers',
    run: async (ctx) => {
      await addAudioVideoData(ctx);
      return renegotiated(ctx, () =>
        ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind: 'video' }).then(() => {}),
      );
    },
  },
  {
    name: 'simulcast',
    source: 'chromium',
    offer: "Chromium: addTransceiver('video', sendonly, sendEncodings rids q, h, f)",
    run: async (ctx) => {
      const init = { direction: 'sendonly', sendEncodings: SIMULCAST_ENCODINGS } as const;
      await ctx.peers.run({ op: 'addTransceiver', peer: ctx.offerer, kind: 'video', init });
      return single(ctx);
    },
  },
  {
    name: 'wrtc audio+video+data',
    source: 'wrtc',
    offer: '@roamhq/wrtc in a child process: addTrack(audio), addTrack(video), createDataChannel',
    run: async (ctx) => {
      const offer = await ctx.wrtcOffer();
      return {
        exchanges: [{ offer, answer: await ctx.peers.answer(ctx.answerer, offer) }],
        acceptor: { peer: null, reason: 'the offerer is a wrtc peer in a process that has exited' },
      };
    },
  },
];

/** Everything one run collects: every scenario, and Chromium's offer for itself. */
export interface OracleCollection {
  scenarios: CollectedScenario[];
  /**
   * addTransceiver('audio'), addTransceiver('video', { sendEncodings: q, h, f }),
   * createDataChannel('x'), createOffer: the recipe of src/negotiation/presets.
   */
  selfOffer: string;
  /** Scenarios Chromium failed, by name: collection goes on without them. */
  failures: Record<string, string>;
  ms: number;
}

/**
 * Runs every scenario in `page` (and the wrtc child process). A scenario Chromium refuses
 * lands in `failures` rather than stopping the run. Peers stay open for {@link acceptAnswer}.
 */
export async function collectScenarios(
  page: Page,
  scenarios: readonly Scenario[] = SCENARIOS,
): Promise<OracleCollection> {
  const started = performance.now();
  const peers = new PagePeers(page);
  // The wrtc child takes a few hundred ms to start: run it alongside the Chromium scenarios.
  const wrtc = scenarios.some((scenario) => scenario.source === 'wrtc')
    ? collectWrtcOffer()
    : Promise.reject(new Error('no scenario asked for a wrtc offer'));
  wrtc.catch(() => {});
  const wrtcOffer = () => wrtc;
  const collection: OracleCollection = { scenarios: [], selfOffer: '', failures: {}, ms: 0 };

  await peers.create('self');
  await peers.run({ op: 'addTransceiver', peer: 'self', kind: 'audio' });
  await peers.run({
    op: 'addTransceiver',
    peer: 'self',
    kind: 'video',
    init: { sendEncodings: SIMULCAST_ENCODINGS },
  });
  await peers.run({ op: 'createDataChannel', peer: 'self', label: 'x' });
  collection.selfOffer = await peers.createOffer('self', undefined, false);

  for (const [index, scenario] of scenarios.entries()) {
    const begun = performance.now();
    const ctx = { peers, offerer: `${index}-offerer`, answerer: `${index}-answerer`, wrtcOffer };
    try {
      await peers.create(ctx.offerer);
      await peers.create(ctx.answerer);
      const { exchanges, acceptor } = await scenario.run(ctx);
      collection.scenarios.push({
        name: scenario.name,
        exchanges,
        transceivers: scenario.transceivers ?? [],
        acceptor,
        ms: performance.now() - begun,
      });
    } catch (error) {
      collection.failures[scenario.name] = (error as Error).message;
    }
  }
  collection.ms = performance.now() - started;
  return collection;
}

/**
 * Gives `answer` to the scenario's offering peer (setRemoteDescription), as Chromium would
 * apply it; `{ ok: false }` carries Chromium's error. Works once per scenario.
 */
export function acceptAnswer(
  page: Page,
  scenario: CollectedScenario,
  answer: string,
): Promise<PageResult> {
  const { peer } = scenario.acceptor;
  if (peer === null) throw new Error(`${scenario.name}: no acceptor (${scenario.acceptor.reason})`);
  return new PagePeers(page).try({ op: 'setRemote', peer, type: 'answer', sdp: answer });
}
