/**
 * The page side of bench/setup.ts, bundled with esbuild for the browser and driven from Node
 * through `globalThis.setupBench`. One page per peer: each connects a signaling client
 * once; then per run one page hosts a fresh room (joins it first, untimed) and the other
 * joins it (timed). Both open the README's negotiated data channel in `setupPeer`, or the
 * joiner opens an in-band one. The same-page pc1/pc2 loopback runs here too.
 *
 * Every timestamp is `performance.timeOrigin + performance.now()`: milliseconds since the
 * epoch on the machine's clock, comparable between pages. Each side records milestones
 * (`Recorder`): peer connection events as the stack fires them, before the SDK's own
 * listeners, and each signal as the signaling client sends or receives it.
 */
import {
  createSignalingClient,
  joinRoom,
  type Room,
  type RoomOptions,
  type SignalingClient,
} from 'switchboard/client';
import type { SignalPayload } from 'switchboard/protocol';

/** Milestones of one side of one run, by name: the time each was first reached. */
export type Marks = Record<string, number>;

/** What a loopback run measured. */
export interface LoopbackResult {
  /** Both peer connections created (the loopback's start). */
  start: number;
  /** The data channel opened on pc1 and on pc2. */
  open: [number, number];
  marks: Marks;
}

/** What a timed join measured on the joining side. */
export interface JoinResult {
  marks: Marks;
  /** Whether the joiner is the polite side of the pair (it then yields when offers collide). */
  polite: boolean;
}

/** The API a page exposes to Node. */
export interface SetupBenchPage {
  now(): number;
  connect(url: string): Promise<string>;
  host(room: string, channel: ChannelMode): Promise<void>;
  join(room: string, channel: ChannelMode, timeoutMs: number): Promise<JoinResult>;
  hostMarks(timeoutMs: number): Promise<Marks>;
  /** The milestones of the current run so far, without waiting (for a failed run's report). */
  marks(): Marks;
  leave(): Promise<void>;
  loopback(timeoutMs: number): Promise<LoopbackResult>;
}

/**
 * How a pair gets its data channel: `negotiated`, both sides create it with the same id (as
 * the README does); `in-band`, the joining side creates it and the other receives it
 * (`datachannel` event, DCEP).
 */
export type ChannelMode = 'negotiated' | 'in-band';

const CHANNEL_LABEL = 'bench';
const NEGOTIATED: RTCDataChannelInit = { negotiated: true, id: 0 };

const now = (): number => performance.timeOrigin + performance.now();

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The milestones of one side of one run, each kept at its first occurrence. */
class Recorder {
  readonly marks: Marks = {};
  readonly #counts = new Map<string, number>();
  #resolveOpen!: (at: number) => void;
  #rejectOpen!: (error: Error) => void;
  /** Settles when this side's data channel opens, or the session reports an error. */
  readonly opened = new Promise<number>((resolve, reject) => {
    this.#resolveOpen = resolve;
    this.#rejectOpen = reject;
  });

  constructor() {
    this.opened.catch(() => {}); // Read by join()/hostMarks(); never an unhandled rejection.
  }

  mark(name: string, at = now()): void {
    this.marks[name] ??= at;
  }

  /** Marks the `n`th occurrence of `name` as `name n`. */
  count(name: string): void {
    const n = (this.#counts.get(name) ?? 0) + 1;
    this.#counts.set(name, n);
    this.mark(`${name} ${n}`);
  }

  open(): void {
    const at = now();
    this.mark('data channel open', at);
    this.#resolveOpen(at);
  }

  fail(error: unknown): void {
    this.#rejectOpen(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Marks what the peer connection does, before the SDK's own listeners see it. */
function instrument(pc: RTCPeerConnection, recorder: Recorder): void {
  pc.addEventListener('negotiationneeded', () => recorder.mark('negotiationneeded'));
  pc.addEventListener('signalingstatechange', () =>
    recorder.mark(`signaling ${pc.signalingState}`),
  );
  let candidates = 0;
  pc.addEventListener('icecandidate', ({ candidate }) => {
    if (!candidate?.candidate) {
      recorder.mark('gathering complete');
      return;
    }
    candidates += 1;
    recorder.mark(`local candidate ${candidates} (${candidate.protocol} ${candidate.type})`);
  });
  pc.addEventListener('iceconnectionstatechange', () =>
    recorder.mark(`ice ${pc.iceConnectionState}`),
  );
  pc.addEventListener('connectionstatechange', () =>
    recorder.mark(`connection ${pc.connectionState}`),
  );
}

let client: SignalingClient | undefined;
let room: Room | undefined;
let recorder: Recorder | undefined;

function connected(): SignalingClient {
  if (!client) throw new Error('connect() first');
  return client;
}

function roomOptions(current: Recorder, opens: boolean, channel: ChannelMode): RoomOptions {
  const opened = (dc: RTCDataChannel) => {
    if (dc.readyState === 'open') current.open();
    else dc.addEventListener('open', () => current.open());
  };
  return {
    createPeerConnection: (configuration) => {
      current.mark('peer connection created');
      const pc = new RTCPeerConnection(configuration);
      instrument(pc, current);
      return pc;
    },
    setupPeer: (session) => {
      if (channel === 'negotiated') {
        opened(session.connection.createDataChannel(CHANNEL_LABEL, NEGOTIATED));
      } else if (opens) {
        opened(session.connection.createDataChannel(CHANNEL_LABEL));
      } else {
        session.on('datachannel', ({ channel: dc }) => opened(dc));
      }
    },
  };
}

/** Joins `name` with a fresh recorder; the room's errors fail the run. */
async function enter(
  name: string,
  current: Recorder,
  opens: boolean,
  channel: ChannelMode,
): Promise<void> {
  recorder = current;
  room = await joinRoom(connected(), name, roomOptions(current, opens, channel));
  room.on('error', ({ error }) => current.fail(error));
}

const api: SetupBenchPage = {
  now,

  async connect(url) {
    client = createSignalingClient({ url });
    // Registered before any room's listeners, so these marks come first.
    const kind = (payload: SignalPayload) =>
      payload.kind === 'description' ? payload.description.type : payload.kind;
    client.on('signal', ({ payload }) => recorder?.count(`received ${kind(payload)}`));
    const signal = client.signal.bind(client);
    client.signal = (room, to, payload) => {
      recorder?.count(`sent ${kind(payload)}`);
      return signal(room, to, payload);
    };
    client.on('peerjoined', () => recorder?.mark('peer-joined received'));
    client.on('error', ({ error }) => recorder?.fail(error));
    const info = await client.connect();
    return info.peer;
  },

  async host(name, channel) {
    await enter(name, new Recorder(), false, channel);
  },

  async join(name, channel, timeoutMs) {
    const current = new Recorder();
    current.mark('join called');
    await enter(name, current, true, channel);
    current.mark('joinRoom resolved');
    await withTimeout(current.opened, timeoutMs, 'data channel open on the joining side');
    const [session] = room?.peers.values() ?? [];
    return { marks: current.marks, polite: session?.polite ?? false };
  },

  async hostMarks(timeoutMs) {
    const current = recorder;
    if (!current) throw new Error('host() first');
    await withTimeout(current.opened, timeoutMs, 'data channel open on the hosting side');
    return current.marks;
  },

  marks() {
    return recorder?.marks ?? {};
  },

  async leave() {
    const current = room;
    room = undefined;
    recorder = undefined;
    await current?.leave();
  },

  async loopback(timeoutMs) {
    const current = new Recorder();
    const start = now();
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    try {
      instrument(pc1, current);
      const opens = [pc1, pc2].map((pc) => {
        const channel = pc.createDataChannel(CHANNEL_LABEL, NEGOTIATED);
        return new Promise<number>((resolve) =>
          channel.addEventListener('open', () => resolve(now())),
        );
      });
      let failed!: (error: unknown) => void;
      const failure = new Promise<never>((_resolve, reject) => {
        failed = reject;
      });
      // Candidates go straight across, once the remote description is set (before it,
      // addIceCandidate throws).
      const trickle = (from: RTCPeerConnection, to: RTCPeerConnection) => {
        const remoteSet = new Promise<void>((resolve) => {
          to.addEventListener('signalingstatechange', () => {
            if (to.remoteDescription) resolve();
          });
        });
        from.addEventListener('icecandidate', ({ candidate }) => {
          if (candidate) remoteSet.then(() => to.addIceCandidate(candidate)).catch(failed);
        });
      };
      trickle(pc1, pc2);
      trickle(pc2, pc1);
      await pc1.setLocalDescription(await pc1.createOffer());
      await pc2.setRemoteDescription(pc1.localDescription as RTCSessionDescription);
      await pc2.setLocalDescription(await pc2.createAnswer());
      await pc1.setRemoteDescription(pc2.localDescription as RTCSessionDescription);
      const [open1 = 0, open2 = 0] = await withTimeout(
        Promise.race([Promise.all(opens), failure]),
        timeoutMs,
        'loopback data channel open',
      );
      return { start, open: [open1, open2], marks: current.marks };
    } finally {
      pc1.close();
      pc2.close();
    }
  },
};

(globalThis as unknown as { setupBench: SetupBenchPage }).setupBench = api;
