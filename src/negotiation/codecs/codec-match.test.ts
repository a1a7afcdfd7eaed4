import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RtpKind } from '../capabilities.ts';
import { isDynamicPayloadType, isSameCodec, type MatchableCodec } from './codec-match.ts';

/**
 * `[pt ]name/clock[/channels][ fmtp]`, e.g. `111 opus/48000/2 stereo=1` or
 * `VP9/90000 profile-id=2` (no payload type: not assigned).
 */
function codec(notation: string): MatchableCodec {
  const m = /^(?:(\d+) )?([^/ ]+)\/(\d+)(?:\/(\d+))?(?: (.*))?$/.exec(notation);
  if (!m) throw new Error(`bad notation ${notation}`);
  const [, pt, name = '', clock, channels, fmtp] = m;
  const parameters: Record<string, string> = {};
  for (const piece of fmtp?.split(';') ?? []) {
    const eq = piece.indexOf('=');
    if (eq < 0) parameters[piece] = '';
    else parameters[piece.slice(0, eq)] = piece.slice(eq + 1);
  }
  const out: MatchableCodec = { name, clockRate: Number(clock), parameters };
  if (pt !== undefined) out.payloadType = Number(pt);
  if (channels !== undefined) out.channels = Number(channels);
  return out;
}

// test name, kind, a, b, same?
// biome-ignore format: one case a line, read as a table
const CASES: [string, RtpKind, string, string, boolean][] = [
  // H.264 (RFC 6184): the decoded profile and packetization-mode, never the level
  ['H264 42e01f vs 42c01f: same (constrained-baseline)', 'video', 'H264/90000 profile-level-id=42e01f', 'H264/90000 profile-level-id=42c01f', true],
  ['H264 42e01f vs 4de01f: same (constrained-baseline)', 'video', 'H264/90000 profile-level-id=42e01f', 'H264/90000 profile-level-id=4de01f', true],
  ['H264 42e01f vs 42001f: different', 'video', 'H264/90000 profile-level-id=42e01f', 'H264/90000 profile-level-id=42001f', false],
  ['H264 42e01f vs 42e034: same (levels are not compared)', 'video', 'H264/90000 profile-level-id=42e01f', 'H264/90000 profile-level-id=42e034', true],
  ['H264 640c1f vs 64001f: different', 'video', 'H264/90000 profile-level-id=640c1f', 'H264/90000 profile-level-id=64001f', false],
  ['H264 profile-level-id absent vs 42e01f: same (default constrained-baseline)', 'video', 'H264/90000', 'H264/90000 profile-level-id=42e01f', true],
  ['H264 profile-level-id absent vs 42001f: different', 'video', 'H264/90000', 'H264/90000 profile-level-id=42001f', false],
  ['H264 58001f vs 58001f: different (not understood)', 'video', 'H264/90000 profile-level-id=58001f', 'H264/90000 profile-level-id=58001f', false],
  ['H264 packetization-mode absent vs 0: same', 'video', 'H264/90000', 'H264/90000 packetization-mode=0', true],
  ['H264 packetization-mode 1 vs 0: different', 'video', 'H264/90000 packetization-mode=1', 'H264/90000 packetization-mode=0', false],
  ['H264 packetization-mode 1 vs 01: different (compared as text)', 'video', 'H264/90000 packetization-mode=1', 'H264/90000 packetization-mode=01', false],
  ['H264 vs h264: same (names ignore case)', 'video', '102 H264/90000', '100 h264/90000', true],
  // VP9 (RFC 9628 6), AV1 (AV1 RTP spec 7.2), H.265 (RFC 7798 7.1)
  ['VP9 profile-id absent vs 0: same', 'video', 'VP9/90000', 'VP9/90000 profile-id=0', true],
  ['VP9 2 vs 0: different', 'video', 'VP9/90000 profile-id=2', 'VP9/90000 profile-id=0', false],
  ['VP9 2 vs 2: same', 'video', 'VP9/90000 profile-id=2', 'VP9/90000 profile-id=2', true],
  ['VP9 4 vs 4: different (not a profile)', 'video', 'VP9/90000 profile-id=4', 'VP9/90000 profile-id=4', false],
  ['VP9 profile-id 00 vs 0: same (read as a number)', 'video', 'VP9/90000 profile-id=00', 'VP9/90000 profile-id=0', true],
  ['AV1 profile absent vs 0: same', 'video', 'AV1/90000', 'AV1/90000 profile=0', true],
  ['AV1 1 vs 0: different', 'video', 'AV1/90000 profile=1', 'AV1/90000 profile=0', false],
  ['AV1 level-idx 5 vs 12: same (not compared)', 'video', 'AV1/90000 level-idx=5;profile=0;tier=0', 'AV1/90000 level-idx=12', true],
  ['AV1 tier 0 vs 1: same (not compared)', 'video', 'AV1/90000 tier=0', 'AV1/90000 tier=1', true],
  ['H265 profile-id absent vs 1: same', 'video', 'H265/90000', 'H265/90000 profile-id=1', true],
  ['H265 profile-id 1 vs 2: different', 'video', 'H265/90000 profile-id=1', 'H265/90000 profile-id=2', false],
  ['H265 level-id 93 vs 180: same (not compared)', 'video', 'H265/90000 level-id=93', 'H265/90000 level-id=180', true],
  ['H265 tier-flag 0 vs 1: different', 'video', 'H265/90000 level-id=120', 'H265/90000 level-id=120;tier-flag=1', false],
  ['H265 tx-mode absent vs srst: same (SRST, case ignored)', 'video', 'H265/90000', 'H265/90000 tx-mode=srst', true],
  ['H265 tx-mode SRST vs MRST: different', 'video', 'H265/90000 tx-mode=SRST', 'H265/90000 tx-mode=MRST', false],
  // everything else matches by name
  ['VP8 vs VP8 with max-fs: same (fmtp not compared)', 'video', '96 VP8/90000', '120 VP8/90000 max-fs=12288;max-fr=60', true],
  ['VP8/90000 vs VP8/80000: same (video clock rates not compared)', 'video', 'VP8/90000', 'VP8/80000', true],
  ['VP8 96 vs VP9 96: different', 'video', '96 VP8/90000', '96 VP9/90000', false],
  ['red/90000 vs ulpfec/90000: different', 'video', '118 red/90000', '118 ulpfec/90000', false],
  // audio: clock rate and channels (RFC 8866 6.6)
  ['opus/48000/2 vs opus/48000: different (channels)', 'audio', '111 opus/48000/2', '111 opus/48000', false],
  ['opus/48000/2 vs opus/44100/2: different (clock rate)', 'audio', 'opus/48000/2', 'opus/44100/2', false],
  ['PCMU/8000/1 vs PCMU/8000: same (channels absent = 1)', 'audio', '0 PCMU/8000/1', '0 PCMU/8000', true],
  ['opus/48000/2 vs OPUS/48000/2: same (names ignore case)', 'audio', '111 opus/48000/2', '109 OPUS/48000/2', true],
  ['opus stereo=1 vs opus: same (fmtp not compared)', 'audio', 'opus/48000/2 stereo=1', 'opus/48000/2', true],
  ['telephone-event/8000 vs telephone-event/48000: different', 'audio', '126 telephone-event/8000', '101 telephone-event/48000', false],
  // payload types: names inside the dynamic ranges 35-63 and 96-127, numbers outside
  ['PCMU static 0 vs pcmu dynamic 100: different (a static type compares payload types)', 'audio', '0 PCMU/8000', '100 pcmu/8000', false],
  ['static 0 vs static 8: different', 'audio', '0 PCMU/8000', '8 PCMU/8000', false],
  ['static 0 PCMU vs static 0 G711: same (the payload type decides)', 'audio', '0 PCMU/8000', '0 G711/8000', true],
  ['PCMU unassigned vs static 0: by name', 'audio', 'PCMU/8000', '0 PCMU/8000', true],
  ['PCMA unassigned vs static 0 PCMU: different by name', 'audio', 'PCMA/8000', '0 PCMU/8000', false],
  ['AV1 dynamic 45 vs dynamic 100: by name (35-63 is dynamic)', 'video', '45 AV1/90000', '100 AV1/90000', true],
  ['red dynamic 63 vs dynamic 127: by name', 'audio', '63 red/48000/2', '127 red/48000/2', true],
  ['VP8 64 vs 96: different (64-95 is not dynamic)', 'video', '64 VP8/90000', '96 VP8/90000', false],
  ['VP8 34 vs 100: different (34 is static)', 'video', '34 VP8/90000', '100 VP8/90000', false],
];

for (const [name, kind, a, b, same] of CASES) {
  test(name, () => {
    assert.equal(isSameCodec(kind, codec(a), codec(b)), same);
    assert.equal(isSameCodec(kind, codec(b), codec(a)), same, 'symmetric');
  });
}

test('dynamic payload types are 35-63 and 96-127', () => {
  const dynamic = Array.from({ length: 128 }, (_, pt) => pt).filter(isDynamicPayloadType);
  assert.equal(dynamic.length, 29 + 32);
  assert.deepEqual([dynamic[0], dynamic[28], dynamic[29], dynamic.at(-1)], [35, 63, 96, 127]);
});
