/**
 * The peer tile's stats (web/pages/call/peer-stats.ts) as tables over recorded-shape
 * reports: which pair is selected, its type, RTT, bitrates between two samples, and the
 * words the tile shows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CandidateType,
  formatBitrate,
  formatRtt,
  pairTypeOf,
  type StatsEntry,
  selectedPair,
  summarizeStats,
} from '../../web/pages/call/peer-stats.ts';

function entry(type: string, id: string, fields: Record<string, unknown> = {}): StatsEntry {
  return { type, id, timestamp: 1000, ...fields };
}

/** A Chromium-shaped report: a transport naming its pair, both candidates, video in. */
function report(options: {
  at?: number;
  local?: CandidateType;
  remote?: CandidateType;
  rtt?: number;
  bytesReceived?: number;
  bytesSent?: number;
  frames?: number[];
}): StatsEntry[] {
  const at = options.at ?? 1000;
  return [
    entry('transport', 'T1', {
      timestamp: at,
      selectedCandidatePairId: 'CP1',
      bytesReceived: options.bytesReceived ?? 0,
      bytesSent: options.bytesSent ?? 0,
    }),
    entry('candidate-pair', 'CP0', {
      localCandidateId: 'L0',
      remoteCandidateId: 'R0',
      state: 'failed',
    }),
    entry('candidate-pair', 'CP1', {
      timestamp: at,
      localCandidateId: 'L1',
      remoteCandidateId: 'R1',
      state: 'succeeded',
      nominated: true,
      ...(options.rtt === undefined ? {} : { currentRoundTripTime: options.rtt }),
    }),
    entry('local-candidate', 'L0', { candidateType: 'relay', protocol: 'udp' }),
    entry('remote-candidate', 'R0', { candidateType: 'relay' }),
    entry('local-candidate', 'L1', { candidateType: options.local ?? 'host', protocol: 'udp' }),
    entry('remote-candidate', 'R1', { candidateType: options.remote ?? 'host' }),
    ...(options.frames ?? []).map((framesDecoded, i) =>
      entry('inbound-rtp', `IV${i}`, { kind: 'video', framesDecoded }),
    ),
    entry('inbound-rtp', 'IA', { kind: 'audio', framesDecoded: 999 }),
  ];
}

describe('pairTypeOf', () => {
  const cases: [
    local: CandidateType | undefined,
    remote: CandidateType | undefined,
    pair: CandidateType | undefined,
  ][] = [
    ['host', 'host', 'host'],
    ['host', 'srflx', 'srflx'],
    ['srflx', 'prflx', 'srflx'],
    ['prflx', 'host', 'prflx'],
    ['relay', 'host', 'relay'],
    ['srflx', 'relay', 'relay'],
    ['host', undefined, 'host'],
    [undefined, 'relay', 'relay'],
    [undefined, undefined, undefined],
  ];
  for (const [local, remote, pair] of cases) {
    test(`${local} <-> ${remote} -> ${pair}`, () => assert.equal(pairTypeOf(local, remote), pair));
  }
});

describe('selectedPair', () => {
  const cases: [name: string, entries: StatsEntry[], id: string | undefined][] = [
    ['the transport names it', report({}), 'CP1'],
    [
      'flagged selected (Firefox)',
      [
        entry('candidate-pair', 'A', { nominated: true, state: 'succeeded' }),
        entry('candidate-pair', 'B', { selected: true }),
      ],
      'B',
    ],
    [
      'else a nominated pair that succeeded',
      [
        entry('candidate-pair', 'A', { nominated: true, state: 'in-progress' }),
        entry('candidate-pair', 'B', { nominated: true, state: 'succeeded' }),
      ],
      'B',
    ],
    [
      'a transport naming a missing pair, no other',
      [entry('transport', 'T', { selectedCandidatePairId: 'X' })],
      undefined,
    ],
    ['an empty report', [], undefined],
  ];
  for (const [name, entries, id] of cases) {
    test(`${name} -> ${id ?? 'none'}`, () => assert.equal(selectedPair(entries)?.id, id));
  }
});

describe('summarizeStats', () => {
  test('reads type, protocol and RTT of the selected pair, and sums video frames', () => {
    const stats = summarizeStats(
      report({ local: 'host', remote: 'srflx', rtt: 0.0123, frames: [10, 5] }),
    );
    assert.equal(stats.pairType, 'srflx');
    assert.equal(stats.localCandidateType, 'host');
    assert.equal(stats.remoteCandidateType, 'srflx');
    assert.equal(stats.protocol, 'udp');
    assert.equal(stats.rttMs, 12.3);
    assert.equal(stats.framesDecoded, 15);
    assert.equal(stats.inboundBps, undefined, 'no bitrate from one sample');
  });

  const bitrates: [
    name: string,
    previous: Parameters<typeof report>[0],
    next: Parameters<typeof report>[0],
    inbound: number | undefined,
    outbound: number | undefined,
  ][] = [
    [
      'one second apart',
      { at: 1000, bytesReceived: 1000, bytesSent: 0 },
      { at: 2000, bytesReceived: 126_000, bytesSent: 62_500 },
      1_000_000,
      500_000,
    ],
    [
      'half a second apart',
      { at: 1000, bytesReceived: 0, bytesSent: 0 },
      { at: 1500, bytesReceived: 1000, bytesSent: 0 },
      16_000,
      0,
    ],
    [
      'counters that went back (a new transport)',
      { at: 1000, bytesReceived: 5000, bytesSent: 5000 },
      { at: 2000, bytesReceived: 100, bytesSent: 100 },
      undefined,
      undefined,
    ],
    [
      'no time between the samples',
      { at: 1000, bytesReceived: 0, bytesSent: 0 },
      { at: 1000, bytesReceived: 10, bytesSent: 10 },
      undefined,
      undefined,
    ],
  ];
  for (const [name, previous, next, inbound, outbound] of bitrates) {
    test(`bitrate ${name}: in ${inbound}, out ${outbound}`, () => {
      const first = summarizeStats(report(previous));
      const second = summarizeStats(report(next), first.sample);
      assert.equal(second.inboundBps, inbound);
      assert.equal(second.outboundBps, outbound);
    });
  }

  test('an empty report says nothing', () => {
    assert.deepEqual(summarizeStats([]), {
      pairType: undefined,
      localCandidateType: undefined,
      remoteCandidateType: undefined,
      protocol: undefined,
      rttMs: undefined,
      inboundBps: undefined,
      outboundBps: undefined,
      framesDecoded: 0,
      sample: undefined,
    });
  });

  test('ignores candidate types it does not know', () => {
    const entries = report({}).map((e) => (e.id === 'L1' ? { ...e, candidateType: 'bogus' } : e));
    assert.equal(summarizeStats(entries).localCandidateType, undefined);
    assert.equal(summarizeStats(entries).pairType, 'host');
  });
});

describe('formatRtt', () => {
  const cases: [ms: number | undefined, text: string][] = [
    [undefined, '–'],
    [Number.NaN, '–'],
    [-1, '–'],
    [0, '<1 ms'],
    [0.4, '<1 ms'],
    [1, '1 ms'],
    [12.6, '13 ms'],
    [999.4, '999 ms'],
    [1200, '1.2 s'],
  ];
  for (const [ms, text] of cases) {
    test(`${ms} -> ${text}`, () => assert.equal(formatRtt(ms), text));
  }
});

describe('formatBitrate', () => {
  const cases: [bps: number | undefined, text: string][] = [
    [undefined, '–'],
    [Number.POSITIVE_INFINITY, '–'],
    [0, '0 kbps'],
    [499, '0 kbps'],
    [182_400, '182 kbps'],
    [999_499, '999 kbps'],
    [999_500, '1.0 Mbps'],
    [2_345_678, '2.3 Mbps'],
  ];
  for (const [bps, text] of cases) {
    test(`${bps} -> ${text}`, () => assert.equal(formatBitrate(bps), text));
  }
});
