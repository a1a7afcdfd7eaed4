/**
 * createAnswer's codec and header extension rules, on small hand-written offers answered
 * with the Chromium preset (RFC 9429 5.3.1, RFC 3264 6.1; libwebrtc's NegotiateCodecs).
 * Codec notation: `pt name/clock[/channels][ fmtp]`; a bare `pt` is a static payload type
 * offered without a=rtpmap.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MediaSection, parse, validate } from 'switchboard/sdp';
import { type AnswerResult, createAnswer } from './answer.ts';
import type { RejectReason } from './answer-plan.ts';
import type { Capabilities, CodecCapability, RtpKind } from './capabilities.ts';
import { chromiumCapabilities } from './presets/chromium.ts';

const TRANSPORT = [
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:Wb3x',
  'a=ice-pwd:c1DMvMCxJ0hG9Lu9oY3bRzUq',
  `a=fingerprint:sha-256 ${Array(32).fill('5A').join(':')}`,
  'a=setup:actpass',
];

/** `a=rtpmap`/`a=fmtp` lines and the format of one offered codec in notation. */
function offeredCodec(notation: string): { pt: string; lines: string[] } {
  const m = /^(\d+)(?: ([^/ ]+\/\d+(?:\/\d+)?))?(?: (.+))?$/.exec(notation);
  if (!m) throw new Error(`bad codec notation ${notation}`);
  const [, pt = '', rtpmap, fmtp] = m;
  const lines: string[] = [];
  if (rtpmap !== undefined) lines.push(`a=rtpmap:${pt} ${rtpmap}`);
  if (fmtp !== undefined) lines.push(`a=fmtp:${pt} ${fmtp}`);
  return { pt, lines };
}

/** An offer with one bundled RTP section of `kind` offering `codecs`, plus `extra` lines. */
function rtpOffer(kind: RtpKind, codecs: string[], extra: string[] = []): string {
  const parsed = codecs.map(offeredCodec);
  return [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    `m=${kind} 9 UDP/TLS/RTP/SAVPF ${parsed.map((c) => c.pt).join(' ')}`,
    ...TRANSPORT,
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    ...parsed.flatMap((c) => c.lines),
    ...extra,
    '',
  ].join('\r\n');
}

/** createAnswer, checking that the answer parses strictly and validates clean. */
function answer(offer: string, caps: Capabilities = chromiumCapabilities()): AnswerResult {
  const result = createAnswer(offer, caps);
  const strict = parse(result.sdp, { mode: 'strict' });
  assert.deepEqual(validate(strict, { type: 'answer' }), []);
  return result;
}

/** The codecs of an answered section in notation. */
function codecsOf(media: MediaSection): string[] {
  return media.codecs().map((c) => {
    const channels = c.channels === undefined ? '' : `/${c.channels}`;
    const fmtp = c.fmtp === undefined ? '' : ` ${c.fmtp}`;
    return `${c.payloadType} ${c.name}/${c.clockRate}${channels}${fmtp}`;
  });
}

/** Chromium capabilities with the video codecs replaced. */
function videoCodecs(...codecs: CodecCapability[]): Capabilities {
  const caps = chromiumCapabilities();
  caps.codecs.video = codecs;
  return caps;
}

function h264(pt: number, fmtp: Record<string, string>): CodecCapability {
  return {
    name: 'H264',
    clockRate: 90000,
    parameters: fmtp,
    feedback: [],
    preferredPayloadType: pt,
  };
}

const H264_108 =
  '108 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f';
const H264_114 =
  '114 H264/90000 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f';

// name, kind, offered codecs, answered codecs (or the rejection), local capabilities
// biome-ignore format: one case a line, read as a table
const CASES: [string, RtpKind, string[], string[] | RejectReason, Capabilities?][] = [
  // dynamic payload types match by name, ignoring case; the answer keeps the offer's PT and spelling
  ['offer 100 vp8/90000 -> answer 100 vp8/90000 (names ignore case)', 'video', ['100 vp8/90000'], ['100 vp8/90000']],
  ['offer 100 VP8/90000 -> answer 100 (the offer\'s PT, not the local 96)', 'video', ['100 VP8/90000'], ['100 VP8/90000']],
  // static payload types match by number
  ['offer 0 8 without rtpmap -> answer 0 PCMU, 8 PCMA (static PTs by number)', 'audio', ['0', '8'], ['0 PCMU/8000', '8 PCMA/8000']],
  ['offer 100 PCMU/8000 -> dropped (local PCMU is static 0)', 'audio', ['100 PCMU/8000', '0'], ['0 PCMU/8000']],
  // audio: clock rate and channels, absent channels = 1
  ['offer opus/48000 (1 channel) x local opus/48000/2 -> no common codec', 'audio', ['111 opus/48000'], 'no-common-codec'],
  ['offer PCMU/8000/1 x local PCMU/8000 -> match (absent channels = 1)', 'audio', ['0 PCMU/8000/1'], ['0 PCMU/8000']],
  ['offer telephone-event/16000 -> dropped (clock rate)', 'audio', ['9 G722/8000', '101 telephone-event/16000', '102 telephone-event/8000'], ['9 G722/8000', '102 telephone-event/8000']],
  ['offer opus stereo=1 -> answer with the local fmtp', 'audio', ['109 opus/48000/2 stereo=1;useinbandfec=1'], ['109 opus/48000/2 minptime=10;useinbandfec=1']],
  // H.264: profile (42e01f ~ 42c01f, not 42001f) and packetization-mode (absent = 0)
  ['offer H264 42c01f pm=1 -> answer local 42e01f pm=1 (same profile)', 'video', ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42c01f'], ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f']],
  ['offer H264 42001f x local 42e01f only -> no common codec (baseline vs constrained baseline)', 'video', ['100 H264/90000 packetization-mode=1;profile-level-id=42001f'], 'no-common-codec', videoCodecs(h264(108, { 'level-asymmetry-allowed': '1', 'packetization-mode': '1', 'profile-level-id': '42e01f' }))],
  ['offer H264 42e01f without packetization-mode -> answer local pm=0', 'video', ['100 H264/90000 profile-level-id=42e01f'], ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f']],
  ['offer H264 pm=1 and pm=0 -> each answered by its own local codec', 'video', ['100 H264/90000 packetization-mode=0;profile-level-id=42e01f', '101 H264/90000 packetization-mode=1;profile-level-id=42e01f'], ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f', '101 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f']],
  // H.264 level: the local one when both allow level asymmetry, else the lower
  ['offer H264 42e00a (level 1) without asymmetry -> answer level 1 (42e00a)', 'video', ['100 H264/90000 packetization-mode=1;profile-level-id=42e00a'], ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e00a']],
  ['offer H264 42e00a (level 1) with asymmetry -> answer local level 3.1 (42e01f)', 'video', ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e00a'], ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f']],
  ['offer H264 42e01f with asymmetry x local 42e034 with asymmetry -> answer local level 5.2', 'video', ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f'], ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e034'], videoCodecs(h264(108, { 'level-asymmetry-allowed': '1', 'packetization-mode': '1', 'profile-level-id': '42e034' }))],
  ['offer H264 42e01f x local 42e034, asymmetry only local -> answer the lower 42e01f', 'video', ['100 H264/90000 packetization-mode=1;profile-level-id=42e01f'], ['100 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f'], videoCodecs(h264(108, { 'level-asymmetry-allowed': '1', 'packetization-mode': '1', 'profile-level-id': '42e034' }))],
  // VP9 profile-id and AV1 profile, absent = 0
  ['offer VP9 without profile-id -> answer VP9 profile-id=0', 'video', ['100 VP9/90000'], ['100 VP9/90000 profile-id=0']],
  ['offer VP9 profile-id=2 -> answer VP9 profile-id=2', 'video', ['100 VP9/90000 profile-id=2'], ['100 VP9/90000 profile-id=2']],
  ['offer VP9 profile-id=1 -> no common codec', 'video', ['100 VP9/90000 profile-id=1'], 'no-common-codec'],
  ['offer AV1 without profile -> answer AV1 profile=0', 'video', ['100 AV1/90000'], ['100 AV1/90000 level-idx=5;profile=0;tier=0']],
  ['offer AV1 profile=1 -> no common codec', 'video', ['100 AV1/90000 profile=1'], 'no-common-codec'],
  // RTX only for a matched codec, with the offer's PTs and rtx-time
  ['offer rtx of VP8 and of VP9 profile 1 -> only the rtx of VP8', 'video', ['100 VP8/90000', '101 rtx/90000 apt=100', '102 VP9/90000 profile-id=1', '103 rtx/90000 apt=102'], ['100 VP8/90000', '101 rtx/90000 apt=100']],
  ['offer rtx apt=100;rtx-time=3000 -> answer apt=100;rtx-time=3000', 'video', ['100 VP8/90000', '101 rtx/90000 apt=100;rtx-time=3000'], ['100 VP8/90000', '101 rtx/90000 apt=100;rtx-time=3000']],
  ['offer rtx naming no offered codec -> dropped', 'video', ['100 VP8/90000', '101 rtx/90000 apt=120'], ['100 VP8/90000']],
  // RED only with its primaries matched
  ['offer audio red 109/109 with opus 109 -> answer red with the offer\'s list', 'audio', ['109 opus/48000/2', '120 red/48000/2 109/109'], ['109 opus/48000/2 minptime=10;useinbandfec=1', '120 red/48000/2 109/109']],
  ['offer audio red 110/110 with unmatched primary 110 -> red dropped', 'audio', ['110 opus/48000', '120 red/48000/2 110/110', '0'], ['0 PCMU/8000']],
  ['offer video red + rtx + ulpfec -> answered like any codec', 'video', ['96 VP8/90000', '118 red/90000', '119 rtx/90000 apt=118', '120 ulpfec/90000'], ['96 VP8/90000', '118 red/90000', '119 rtx/90000 apt=118', '120 ulpfec/90000']],
  ['offer only red and rtx -> no common codec', 'video', ['118 red/90000', '119 rtx/90000 apt=118'], 'no-common-codec'],
  // the offer's order, not the local one
  ['offer VP9 before VP8 -> answer VP9 first (the offer\'s order)', 'video', ['98 VP9/90000 profile-id=0', '96 VP8/90000'], ['98 VP9/90000 profile-id=0', '96 VP8/90000']],
  ['offer opus after PCMU -> answer PCMU first', 'audio', ['0', '111 opus/48000/2'], ['0 PCMU/8000', '111 opus/48000/2 minptime=10;useinbandfec=1']],
];

for (const [name, kind, offered, expected, caps] of CASES) {
  test(name, () => {
    const result = answer(rtpOffer(kind, offered), caps);
    const media = result.answer.media[0] as MediaSection;
    if (typeof expected === 'string') {
      assert.equal(result.sections[0]?.reason, expected);
      assert.equal(media.media.port, 0);
    } else {
      assert.equal(result.sections[0]?.accepted, true);
      assert.deepEqual(codecsOf(media), expected);
    }
  });
}

test('offer VP8 with rtcp-fb nack, goog-remb, ccm tmmbr -> answer goog-remb, nack (intersection)', () => {
  const offer = rtpOffer(
    'video',
    ['100 VP8/90000'],
    ['a=rtcp-fb:100 nack', 'a=rtcp-fb:100 goog-remb', 'a=rtcp-fb:100 ccm tmmbr'],
  );
  const [vp8] = (answer(offer).answer.media[0] as MediaSection).codecs();
  assert.deepEqual(vp8?.feedback, ['goog-remb', 'nack']);
});

test('offer rtcp-fb:* nack pli -> answer nack pli per codec', () => {
  const offer = rtpOffer('video', ['100 VP8/90000'], ['a=rtcp-fb:* nack pli']);
  const [vp8] = (answer(offer).answer.media[0] as MediaSection).codecs();
  assert.deepEqual(vp8?.feedback, ['nack pli']);
});

test('the H.264 codecs of a Chromium offer are each answered with their own PT', () => {
  const offered = [
    '102 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
    H264_108,
    H264_114,
    '116 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f',
  ];
  assert.deepEqual(
    codecsOf(answer(rtpOffer('video', offered)).answer.media[0] as MediaSection),
    offered,
  );
});

// Header extensions: the intersection by URI, under the offer's ids (RFC 8285 6).
const MID = 'urn:ietf:params:rtp-hdrext:sdes:mid';
const AUDIO_LEVEL = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
const TWCC = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';
const TOFFSET = 'urn:ietf:params:rtp-hdrext:toffset';

// name, kind, offered extmap lines, answered `id uri`
// biome-ignore format: one case a line, read as a table
const EXTENSION_CASES: [string, RtpKind, string[], string[]][] = [
  ['offer extmap:9 sdes:mid -> answer extmap:9 (the offer\'s id, local is 4)', 'video', [`a=extmap:9 ${MID}`], [`9 ${MID}`]],
  ['offer an unknown URI -> dropped', 'video', [`a=extmap:9 ${MID}`, 'a=extmap:10 urn:example:not-known'], [`9 ${MID}`]],
  ['offer audio-level in video -> dropped (local knows it for audio only)', 'video', [`a=extmap:1 ${AUDIO_LEVEL}`, `a=extmap:3 ${TWCC}`], [`3 ${TWCC}`]],
  ['offer audio-level in audio -> kept', 'audio', [`a=extmap:1 ${AUDIO_LEVEL}`, `a=extmap:3 ${TWCC}`], [`1 ${AUDIO_LEVEL}`, `3 ${TWCC}`]],
  ['offer an encrypted extension (RFC 6904) -> dropped', 'video', [`a=extmap:5 urn:ietf:params:rtp-hdrext:encrypt ${TOFFSET}`, `a=extmap:9 ${MID}`], [`9 ${MID}`]],
  ['offer extmap:3/recvonly twcc -> answer extmap:3 twcc', 'video', [`a=extmap:3/recvonly ${TWCC}`], [`3 ${TWCC}`]],
  ['offer no extmap -> answer none', 'video', [], []],
];

for (const [name, kind, lines, expected] of EXTENSION_CASES) {
  test(name, () => {
    const codec = kind === 'audio' ? '111 opus/48000/2' : '96 VP8/90000';
    const media = answer(rtpOffer(kind, [codec], lines)).answer.media[0] as MediaSection;
    assert.deepEqual(
      media.attributes('extmap').map((e) => `${e.id} ${e.uri}`),
      expected,
    );
  });
}

test('session-level a=extmap applies to a section without its own (RFC 8285 8)', () => {
  const offer = rtpOffer('video', ['96 VP8/90000']).replace(
    'a=msid-semantic: WMS\r\n',
    `a=msid-semantic: WMS\r\na=extmap:9 ${MID}\r\n`,
  );
  const media = answer(offer).answer.media[0] as MediaSection;
  assert.deepEqual(
    media.attributes('extmap').map((e) => `${e.id} ${e.uri}`),
    [`9 ${MID}`],
  );
});
