import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, SDP_PROBLEMS, type SdpProblemCode, validate } from 'switchboard/sdp';
import { corpusFile, corpusFiles } from '../../test/corpus/corpus.ts';
import { seedAnswer } from '../../test/support/seeds.ts';

type SdpType = 'offer' | 'answer' | 'pranswer';

/** A real Chromium 102 offer (video, audio, data; BUNDLE 0 1 2; LF line endings). */
const CHROME = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp');
/** The same offer with three simulcast rids on the video section. */
const SIMULCAST = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer_simulcast.sdp');
/** A real libwebrtc answer (audio, video, data; setup:active; CRLF). */
const ANSWER = seedAnswer();

const UFRAG = 'a=ice-ufrag:z/Dr';
const PWD = 'a=ice-pwd:htxW+14W7sU3t9n5O6Mhd4ZS';
const FINGERPRINT =
  'a=fingerprint:sha-256 43:82:7F:11:56:18:FE:BC:A3:4B:86:D0:FB:32:20:03:B8:38:67:75:97:2C:95:32:7E:77:FD:5A:A1:92:13:B2';
const AUDIO_M = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 103 104 9 0 8 106 105 13 110 112 113 126';

// Edits work on whole lines and keep each line's terminator, so they suit LF and CRLF input.
type Edit = (sdp: string) => string;
const splitLines = (sdp: string) => sdp.split(/(?<=\n)/);
const bodyOf = (l: string) => l.replace(/\r?\n$/, '');

/** Replaces every occurrence of `from`; fails if there is none. */
const swap =
  (from: string, to: string): Edit =>
  (sdp) => {
    assert.ok(sdp.includes(from), `edit: "${from}" is in the SDP`);
    return sdp.replaceAll(from, to);
  };

/** Removes every line reading `line`; fails if there is none. */
const drop =
  (line: string): Edit =>
  (sdp) => {
    const kept = splitLines(sdp).filter((l) => bodyOf(l) !== line);
    assert.notEqual(kept.join(''), sdp, `edit: line "${line}" is in the SDP`);
    return kept.join('');
  };

/** Inserts `line` after every line reading `anchor`. */
const addAfter =
  (anchor: string, line: string): Edit =>
  (sdp) => {
    assert.ok(
      splitLines(sdp).some((l) => bodyOf(l) === anchor),
      `edit: "${anchor}" is in the SDP`,
    );
    return splitLines(sdp)
      .flatMap((l) => (bodyOf(l) === anchor ? [l, `${line}${l.slice(anchor.length)}`] : [l]))
      .join('');
  };

/** Applies edits to the `index`-th m-section only. */
const inSection =
  (index: number, ...edits: Edit[]): Edit =>
  (sdp) => {
    const parts = sdp.split(/(?=^m=)/m);
    const part = parts[index + 1];
    assert.ok(part !== undefined, `edit: m-section ${index} exists`);
    parts[index + 1] = edits.reduce((s, e) => e(s), part);
    return parts.join('');
  };

const edited = (base: string, ...edits: Edit[]) => edits.reduce((s, e) => e(s), base);

/** The 1-based number of the first line reading `line`. */
function lineOf(sdp: string, line: string): number {
  const index = splitLines(sdp).findIndex((l) => bodyOf(l) === line);
  assert.ok(index >= 0, `"${line}" is in the SDP`);
  return index + 1;
}

interface Case {
  /** `<what>: <expected codes>` or `<what>: clean`. */
  name: string;
  sdp: string;
  type: SdpType;
  codes: SdpProblemCode[];
  lenient?: boolean;
}

/** A case: `sdp` applied as `type` yields exactly `codes`. */
function row(what: string, type: SdpType, sdp: string, codes: SdpProblemCode[], lenient = false) {
  const name = `${what} as ${type}: ${codes.length === 0 ? 'clean' : codes.join(', ')}`;
  return { name, sdp, type, codes, lenient } satisfies Case;
}
/** The Chrome offer, edited, applied as an offer. */
const offer = (what: string, edits: Edit[], codes: SdpProblemCode[]) =>
  row(what, 'offer', edited(CHROME, ...edits), codes);
/** The libwebrtc answer, edited, applied as `type`. */
const answer = (what: string, edits: Edit[], codes: SdpProblemCode[], type: SdpType = 'answer') =>
  row(what, type, edited(ANSWER, ...edits), codes);
/** The Chrome simulcast offer, edited, applied as an offer. */
const simulcast = (what: string, edits: Edit[], codes: SdpProblemCode[]) =>
  row(what, 'offer', edited(SIMULCAST, ...edits), codes);

const bundle = (mids: string) => swap('BUNDLE 0 1 2', `BUNDLE ${mids}`);
const ABS_SEND_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time';
const KVS = 'awslabs__amazon-kinesis-video-streams-webrtc-sdk-c';

const CASES: Case[] = [
  // Real descriptions written by browsers: nothing to object to.
  ...[
    'elixir-webrtc__ex_webrtc/chromium_audio_video_sdp.txt',
    'elixir-webrtc__ex_webrtc/firefox_audio_video_sdp.txt',
    'webex__ts-sdp/chrome_102_a_v_dc_offer.sdp',
    'webex__ts-sdp/chrome_102_a_v_dc_offer_simulcast.sdp',
    'webex__ts-sdp/ffox_101_a_v_dc_offer.sdp',
    `${KVS}/1v1a1d-safari-mac.txt`,
  ].map((file) => row(file, 'offer', corpusFile(file), [])),
  row('libwebrtc answer (seed 000)', 'answer', ANSWER, []),
  row('libwebrtc answer (seed 000)', 'pranswer', ANSWER, []),
  // Real descriptions that browsers reject.
  row(
    `${KVS}/1v1a1d-chrome-mac.txt (BUNDLE 0-5, three sections)`,
    'offer',
    corpusFile(`${KVS}/1v1a1d-chrome-mac.txt`),
    ['SDP_PROBLEM_BUNDLE_UNKNOWN_MID'],
  ),
  row(
    'anjisuan783__mia/answer.sdp (BUNDLE 0 1 0 1, a=mid:1 twice, apt=96)',
    'answer',
    corpusFile('anjisuan783__mia/answer.sdp'),
    [
      'SDP_PROBLEM_BUNDLE_REPEATED_MID',
      'SDP_PROBLEM_DUPLICATE_MID',
      'SDP_PROBLEM_ASSOCIATED_PAYLOAD_TYPE',
    ],
    true,
  ),
  row(
    'anjisuan783__mia/FirefoxSimulcast.sdp (extmap 1 differs per section)',
    'offer',
    corpusFile('anjisuan783__mia/FirefoxSimulcast.sdp'),
    ['SDP_PROBLEM_BUNDLE_EXTMAP_CONFLICT'],
    true,
  ),
  // mid and BUNDLE.
  offer(
    'no a=mid on the data section',
    [drop('a=mid:2'), bundle('0 1')],
    ['SDP_PROBLEM_MISSING_MID'],
  ),
  answer(
    'rejected video without a=mid',
    [swap('m=video 9', 'm=video 0'), drop('a=mid:1'), bundle('0 2')],
    ['SDP_PROBLEM_MISSING_MID'],
  ),
  offer(
    'a=mid:1 on two sections',
    [swap('a=mid:2', 'a=mid:1'), bundle('0 1')],
    ['SDP_PROBLEM_DUPLICATE_MID'],
  ),
  offer(
    'a mid of 33 characters',
    [swap('a=mid:2', `a=mid:${'d'.repeat(33)}`), bundle(`0 1 ${'d'.repeat(33)}`)],
    ['SDP_PROBLEM_MID_TOO_LONG'],
  ),
  offer(
    'BUNDLE 0 1 2 3 over three sections',
    [bundle('0 1 2 3')],
    ['SDP_PROBLEM_BUNDLE_UNKNOWN_MID'],
  ),
  offer('BUNDLE 0 1 2 1', [bundle('0 1 2 1')], ['SDP_PROBLEM_BUNDLE_REPEATED_MID']),
  offer(
    'BUNDLE 0 1 + BUNDLE 1 2',
    [bundle('0 1\na=group:BUNDLE 1 2')],
    ['SDP_PROBLEM_BUNDLE_REPEATED_MID'],
  ),
  offer(
    'bundled audio without a=rtcp-mux',
    [inSection(1, drop('a=rtcp-mux'))],
    ['SDP_PROBLEM_BUNDLE_WITHOUT_RTCP_MUX'],
  ),
  offer(
    'extmap 1 toffset in video, audio-level in audio',
    [swap('a=extmap:14 urn', 'a=extmap:1 urn')],
    ['SDP_PROBLEM_BUNDLE_EXTMAP_CONFLICT'],
  ),
  offer(
    'PT 96 VP8 in video, ISAC in audio',
    [swap(' 63 103 104', ' 63 96 104'), swap('rtpmap:103 ISAC', 'rtpmap:96 ISAC')],
    ['SDP_PROBLEM_BUNDLE_PAYLOAD_TYPE_CONFLICT'],
  ),
  offer(
    'PT 96 VP8 in video, ISAC in audio, no BUNDLE',
    [
      drop('a=group:BUNDLE 0 1 2'),
      swap(' 63 103 104', ' 63 96 104'),
      swap('rtpmap:103 ISAC', 'rtpmap:96 ISAC'),
    ],
    [],
  ),
  // ICE.
  offer('without a=ice-pwd', [drop(PWD)], ['SDP_PROBLEM_MISSING_ICE_CREDENTIALS']),
  offer(
    'ICE on the BUNDLE-tag section only',
    [inSection(1, drop(UFRAG), drop(PWD)), inSection(2, drop(UFRAG), drop(PWD))],
    [],
  ),
  offer(
    'ICE at session level only',
    [drop(UFRAG), drop(PWD), addAfter('t=0 0', UFRAG), addAfter(UFRAG, PWD)],
    [],
  ),
  offer(
    'unbundled audio without ICE',
    [bundle('0 2'), inSection(1, drop(UFRAG), drop(PWD))],
    ['SDP_PROBLEM_MISSING_ICE_CREDENTIALS'],
  ),
  offer(
    'ice-ufrag:z/D (3 chars)',
    [swap(UFRAG, 'a=ice-ufrag:z/D')],
    ['SDP_PROBLEM_ICE_UFRAG_INVALID'],
  ),
  offer(
    'ice-ufrag:z/D_r ("_")',
    [swap(UFRAG, 'a=ice-ufrag:z/D_r')],
    ['SDP_PROBLEM_ICE_UFRAG_INVALID'],
  ),
  offer(
    'ice-pwd of 21 chars',
    [swap(PWD, 'a=ice-pwd:htxW+14W7sU3t9n5O6Mhd')],
    ['SDP_PROBLEM_ICE_PWD_INVALID'],
  ),
  offer(
    'ice-pwd with "_"',
    [swap(PWD, 'a=ice-pwd:htxW_14W7sU3t9n5O6Mhd4ZS')],
    ['SDP_PROBLEM_ICE_PWD_INVALID'],
  ),
  // DTLS.
  offer('without a=fingerprint', [drop(FINGERPRINT)], ['SDP_PROBLEM_MISSING_FINGERPRINT']),
  offer(
    'without a=fingerprint on the BUNDLE-tag section',
    [inSection(0, drop(FINGERPRINT))],
    ['SDP_PROBLEM_MISSING_FINGERPRINT'],
  ),
  offer(
    'a=fingerprint at session level only',
    [drop(FINGERPRINT), addAfter('t=0 0', FINGERPRINT)],
    [],
  ),
  offer('setup:active', [swap('setup:actpass', 'setup:active')], []),
  offer('setup:passive', [swap('setup:actpass', 'setup:passive')], []),
  offer('setup:holdconn', [swap('setup:actpass', 'setup:holdconn')], ['SDP_PROBLEM_SETUP_ROLE']),
  row('Chrome offer (setup:actpass)', 'answer', CHROME, ['SDP_PROBLEM_SETUP_ROLE']),
  answer('setup:actpass', [swap('setup:active', 'setup:actpass')], ['SDP_PROBLEM_SETUP_ROLE']),
  answer(
    'setup:holdconn',
    [swap('setup:active', 'setup:holdconn')],
    ['SDP_PROBLEM_SETUP_ROLE'],
    'pranswer',
  ),
  answer(
    'rejecting video (port 0, no ICE, setup or rtcp-mux)',
    [
      swap('m=video 9', 'm=video 0'),
      bundle('0 2'),
      inSection(1, drop('a=ice-ufrag:D9lK'), drop('a=setup:active'), drop('a=rtcp-mux')),
    ],
    [],
  ),
  // Data channels.
  offer(
    'UDP/DTLS/SCTP without a=sctp-port',
    [drop('a=sctp-port:5000')],
    ['SDP_PROBLEM_MISSING_SCTP_PORT'],
  ),
  offer(
    'bundle-only data section without a=sctp-port',
    [
      swap('m=application 9', 'm=application 0'),
      addAfter('a=mid:2', 'a=bundle-only'),
      drop('a=sctp-port:5000'),
    ],
    ['SDP_PROBLEM_MISSING_SCTP_PORT'],
  ),
  offer(
    'rejected data section without a=sctp-port',
    [swap('m=application 9', 'm=application 0'), bundle('0 1'), drop('a=sctp-port:5000')],
    [],
  ),
  offer(
    'DTLS/SCTP 5000 with a=sctpmap (draft-05)',
    [
      swap('UDP/DTLS/SCTP webrtc-datachannel', 'DTLS/SCTP 5000'),
      swap('a=sctp-port:5000', 'a=sctpmap:5000 webrtc-datachannel 1024'),
    ],
    [],
  ),
  // Payload types.
  offer('PT 128 on m=audio', [swap(AUDIO_M, `${AUDIO_M} 128`)], ['SDP_PROBLEM_PAYLOAD_TYPE_RANGE']),
  offer(
    'format "opus" on m=audio',
    [swap(AUDIO_M, `${AUDIO_M} opus`)],
    ['SDP_PROBLEM_PAYLOAD_TYPE_RANGE'],
  ),
  offer(
    'PT 72 with rtcp-mux',
    [swap(' 113 126', ' 113 72'), swap('rtpmap:126 ', 'rtpmap:72 ')],
    ['SDP_PROBLEM_PAYLOAD_TYPE_RTCP_CONFLICT'],
  ),
  offer(
    'PT 72 without rtcp-mux or BUNDLE',
    [
      drop('a=group:BUNDLE 0 1 2'),
      inSection(1, drop('a=rtcp-mux')),
      swap(' 113 126', ' 113 72'),
      swap('rtpmap:126 ', 'rtpmap:72 '),
    ],
    [],
  ),
  offer(
    'a=rtpmap:104 for a PT dropped from m=',
    [swap(' 103 104 9', ' 103 9')],
    ['SDP_PROBLEM_UNLISTED_PAYLOAD_TYPE'],
  ),
  offer(
    'a=rtcp-fb:50 nack',
    [addAfter('a=rtcp-fb:111 transport-cc', 'a=rtcp-fb:50 nack')],
    ['SDP_PROBLEM_UNLISTED_PAYLOAD_TYPE'],
  ),
  offer(
    'a=fmtp:50 x=1',
    [addAfter('a=rtcp-fb:111 transport-cc', 'a=fmtp:50 x=1')],
    ['SDP_PROBLEM_UNLISTED_PAYLOAD_TYPE'],
  ),
  simulcast(
    'a=rid:high send pt=50',
    [swap('a=rid:high send', 'a=rid:high send pt=50')],
    ['SDP_PROBLEM_UNLISTED_PAYLOAD_TYPE'],
  ),
  offer(
    'rtx apt=95 (unlisted)',
    [swap('a=fmtp:97 apt=96', 'a=fmtp:97 apt=95')],
    ['SDP_PROBLEM_ASSOCIATED_PAYLOAD_TYPE'],
  ),
  offer('rtx without apt=', [drop('a=fmtp:97 apt=96')], ['SDP_PROBLEM_ASSOCIATED_PAYLOAD_TYPE']),
  offer(
    'RED 111/50 (50 unlisted)',
    [swap('a=fmtp:63 111/111', 'a=fmtp:63 111/50')],
    ['SDP_PROBLEM_ASSOCIATED_PAYLOAD_TYPE'],
  ),
  // SSRC groups.
  offer(
    'ssrc-group:FID with one SSRC',
    [swap('FID 463310972 1580161111', 'FID 463310972')],
    ['SDP_PROBLEM_SSRC_GROUP_SIZE'],
  ),
  offer(
    'ssrc-group:FEC-FR with one SSRC',
    [swap('FID 463310972 1580161111', 'FEC-FR 463310972')],
    ['SDP_PROBLEM_SSRC_GROUP_SIZE'],
  ),
  offer(
    'ssrc-group:FID naming SSRC 42 without a=ssrc',
    [swap('FID 463310972 1580161111', 'FID 463310972 42')],
    ['SDP_PROBLEM_SSRC_GROUP_UNKNOWN_SSRC'],
  ),
  // Header extensions.
  offer('extmap 15 with extmap-allow-mixed', [swap('a=extmap:14 ', 'a=extmap:15 ')], []),
  offer(
    'extmap 15 without extmap-allow-mixed',
    [drop('a=extmap-allow-mixed'), swap('a=extmap:14 ', 'a=extmap:15 ')],
    ['SDP_PROBLEM_EXTMAP_ID_RANGE'],
  ),
  offer('extmap 256', [swap('a=extmap:14 ', 'a=extmap:256 ')], ['SDP_PROBLEM_EXTMAP_ID_RANGE']),
  offer('extmap 0', [swap('a=extmap:14 ', 'a=extmap:0 ')], ['SDP_PROBLEM_EXTMAP_ID_RANGE']),
  offer(
    'extmap 2 twice in audio',
    [inSection(1, addAfter('a=sendrecv', `a=extmap:2 ${ABS_SEND_TIME}`))],
    ['SDP_PROBLEM_DUPLICATE_EXTMAP_ID'],
  ),
  offer(
    'session extmap 2 redeclared in sections',
    [addAfter('a=extmap-allow-mixed', `a=extmap:2 ${ABS_SEND_TIME}`)],
    ['SDP_PROBLEM_DUPLICATE_EXTMAP_ID'],
  ),
  // Simulcast.
  simulcast(
    'simulcast rid low without a=rid',
    [drop('a=rid:low send')],
    ['SDP_PROBLEM_SIMULCAST_UNKNOWN_RID'],
  ),
  simulcast(
    'simulcast send rid low as a=rid:low recv',
    [swap('a=rid:low send', 'a=rid:low recv')],
    ['SDP_PROBLEM_SIMULCAST_UNKNOWN_RID'],
  ),
  simulcast(
    'simulcast without the rtp-stream-id extmap',
    [drop('a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id')],
    ['SDP_PROBLEM_SIMULCAST_WITHOUT_RID_EXTENSION'],
  ),
];

const codesOf = (c: Case) =>
  validate(parse(c.sdp, { mode: c.lenient ? 'lenient' : 'strict' }), { type: c.type }).map(
    (p) => p.code,
  );

describe('validate', () => {
  for (const c of CASES) {
    test(c.name, () => {
      assert.deepEqual(new Set(codesOf(c)), new Set(c.codes));
    });
  }

  test('every catalogue code is produced by a case', () => {
    const produced = new Set(CASES.flatMap((c) => c.codes));
    const missing = Object.keys(SDP_PROBLEMS).filter(
      (code) => !produced.has(code as SdpProblemCode),
    );
    assert.deepEqual(missing, []);
  });

  test('the catalogue is frozen, SDP_PROBLEM_-prefixed, one sentence and a spec per code', () => {
    assert.ok(Object.isFrozen(SDP_PROBLEMS));
    for (const [code, info] of Object.entries(SDP_PROBLEMS)) {
      assert.match(code, /^SDP_PROBLEM_[A-Z0-9_]+$/);
      assert.match(info.summary, /^[A-Z].*\.$/, code);
      assert.ok(info.spec.length > 0, code);
    }
  });

  test('locates a problem by m-section, mid and 1-based source line', () => {
    const sdp = edited(CHROME, inSection(1, swap(UFRAG, 'a=ice-ufrag:z/D')));
    const problems = validate(parse(sdp), { type: 'offer' });
    assert.deepEqual(
      problems.map(({ code, section, mid, line }) => ({ code, section, mid, line })),
      [
        {
          code: 'SDP_PROBLEM_ICE_UFRAG_INVALID',
          section: 1,
          mid: '1',
          line: lineOf(sdp, 'a=ice-ufrag:z/D'),
        },
      ],
    );
  });

  test('reports session-level problems without a section, in source order', () => {
    const sdp = edited(
      CHROME,
      inSection(1, swap(UFRAG, 'a=ice-ufrag:z/D')),
      swap('BUNDLE 0 1 2', 'BUNDLE 0 1 2 3'),
    );
    const problems = validate(parse(sdp), { type: 'offer' });
    assert.deepEqual(
      problems.map((p) => [p.code, p.section, p.mid, p.line]),
      [
        [
          'SDP_PROBLEM_BUNDLE_UNKNOWN_MID',
          undefined,
          undefined,
          lineOf(sdp, 'a=group:BUNDLE 0 1 2 3'),
        ],
        ['SDP_PROBLEM_ICE_UFRAG_INVALID', 1, '1', lineOf(sdp, 'a=ice-ufrag:z/D')],
      ],
    );
  });

  test('points at the m= line for something missing from a section', () => {
    const sdp = edited(CHROME, drop('a=sctp-port:5000'));
    const [problem] = validate(parse(sdp), { type: 'offer' });
    assert.equal(problem?.line, lineOf(sdp, 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel'));
    assert.equal(problem?.section, 2);
    assert.equal(problem?.mid, '2');
  });

  test('never throws on any corpus file (lenient parse), as offer or answer', () => {
    for (const file of corpusFiles()) {
      let desc: ReturnType<typeof parse>;
      try {
        desc = parse(file.text, { mode: 'lenient' });
      } catch {
        continue; // unrecoverable parse errors (limits, empty input) are parse's business
      }
      for (const type of ['offer', 'answer'] as const) validate(desc, { type });
    }
  });

  test('rejects an unknown options.type with a TypeError', () => {
    const desc = parse(CHROME);
    assert.throws(() => validate(desc, { type: 'rollback' as SdpType }), TypeError);
    assert.throws(() => validate(desc, undefined as unknown as { type: SdpType }), TypeError);
  });
});
