/**
 * What a peer tile shows from `RTCPeerConnection.getStats()` (W3C webrtc-stats): the type of
 * the selected candidate pair, its round-trip time, and the bitrate in each direction from
 * the byte counters of two samples. Pure functions over the report's entries, so they run on
 * any report, a recorded one included.
 */

/** One entry of a stats report: `type`, `id`, `timestamp` and the type's own fields. */
export type StatsEntry = {
  readonly id: string;
  readonly type: string;
  readonly timestamp: number;
} & {
  readonly [field: string]: unknown;
};

/** ICE candidate types (RFC 8445 section 5.1.1), as webrtc-stats spells them. */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/** The byte counters of one sample, for the next sample's bitrate. */
export interface StatsSample {
  /** The report's time (ms). */
  readonly at: number;
  readonly bytesReceived: number;
  readonly bytesSent: number;
}

/** What one sample says about a peer connection. */
export interface PeerStats {
  /** The selected pair's type: the least direct of its two candidates. */
  readonly pairType: CandidateType | undefined;
  readonly localCandidateType: CandidateType | undefined;
  readonly remoteCandidateType: CandidateType | undefined;
  /** `udp` or `tcp`, of the local candidate. */
  readonly protocol: string | undefined;
  /** The selected pair's current round-trip time (ms). */
  readonly rttMs: number | undefined;
  /** Bits per second received and sent since the previous sample. */
  readonly inboundBps: number | undefined;
  readonly outboundBps: number | undefined;
  /** Video frames decoded so far, over every inbound video stream. */
  readonly framesDecoded: number;
  readonly sample: StatsSample | undefined;
}

const CANDIDATE_TYPES: readonly CandidateType[] = ['host', 'srflx', 'prflx', 'relay'];
/** From most to least direct: a pair is as indirect as its least direct candidate. */
const DIRECTNESS: Record<CandidateType, number> = { host: 0, prflx: 1, srflx: 2, relay: 3 };

function candidateType(value: unknown): CandidateType | undefined {
  return (CANDIDATE_TYPES as readonly unknown[]).includes(value)
    ? (value as CandidateType)
    : undefined;
}

function numberField(entry: StatsEntry | undefined, field: string): number | undefined {
  const value = entry?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The pair type of two candidate types: `relay` if either relays, `host` only if both are. */
export function pairTypeOf(
  local: CandidateType | undefined,
  remote: CandidateType | undefined,
): CandidateType | undefined {
  if (local === undefined || remote === undefined) return local ?? remote;
  return DIRECTNESS[local] >= DIRECTNESS[remote] ? local : remote;
}

/**
 * The selected candidate pair: the one a transport names (`selectedCandidatePairId`), else
 * one flagged `selected` (Firefox), else a nominated pair that succeeded.
 */
export function selectedPair(entries: readonly StatsEntry[]): StatsEntry | undefined {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const entry of entries) {
    if (entry.type !== 'transport' || typeof entry.selectedCandidatePairId !== 'string') continue;
    const pair = byId.get(entry.selectedCandidatePairId);
    if (pair) return pair;
  }
  const pairs = entries.filter((entry) => entry.type === 'candidate-pair');
  return (
    pairs.find((pair) => pair.selected === true) ??
    pairs.find((pair) => pair.nominated === true && pair.state === 'succeeded')
  );
}

function bitrate(bytes: number, previous: number, seconds: number): number | undefined {
  // Counters restart with a new transport or pair; a drop is no traffic figure.
  if (!(seconds > 0) || bytes < previous) return undefined;
  return ((bytes - previous) * 8) / seconds;
}

/** Summarises one report; `previous` is the sample of the report before, for the bitrates. */
export function summarizeStats(report: Iterable<StatsEntry>, previous?: StatsSample): PeerStats {
  const entries = [...report];
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const pair = selectedPair(entries);
  const local = byId.get(String(pair?.localCandidateId));
  const remote = byId.get(String(pair?.remoteCandidateId));
  const localType = candidateType(local?.candidateType);
  const remoteType = candidateType(remote?.candidateType);
  const rtt = numberField(pair, 'currentRoundTripTime');

  // A transport's counters survive ICE restarts; a pair's start again with each new pair.
  const transport = entries.find((entry) => entry.type === 'transport');
  const counters = numberField(transport, 'bytesReceived') !== undefined ? transport : pair;
  const bytesReceived = numberField(counters, 'bytesReceived');
  const bytesSent = numberField(counters, 'bytesSent');
  const at = counters?.timestamp;
  const sample =
    bytesReceived !== undefined && bytesSent !== undefined && typeof at === 'number'
      ? { at, bytesReceived, bytesSent }
      : undefined;
  const seconds = sample && previous ? (sample.at - previous.at) / 1000 : 0;

  let framesDecoded = 0;
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
      framesDecoded += numberField(entry, 'framesDecoded') ?? 0;
    }
  }
  return {
    pairType: pairTypeOf(localType, remoteType),
    localCandidateType: localType,
    remoteCandidateType: remoteType,
    protocol: typeof local?.protocol === 'string' ? local.protocol : undefined,
    rttMs: rtt === undefined ? undefined : rtt * 1000,
    inboundBps:
      sample && previous
        ? bitrate(sample.bytesReceived, previous.bytesReceived, seconds)
        : undefined,
    outboundBps:
      sample && previous ? bitrate(sample.bytesSent, previous.bytesSent, seconds) : undefined,
    framesDecoded,
    sample,
  };
}

/** A round-trip time for people: `<1 ms`, `12 ms`, `1.2 s`; an en dash when unknown. */
export function formatRtt(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A bitrate for people: `0 kbps`, `850 kbps`, `1.2 Mbps`; an en dash when unknown. */
export function formatBitrate(bps: number | undefined): string {
  if (bps === undefined || !Number.isFinite(bps) || bps < 0) return '–';
  if (bps < 999_500) return `${Math.round(bps / 1000)} kbps`;
  return `${(bps / 1_000_000).toFixed(1)} Mbps`;
}
