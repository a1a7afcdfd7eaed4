import type { Page } from 'playwright-core';

/**
 * Peer connections in one Chromium page, driven from Node one operation at a time. The
 * page keeps its peers by name between calls, so an offering peer can stay in
 * `have-local-offer` until the oracle test hands it our answer.
 */

/** A codec to keep in `setCodecPreferences`: mime type, and a piece its fmtp must contain. */
export interface CodecFilter {
  mimeType: string;
  fmtpIncludes?: string;
}

/** One thing a page peer can be asked to do; each maps to one W3C webrtc-pc call. */
export type PageOp =
  | { op: 'create'; peer: string; bundlePolicy?: RTCBundlePolicy }
  | { op: 'addTransceiver'; peer: string; kind: 'audio' | 'video'; init?: RTCRtpTransceiverInit }
  | { op: 'createDataChannel'; peer: string; label: string }
  /** setCodecPreferences on every transceiver of `kind`; RTX and the kept codecs stay. */
  | { op: 'preferCodecs'; peer: string; kind: 'audio' | 'video'; keep: CodecFilter[] }
  /** createOffer, then setLocalDescription with it unless `setLocal` is false. */
  | { op: 'createOffer'; peer: string; options?: RTCOfferOptions; setLocal: boolean }
  /** createAnswer, then setLocalDescription with it. */
  | { op: 'createAnswer'; peer: string }
  | { op: 'setLocal'; peer: string; type: 'offer' | 'answer'; sdp: string }
  | { op: 'setRemote'; peer: string; type: 'offer' | 'answer'; sdp: string }
  /** Stops the transceiver bound to `mid`. */
  | { op: 'stopTransceiver'; peer: string; mid: string }
  /** Sets the direction of the transceiver bound to `mid`. */
  | { op: 'setDirection'; peer: string; mid: string; direction: RTCRtpTransceiverDirection }
  | { op: 'signalingState'; peer: string }
  | { op: 'closeAll' };

/** What a page operation returns: an SDP or a state for some, '' for the others. */
export type PageResult = { ok: true; value: string } | { ok: false; error: string };

/**
 * Runs one {@link PageOp} in the page. Playwright ships this function's source into the
 * page, so it may use only its argument and the page's globals; its peers live in
 * `globalThis.__oraclePeers`.
 */
async function runPageOp(op: PageOp): Promise<PageResult> {
  const scope = globalThis as unknown as { __oraclePeers?: Map<string, RTCPeerConnection> };
  if (!scope.__oraclePeers) scope.__oraclePeers = new Map();
  const peers = scope.__oraclePeers;
  const peerOf = (name: string) => {
    const peer = peers.get(name);
    if (!peer) throw new Error(`no peer named ${name}`);
    return peer;
  };
  const transceiverOf = (peer: RTCPeerConnection, mid: string) => {
    const found = peer.getTransceivers().find((t) => t.mid === mid);
    if (!found) throw new Error(`no transceiver with mid ${mid}`);
    return found;
  };
  try {
    switch (op.op) {
      case 'create': {
        if (peers.has(op.peer)) throw new Error(`peer ${op.peer} exists`);
        const config: RTCConfiguration = { iceServers: [] };
        if (op.bundlePolicy) config.bundlePolicy = op.bundlePolicy;
        peers.set(op.peer, new RTCPeerConnection(config));
        return { ok: true, value: '' };
      }
      case 'addTransceiver':
        peerOf(op.peer).addTransceiver(op.kind, op.init);
        return { ok: true, value: '' };
      case 'createDataChannel':
        peerOf(op.peer).createDataChannel(op.label);
        return { ok: true, value: '' };
      case 'preferCodecs': {
        const all = RTCRtpReceiver.getCapabilities(op.kind)?.codecs ?? [];
        const kept = all.filter(
          (codec) =>
            codec.mimeType.toLowerCase() === `${op.kind}/rtx` ||
            op.keep.some(
              (filter) =>
                codec.mimeType.toLowerCase() === filter.mimeType.toLowerCase() &&
                (filter.fmtpIncludes === undefined ||
                  (codec.sdpFmtpLine ?? '').includes(filter.fmtpIncludes)),
            ),
        );
        if (kept.every((codec) => codec.mimeType.toLowerCase() === `${op.kind}/rtx`)) {
          throw new Error(`no ${op.kind} codec matches ${JSON.stringify(op.keep)}`);
        }
        for (const transceiver of peerOf(op.peer).getTransceivers()) {
          if (transceiver.receiver.track.kind === op.kind) transceiver.setCodecPreferences(kept);
        }
        return { ok: true, value: '' };
      }
      case 'createOffer': {
        const peer = peerOf(op.peer);
        const offer = await peer.createOffer(op.options);
        if (op.setLocal) await peer.setLocalDescription(offer);
        return { ok: true, value: offer.sdp ?? '' };
      }
      case 'createAnswer': {
        const peer = peerOf(op.peer);
        const answer = await peer.createAnswer();
        await peer.setLocalDescription(answer);
        return { ok: true, value: answer.sdp ?? '' };
      }
      case 'setLocal':
        await peerOf(op.peer).setLocalDescription({ type: op.type, sdp: op.sdp });
        return { ok: true, value: '' };
      case 'setRemote':
        await peerOf(op.peer).setRemoteDescription({ type: op.type, sdp: op.sdp });
        return { ok: true, value: '' };
      case 'stopTransceiver':
        transceiverOf(peerOf(op.peer), op.mid).stop();
        return { ok: true, value: '' };
      case 'setDirection':
        transceiverOf(peerOf(op.peer), op.mid).direction = op.direction;
        return { ok: true, value: '' };
      case 'signalingState':
        return { ok: true, value: peerOf(op.peer).signalingState };
      case 'closeAll':
        for (const peer of peers.values()) peer.close();
        peers.clear();
        return { ok: true, value: '' };
    }
  } catch (error) {
    const e = error as Error;
    return { ok: false, error: `${e.name}: ${e.message}` };
  }
}

/** Chromium refused an operation; `message` is its DOMException name and message. */
export class PageOpError extends Error {
  readonly op: PageOp['op'];

  constructor(op: PageOp, message: string) {
    super(`${op.op}${'peer' in op ? ` on ${op.peer}` : ''}: ${message}`);
    this.name = 'PageOpError';
    this.op = op.op;
  }
}

/** Node's handle on the page's peers: every method is one {@link PageOp}. */
export class PagePeers {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Runs `op`; resolves to what Chromium returned, or to its refusal. */
  try(op: PageOp): Promise<PageResult> {
    return this.page.evaluate(runPageOp, op);
  }

  /** Runs `op`; throws {@link PageOpError} when Chromium refuses it. */
  async run(op: PageOp): Promise<string> {
    const result = await this.try(op);
    if (!result.ok) throw new PageOpError(op, result.error);
    return result.value;
  }

  async create(peer: string, bundlePolicy?: RTCBundlePolicy): Promise<void> {
    await this.run(bundlePolicy ? { op: 'create', peer, bundlePolicy } : { op: 'create', peer });
  }

  async createOffer(peer: string, options?: RTCOfferOptions, setLocal = true): Promise<string> {
    return this.run(
      options
        ? { op: 'createOffer', peer, options, setLocal }
        : { op: 'createOffer', peer, setLocal },
    );
  }

  /** The remote offer applied, then createAnswer and setLocalDescription: Chromium's answer. */
  async answer(peer: string, offer: string): Promise<string> {
    await this.run({ op: 'setRemote', peer, type: 'offer', sdp: offer });
    return this.run({ op: 'createAnswer', peer });
  }

  async closeAll(): Promise<void> {
    await this.run({ op: 'closeAll' });
  }
}
