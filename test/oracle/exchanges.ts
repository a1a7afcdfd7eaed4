import type { PagePeers } from './page.ts';

/**
 * How scenarios run offer/answer exchanges between page peers: plain, with a munged offer,
 * or as a renegotiation of a first exchange. Each leaves the offerer in `have-local-offer`
 * for its last offer, so the oracle test can hand it our answer.
 */

/** One offer and Chromium's answer to it (createAnswer's output, also applied locally). */
export interface Exchange {
  offer: string;
  answer: string;
}

/** A page peer in `have-local-offer` whose local offer our answer to the last exchange fits. */
export interface Acceptor {
  peer: string;
  /** `munged`: Chromium took the munged offer as its local one; `original`: it refused, and
   * the offer it made stands in (the munge only narrows it, so an answer to one fits both). */
  localOffer: 'created' | 'munged' | 'original';
  /** Why Chromium refused the munged offer as local description, when it did. */
  refusal?: string;
}

/** What a scenario's `run` yields. */
export interface ScenarioRun {
  /** In negotiation order; each later offer renegotiates the session of the earlier ones. */
  exchanges: Exchange[];
  /** Where our answer to the last offer can be tried, or why nowhere. */
  acceptor: Acceptor | { peer: null; reason: string };
}

/** What a scenario's `run` gets: the page peers, names unique to it, and the wrtc offer. */
export interface ScenarioContext {
  peers: PagePeers;
  offerer: string;
  answerer: string;
  wrtcOffer(): Promise<string>;
}

/** Audio, video and a data channel on the offerer: Chromium's usual full offer. */
export async function addAudioVideoData({ peers, offerer }: ScenarioContext): Promise<void> {
  await peers.run({ op: 'addTransceiver', peer: offerer, kind: 'audio' });
  await peers.run({ op: 'addTransceiver', peer: offerer, kind: 'video' });
  await peers.run({ op: 'createDataChannel', peer: offerer, label: 'x' });
}

/** One plain exchange: the offerer's offer (set locally), answered by the answerer. */
export async function exchange(ctx: ScenarioContext, options?: RTCOfferOptions): Promise<Exchange> {
  const offer = await ctx.peers.createOffer(ctx.offerer, options);
  return { offer, answer: await ctx.peers.answer(ctx.answerer, offer) };
}

/** A single exchange whose offer the offerer keeps pending for our answer. */
export async function single(ctx: ScenarioContext): Promise<ScenarioRun> {
  return {
    exchanges: [await exchange(ctx)],
    acceptor: { peer: ctx.offerer, localOffer: 'created' },
  };
}

/**
 * A munged offer: `munge` applied to a fresh offer of the offerer, which then tries the
 * munged offer as its local description. When Chromium refuses, a `narrowing` munge (one
 * whose answers also answer the original offer) falls back to the original; otherwise the
 * scenario has no acceptor.
 */
export async function mungedOffer(
  ctx: ScenarioContext,
  munge: (offer: string) => string,
  narrowing: boolean,
  options?: RTCOfferOptions,
): Promise<{ offer: string; acceptor: ScenarioRun['acceptor'] }> {
  const created = await ctx.peers.createOffer(ctx.offerer, options, false);
  const offer = munge(created);
  const local = await ctx.peers.try({
    op: 'setLocal',
    peer: ctx.offerer,
    type: 'offer',
    sdp: offer,
  });
  if (local.ok) return { offer, acceptor: { peer: ctx.offerer, localOffer: 'munged' } };
  if (!narrowing) {
    const reason = `Chromium refuses the munged offer as local description: ${local.error}`;
    return { offer, acceptor: { peer: null, reason } };
  }
  await ctx.peers.run({ op: 'setLocal', peer: ctx.offerer, type: 'offer', sdp: created });
  return { offer, acceptor: { peer: ctx.offerer, localOffer: 'original', refusal: local.error } };
}

/** A single exchange with a munged offer (see {@link mungedOffer}). */
export async function munged(
  ctx: ScenarioContext,
  munge: (offer: string) => string,
  narrowing: boolean,
): Promise<ScenarioRun> {
  const { offer, acceptor } = await mungedOffer(ctx, munge, narrowing);
  return { exchanges: [{ offer, answer: await ctx.peers.answer(ctx.answerer, offer) }], acceptor };
}

/** The first exchange completed (Chromium's answer applied), then a second offer after `change`. */
export async function renegotiated(
  ctx: ScenarioContext,
  change: () => Promise<void>,
  options?: RTCOfferOptions,
): Promise<ScenarioRun> {
  const first = await exchange(ctx);
  await ctx.peers.run({ op: 'setRemote', peer: ctx.offerer, type: 'answer', sdp: first.answer });
  await change();
  const second = await exchange(ctx, options);
  return { exchanges: [first, second], acceptor: { peer: ctx.offerer, localOffer: 'created' } };
}
