import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Codec, SessionDescription } from '../model.ts';
import { parse } from '../parse.ts';
import { serialize } from '../serialize.ts';
import { type CodecSelector, preferCodecs, removeCodecs, reorderCodecs } from './codecs.ts';
import { corpusFile, ended, expectEdit, splitLines } from './harness.test.ts';

const CHROME = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp'); // LF
const EXTRA = corpusFile('webex__ts-sdp/offer_with_extra_codecs.sdp'); // LF, no final newline
const JSSIP = corpusFile('ibc__libsdptransform/jssip.sdp'); // CRLF
const FIREFOX = corpusFile('webex__ts-sdp/ffox_101_a_v_dc_offer.sdp'); // LF
const PCMU_ONLY = corpusFile('webex__ts-sdp/without_rtpmap.sdp'); // static PT 0, no rtpmap
const PION = corpusFile('pion__webrtc/rtp-forwarder.sdp'); // one codec per section

/** RED 63 carrying opus and G722: only one of its primaries goes. */
const RED_TWO_PRIMARIES = [
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.1',
  's=-',
  't=0 0',
  'm=audio 9 RTP/AVP 111 9 63',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/9',
  '',
].join('\n');

const CHROME_VIDEO_M =
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 127 121 125 107 108 109 124 120 123 119 35 36 41 42 114 115 116 117 118';
const CHROME_AUDIO_M =
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 103 104 9 0 8 106 105 13 110 112 113 126';

/** The input's rtpmap/fmtp/rtcp-fb lines of these payload types, with their terminators. */
function payloadTypeLines(input: string, section: number, pts: number[]): string[] {
  const sections = input.split(/^(?=m=)/m);
  const re = new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):(${pts.join('|')}) `);
  return splitLines(sections[section]!).filter((l) => re.test(l));
}

const pts = (desc: SessionDescription, media: number) =>
  desc.media[media]!.codecs().map((c) => c.payloadType);

interface RemoveCase {
  name: string;
  input: string;
  media: number;
  which: CodecSelector;
  /** Payload types that leave the section, dependants included. */
  gone: number[];
  m: [before: string, after: string];
  removed?: string[];
}

const removals: RemoveCase[] = [
  {
    name: "video remove ['VP8']: 96 and its RTX 97 go",
    input: CHROME,
    media: 0,
    which: ['VP8'],
    gone: [96, 97],
    m: [CHROME_VIDEO_M, CHROME_VIDEO_M.replace(' 96 97', '')],
    removed: ended(
      '\n',
      'a=rtpmap:96 VP8/90000',
      'a=rtcp-fb:96 goog-remb',
      'a=rtcp-fb:96 transport-cc',
      'a=rtcp-fb:96 ccm fir',
      'a=rtcp-fb:96 nack',
      'a=rtcp-fb:96 nack pli',
      'a=rtpmap:97 rtx/90000',
      'a=fmtp:97 apt=96',
    ),
  },
  {
    name: "audio remove ['opus']: RED 63 (111/111) goes with it",
    input: CHROME,
    media: 1,
    which: ['opus'],
    gone: [111, 63],
    m: [CHROME_AUDIO_M, CHROME_AUDIO_M.replace(' 111 63', '')],
    removed: ended(
      '\n',
      'a=rtpmap:111 opus/48000/2',
      'a=rtcp-fb:111 transport-cc',
      'a=fmtp:111 minptime=10;useinbandfec=1',
      'a=rtpmap:63 red/48000/2',
      'a=fmtp:63 111/111',
    ),
  },
  {
    name: 'audio remove [111] (LF, no final newline): RED 63 goes, the last line stays',
    input: EXTRA,
    media: 1,
    which: [111],
    gone: [111, 63],
    m: [
      'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 103 104 9 0 8 106 105 13 110 112 113 126',
      'm=audio 9 UDP/TLS/RTP/SAVPF 103 104 9 0 8 106 105 13 110 112 113 126',
    ],
  },
  {
    name: "video remove ['red']: RED 116 and its RTX 117 go, ULPFEC 118 stays",
    input: CHROME,
    media: 0,
    which: ['red'],
    gone: [116, 117],
    m: [CHROME_VIDEO_M, CHROME_VIDEO_M.replace(' 116 117', '')],
  },
  {
    name: 'video remove H264 packetization-mode=0 (predicate): 125 124 35 and their RTX',
    input: CHROME,
    media: 0,
    which: (c: Codec) => c.name === 'H264' && c.parameters['packetization-mode'] === '0',
    gone: [125, 107, 124, 120, 35, 36],
    m: [
      CHROME_VIDEO_M,
      CHROME_VIDEO_M.replace(' 125 107', '').replace(' 124 120', '').replace(' 35 36', ''),
    ],
  },
  {
    name: "video remove ['vp9', 'av1'] (names ignore case): 98 100 41 and their RTX",
    input: CHROME,
    media: 0,
    which: ['vp9', 'av1'],
    gone: [98, 99, 100, 101, 41, 42],
    m: [CHROME_VIDEO_M, CHROME_VIDEO_M.replace(' 98 99 100 101', '').replace(' 41 42', '')],
  },
  {
    name: "audio remove ['ISAC', 0] (CRLF): names and payload types mix",
    input: JSSIP,
    media: 0,
    which: ['ISAC', 0],
    gone: [103, 104, 0],
    m: [
      'm=audio 60017 RTP/SAVPF 111 103 104 0 8 106 105 13 126',
      'm=audio 60017 RTP/SAVPF 111 8 106 105 13 126',
    ],
  },
  {
    name: 'audio remove [111] where RED 63 is 111/9: RED keeps G722 and stays',
    input: RED_TWO_PRIMARIES,
    media: 0,
    which: [111],
    gone: [111],
    m: ['m=audio 9 RTP/AVP 111 9 63', 'm=audio 9 RTP/AVP 9 63'],
  },
  {
    name: 'video remove RTX [124] on its own: VP8 120 stays',
    input: FIREFOX,
    media: 0,
    which: [124],
    gone: [124],
    m: [
      'm=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 126 127 97 98',
      'm=video 9 UDP/TLS/RTP/SAVPF 120 121 125 126 127 97 98',
    ],
  },
];

describe('removeCodecs', () => {
  for (const c of removals) {
    test(c.name, () => {
      const eol = c.input.includes('\r\n') ? '\r\n' : '\n';
      const removedLines = c.removed ?? payloadTypeLines(c.input, c.media + 1, c.gone);
      const [mBefore, mAfter] = c.m;
      const { desc, reparsed } = expectEdit(
        c.input,
        (d) => assert.equal(removeCodecs(d.media[c.media]!, c.which), d.media[c.media]),
        { removed: [mBefore + eol, ...removedLines], added: [mAfter + eol] },
      );
      const before = pts(parse(c.input), c.media);
      assert.deepEqual(
        pts(reparsed, c.media),
        before.filter((pt) => !c.gone.includes(pt)),
      );
      assert.deepEqual(pts(desc, c.media), pts(reparsed, c.media));
    });
  }

  const refusals: { name: string; input: string; media: number; which: CodecSelector }[] = [
    {
      name: 'video remove every media codec: RangeError (only RED/RTX/ULPFEC would be left)',
      input: CHROME,
      media: 0,
      which: ['VP8', 'VP9', 'H264', 'AV1'],
    },
    {
      name: 'audio keep only CN and telephone-event: RangeError',
      input: CHROME,
      media: 1,
      which: (c) => c.name !== 'CN' && c.name !== 'telephone-event',
    },
    {
      name: "m=audio 0 remove ['PCMU'] (static, no rtpmap): RangeError",
      input: PCMU_ONLY,
      media: 0,
      which: ['PCMU'],
    },
    {
      name: "m=audio 111 OPUS remove ['opus']: RangeError",
      input: PION,
      media: 0,
      which: ['opus'],
    },
    { name: 'm=video 96 VP8 remove [96]: RangeError', input: PION, media: 1, which: [96] },
  ];
  for (const c of refusals) {
    test(`${c.name}, and the description is unchanged`, () => {
      const desc = parse(c.input);
      assert.throws(() => removeCodecs(desc.media[c.media]!, c.which), RangeError);
      assert.equal(serialize(desc), c.input);
    });
  }

  test('removing codecs the section does not have changes nothing', () => {
    expectEdit(
      CHROME,
      (d) => {
        const m = d.media[0]!.lines[0];
        removeCodecs(d.media[0]!, [5, 'G722']);
        removeCodecs(d.media[2]!, ['VP8']); // m=application: no codecs at all
        assert.equal(d.media[0]!.lines[0], m, 'the m= line is the same object');
      },
      {},
    );
  });

  test('a bad selector is a TypeError or RangeError', () => {
    const desc = parse(CHROME);
    assert.throws(() => removeCodecs(desc.media[0]!, 'VP8' as unknown as string[]), TypeError);
    assert.throws(() => removeCodecs(desc.media[0]!, [1.5]), RangeError);
    assert.throws(() => removeCodecs(desc.media[0]!, [null as unknown as number]), RangeError);
  });
});

interface OrderCase {
  name: string;
  input: string;
  media: number;
  edit: (media: SessionDescription['media'][number]) => unknown;
  m: [before: string, after: string] | undefined;
}

const orders: OrderCase[] = [
  {
    name: "video prefer ['H264']: every H264 with its RTX first, relative order kept",
    input: CHROME,
    media: 0,
    edit: (m) => preferCodecs(m, ['H264']),
    m: [
      CHROME_VIDEO_M,
      'm=video 9 UDP/TLS/RTP/SAVPF 127 121 125 107 108 109 124 120 123 119 35 36 114 115 96 97 98 99 100 101 41 42 116 117 118',
    ],
  },
  {
    name: "video prefer ['AV1', 'VP9']: AV1 group, then VP9 groups, then the rest",
    input: CHROME,
    media: 0,
    edit: (m) => preferCodecs(m, ['AV1', 'VP9']),
    m: [
      CHROME_VIDEO_M,
      'm=video 9 UDP/TLS/RTP/SAVPF 41 42 98 99 100 101 96 97 127 121 125 107 108 109 124 120 123 119 35 36 114 115 116 117 118',
    ],
  },
  {
    name: 'video prefer H264 profile-level-id 42e01f (predicate): 108 and 124 with RTX',
    input: CHROME,
    media: 0,
    edit: (m) => preferCodecs(m, (c) => c.parameters['profile-level-id'] === '42e01f'),
    m: [
      CHROME_VIDEO_M,
      'm=video 9 UDP/TLS/RTP/SAVPF 108 109 124 120 96 97 98 99 100 101 127 121 125 107 123 119 35 36 41 42 114 115 116 117 118',
    ],
  },
  {
    name: 'audio reorder [63, 111]: RED before opus (a listed follower moves itself)',
    input: CHROME,
    media: 1,
    edit: (m) => reorderCodecs(m, [63, 111]),
    m: [
      CHROME_AUDIO_M,
      'm=audio 9 UDP/TLS/RTP/SAVPF 63 111 103 104 9 0 8 106 105 13 110 112 113 126',
    ],
  },
  {
    name: "audio prefer ['red']: same as [63, 111]",
    input: CHROME,
    media: 1,
    edit: (m) => preferCodecs(m, ['red']),
    m: [
      CHROME_AUDIO_M,
      'm=audio 9 UDP/TLS/RTP/SAVPF 63 111 103 104 9 0 8 106 105 13 110 112 113 126',
    ],
  },
  {
    name: 'audio reorder [0, 8]: PCMU, PCMA, then opus still followed by RED',
    input: CHROME,
    media: 1,
    edit: (m) => reorderCodecs(m, [0, 8, 200]),
    m: [
      CHROME_AUDIO_M,
      'm=audio 9 UDP/TLS/RTP/SAVPF 0 8 111 63 103 104 9 106 105 13 110 112 113 126',
    ],
  },
  {
    name: "audio prefer ['PCMA', 'PCMU'] (CRLF)",
    input: JSSIP,
    media: 0,
    edit: (m) => preferCodecs(m, ['PCMA', 'PCMU']),
    m: [
      'm=audio 60017 RTP/SAVPF 111 103 104 0 8 106 105 13 126',
      'm=audio 60017 RTP/SAVPF 8 0 111 103 104 106 105 13 126',
    ],
  },
  {
    name: "audio prefer ['G722'] (LF, no final newline)",
    input: EXTRA,
    media: 1,
    edit: (m) => preferCodecs(m, ['G722']),
    m: [
      'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 103 104 9 0 8 106 105 13 110 112 113 126',
      'm=audio 9 UDP/TLS/RTP/SAVPF 9 111 63 103 104 0 8 106 105 13 110 112 113 126',
    ],
  },
  {
    name: 'video comparator by payload type descending: primaries sorted, RTX follow',
    input: FIREFOX,
    media: 0,
    edit: (m) => reorderCodecs(m, (a, b) => b.payloadType - a.payloadType),
    m: [
      'm=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 126 127 97 98',
      'm=video 9 UDP/TLS/RTP/SAVPF 126 127 121 125 120 124 97 98',
    ],
  },
  {
    name: 'video comparator by name: H264 126, H264 97, VP8, VP9 (stable)',
    input: FIREFOX,
    media: 0,
    edit: (m) => reorderCodecs(m, (a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    m: [
      'm=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 126 127 97 98',
      'm=video 9 UDP/TLS/RTP/SAVPF 126 127 97 98 120 124 121 125',
    ],
  },
  {
    name: "audio prefer ['opus'] when opus is first: nothing changes",
    input: CHROME,
    media: 1,
    edit: (m) => preferCodecs(m, ['opus']),
    m: undefined,
  },
  {
    name: 'm=application reorder []: nothing changes',
    input: CHROME,
    media: 2,
    edit: (m) => reorderCodecs(m, []),
    m: undefined,
  },
];

describe('reorderCodecs and preferCodecs: only the m= line changes', () => {
  for (const c of orders) {
    test(c.name, () => {
      const eol = c.input.includes('\r\n') ? '\r\n' : '\n';
      const original = parse(c.input).media[c.media]!.codecs();
      const { desc } = expectEdit(
        c.input,
        (d) => {
          const m = d.media[c.media]!.lines[0];
          assert.equal(c.edit(d.media[c.media]!), d.media[c.media], 'returns the section');
          if (c.m === undefined) assert.equal(d.media[c.media]!.lines[0], m, 'm= line kept');
        },
        c.m === undefined ? {} : { removed: [c.m[0] + eol], added: [c.m[1] + eol] },
      );
      // The codecs themselves (rtpmap, fmtp, feedback) are unchanged, only their order.
      const byPt = (list: Codec[]) => [...list].sort((a, b) => a.payloadType - b.payloadType);
      assert.deepEqual(byPt(desc.media[c.media]!.codecs()), byPt(original));
    });
  }

  test('a bad order is a TypeError', () => {
    const desc = parse(CHROME);
    assert.throws(() => reorderCodecs(desc.media[0]!, ['VP8'] as unknown as number[]), TypeError);
    assert.throws(() => reorderCodecs(desc.media[0]!, 96 as unknown as number[]), TypeError);
  });
});
