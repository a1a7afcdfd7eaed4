import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DiffOptions, diff, parse } from 'switchboard/sdp';
import { corpusFile, corpusFiles, KNOWN_GOOD_BROWSER } from '../../test/corpus/corpus.ts';

/** A real Chromium 102 offer (video mid 0, audio mid 1, data mid 2; BUNDLE 0 1 2; LF). */
const CHROME = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp');
/** The same offer with three simulcast rids on the video section. */
const SIMULCAST = corpusFile('webex__ts-sdp/chrome_102_a_v_dc_offer_simulcast.sdp');

const FINGERPRINT =
  '43:82:7F:11:56:18:FE:BC:A3:4B:86:D0:FB:32:20:03:B8:38:67:75:97:2C:95:32:7E:77:FD:5A:A1:92:13:B2';
const VIDEO_PTS =
  '96 97 98 99 100 101 127 121 125 107 108 109 124 120 123 119 35 36 41 42 114 115 116 117 118';
const DATA_SECTION = [
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:z/Dr',
  'a=ice-pwd:htxW+14W7sU3t9n5O6Mhd4ZS',
  'a=ice-options:trickle',
  `a=fingerprint:sha-256 ${FINGERPRINT}`,
  'a=setup:actpass',
  'a=mid:2',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  '',
].join('\n');

/**
 * `text` with each `[search, replacement]` applied once (every match for a global
 * RegExp). Fails when a search finds nothing, so a stale edit cannot pass as "no change".
 */
function edit(text: string, ...edits: [search: string | RegExp, replacement: string][]): string {
  for (const [search, replacement] of edits) {
    const found = typeof search === 'string' ? text.includes(search) : search.test(text);
    assert.ok(found, `edit target ${String(search)} is in the SDP`);
    if (search instanceof RegExp) search.lastIndex = 0;
    text = text.replace(search, replacement);
  }
  return text;
}

/** The same description with the lines of every section after its first in reverse order. */
function reverseLines(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sections: string[][] = [];
  for (const line of text.split(eol)) {
    if (line === '') continue;
    if (line.startsWith('m=') || sections.length === 0) sections.push([line]);
    else sections[sections.length - 1]?.push(line);
  }
  return sections.map(([first, ...rest]) => [first, ...rest.reverse()].join(eol) + eol).join('');
}

/** The differences as `String(d)` lines. */
function lines(a: string, b: string, options?: DiffOptions): string[] {
  const lenient = { mode: 'lenient' } as const;
  return diff(parse(a, lenient), parse(b, lenient), options).map(String);
}

/** Chrome run twice: every random value drawn again, nothing else changed. */
const CHROME_AGAIN = edit(
  CHROME,
  ['o=- 8643467220501996797 2', 'o=- 4611731400430051336 3'],
  [/a=ice-ufrag:z\/Dr/g, 'a=ice-ufrag:Q2xp'],
  [/a=ice-pwd:htxW\+14W7sU3t9n5O6Mhd4ZS/g, 'a=ice-pwd:0bXv7cD9m4Lh2Ysx8wJ1qAe5'],
  [new RegExp(FINGERPRINT, 'g'), FINGERPRINT.replace('43:82', 'A0:11')],
  [/463310972/g, '1111111111'],
  [/1580161111/g, '2222222222'],
  [/3049737420/g, '3333333333'],
  [/w9sL9OYuEWlvlk2L/g, 'Zr8kq0bB3mNc5pQe'],
  [/90332283-0895-446e-ade3-19e313c46e4f/g, 'a2f4f3e1-6d0e-4f8e-9a3c-0c4b7e2d1f00'],
  [/1b85c8bd-1fb6-4358-a8a7-ea291c6c0f8b/g, 'c7d0e9a4-2b6f-4e1d-8f3a-5e9b1c2d3e4f'],
);

interface Case {
  name: string;
  a?: string;
  b: string;
  options?: DiffOptions;
  expected: string[];
}

const cases: Case[] = [
  { name: 'the same offer: none', b: CHROME, expected: [] },
  { name: 'LF -> CRLF: none', b: CHROME.replace(/\n/g, '\r\n'), expected: [] },
  { name: 'lines reversed within every section: none', b: reverseLines(CHROME), expected: [] },
  {
    name: 'reversed and CRLF, against reversed: none',
    a: reverseLines(CHROME),
    b: reverseLines(CHROME.replace(/\n/g, '\r\n')),
    expected: [],
  },
  {
    name: 'a=sendrecv -> a=recvonly in mid 0: direction',
    b: edit(CHROME, ['a=sendrecv', 'a=recvonly']),
    expected: ['media[0](mid=0).direction: sendrecv -> recvonly'],
  },
  {
    name: 'a=sendrecv dropped from mid 1: none (sendrecv is the default)',
    b: edit(CHROME, [/(a=mid:1[\s\S]*?)a=sendrecv\n/, '$1']),
    expected: [],
  },
  {
    name: 'VP9 profile 0 (98, rtx 99) dropped: two codecs removed',
    b: edit(
      CHROME,
      [VIDEO_PTS, VIDEO_PTS.replace('98 99 ', '')],
      [/a=(rtpmap|rtcp-fb|fmtp):(98|99) .*\n/g, ''],
    ),
    expected: [
      'media[0](mid=0).codecs[98]: removed VP9/90000 profile-id=0',
      'media[0](mid=0).codecs[99]: removed rtx/90000 apt=98',
    ],
  },
  {
    name: 'opus moved behind red: codec order',
    b: edit(CHROME, ['UDP/TLS/RTP/SAVPF 111 63 ', 'UDP/TLS/RTP/SAVPF 63 111 ']),
    expected: [
      'media[1](mid=1).codecs.order: 111 63 103 104 9 0 8 106 105 13 110 112 113 126' +
        ' -> 63 111 103 104 9 0 8 106 105 13 110 112 113 126',
    ],
  },
  {
    name: 'fmtp:108 profile-level-id 42e01f -> 42e034: one fmtp parameter',
    b: edit(CHROME, ['packetization-mode=1;profile-level-id=42e01f', 'profile-level-id=42e034']),
    expected: [
      'media[0](mid=0).codecs[108].fmtp.packetization-mode: removed 1',
      'media[0](mid=0).codecs[108].fmtp.profile-level-id: 42e01f -> 42e034',
    ],
  },
  {
    name: 'fmtp parameters reordered: none',
    b: edit(CHROME, [
      'a=fmtp:111 minptime=10;useinbandfec=1',
      'a=fmtp:111 useinbandfec=1;minptime=10',
    ]),
    expected: [],
  },
  {
    name: 'rtcp-fb:96 nack pli dropped: one feedback removed',
    b: edit(CHROME, ['a=rtcp-fb:96 nack pli\n', '']),
    expected: ['media[0](mid=0).codecs[96].rtcp-fb: removed nack pli'],
  },
  {
    name: 'rtpmap:111 opus/48000/2 -> opus/48000/1: channels',
    b: edit(CHROME, ['a=rtpmap:111 opus/48000/2', 'a=rtpmap:111 opus/48000/1']),
    expected: ['media[1](mid=1).codecs[111].channels: 2 -> 1'],
  },
  {
    name: 'extmap 3 -> 13 for video-orientation: extension id',
    b: edit(CHROME, ['a=extmap:3 urn:3gpp', 'a=extmap:13 urn:3gpp']),
    expected: ['media[0](mid=0).extmap[urn:3gpp:video-orientation].id: 3 -> 13'],
  },
  {
    name: 'extmap 2 gets /sendonly: extension direction',
    b: edit(CHROME, ['a=extmap:2 http', 'a=extmap:2/sendonly http']),
    expected: [
      'media[0](mid=0).extmap[http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time]' +
        '.direction: added sendonly',
    ],
  },
  {
    name: 'a second data section with mid 3 in BUNDLE: section and group mid added',
    b: edit(CHROME, ['BUNDLE 0 1 2', 'BUNDLE 0 1 2 3']) + DATA_SECTION.replace('mid:2', 'mid:3'),
    expected: [
      'session.group[BUNDLE].mids: added 3',
      'media[3](mid=3): added m=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    ],
  },
  {
    name: 'data section removed and unbundled: section and group mid removed',
    b: edit(CHROME, ['BUNDLE 0 1 2', 'BUNDLE 0 1'], [DATA_SECTION, '']),
    expected: [
      'session.group[BUNDLE].mids: removed 2',
      'media[2](mid=2): removed m=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    ],
  },
  {
    name: 'BUNDLE 0 1 2 -> 1 0 2: group order (the first mid is the tagged one)',
    b: edit(CHROME, ['BUNDLE 0 1 2', 'BUNDLE 1 0 2']),
    expected: ['session.group[BUNDLE].mids: 0 1 2 -> 1 0 2'],
  },
  {
    name: 'data section moved first: index of every section',
    b: edit(CHROME, [DATA_SECTION, ''], ['m=video', `${DATA_SECTION}m=video`]),
    expected: [
      'media[0](mid=0).index: 0 -> 1',
      'media[1](mid=1).index: 1 -> 2',
      'media[2](mid=2).index: 2 -> 0',
    ],
  },
  {
    name: 'data section port 9 -> 0: rejected',
    b: edit(CHROME, ['m=application 9', 'm=application 0']),
    expected: ['media[2](mid=2).rejected: false -> true'],
  },
  {
    name: 'audio port 9 -> 50000: port',
    b: edit(CHROME, ['m=audio 9', 'm=audio 50000']),
    expected: ['media[1](mid=1).port: 9 -> 50000'],
  },
  {
    name: 'audio port 9 -> 50000 ignoring candidates: none',
    b: edit(CHROME, ['m=audio 9', 'm=audio 50000']),
    options: { ignore: ['candidates'] },
    expected: [],
  },
  {
    name: 'session: ice-lite added, extmap-allow-mixed dropped, msid-semantic WMS -> WMS s1',
    b: edit(
      CHROME,
      ['a=extmap-allow-mixed\n', 'a=ice-lite\n'],
      ['a=msid-semantic: WMS', 'a=msid-semantic: WMS s1'],
    ),
    expected: [
      'session.ice-lite: added',
      'session.msid-semantic: WMS -> WMS s1',
      'session.extmap-allow-mixed: removed',
    ],
  },
  {
    name: 'origin session version 2 -> 3: origin field',
    b: edit(CHROME, [' 2 IN IP4 127.0.0.1', ' 3 IN IP4 127.0.0.1']),
    expected: ['session.origin.sessionVersion: 2 -> 3'],
  },
  {
    name: 'origin user - -> alice ignoring origin: none',
    b: edit(CHROME, ['o=- ', 'o=alice ']),
    options: { ignore: ['origin'] },
    expected: [],
  },
  {
    name: 'setup actpass -> passive on the data section: setup role',
    b: edit(CHROME, ['a=setup:actpass\na=mid:2', 'a=setup:passive\na=mid:2']),
    expected: ['media[2](mid=2).setup: actpass -> passive'],
  },
  {
    name: 'rtcp-rsize dropped, ice-options trickle -> trickle renomination on video',
    b: edit(
      CHROME,
      ['a=rtcp-rsize\n', ''],
      ['a=ice-options:trickle\n', 'a=ice-options:trickle renomination\n'],
    ),
    expected: [
      'media[0](mid=0).ice-options: added renomination',
      'media[0](mid=0).rtcp-rsize: removed',
    ],
  },
  {
    name: 'sctp-port 5000 -> 5001, max-message-size 262144 -> 65536',
    b: edit(CHROME, ['sctp-port:5000', 'sctp-port:5001'], ['size:262144', 'size:65536']),
    expected: [
      'media[2](mid=2).sctp-port: 5000 -> 5001',
      'media[2](mid=2).max-message-size: 262144 -> 65536',
    ],
  },
  {
    name: 'b=AS:500 added to video: bandwidth',
    b: edit(CHROME, ['c=IN IP4 0.0.0.0\na=rtcp:9', 'c=IN IP4 0.0.0.0\nb=AS:500\na=rtcp:9']),
    expected: ['media[0](mid=0).bandwidth[AS]: added 500'],
  },
  {
    name: 'b=AS:500 added to video ignoring bandwidth: none',
    b: edit(CHROME, ['c=IN IP4 0.0.0.0\na=rtcp:9', 'c=IN IP4 0.0.0.0\nb=AS:500\na=rtcp:9']),
    options: { ignore: ['bandwidth'] },
    expected: [],
  },
  {
    name: 'a host candidate and end-of-candidates on audio: candidate set',
    b: edit(CHROME, [
      'a=mid:1\n',
      'a=mid:1\na=candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host\na=end-of-candidates\n',
    ]),
    expected: [
      'media[1](mid=1).end-of-candidates: added',
      'media[1](mid=1).candidates: added 1 1 udp 2122260223 192.0.2.1 50000 typ host',
    ],
  },
  {
    name: 'gathered audio (candidate, c=, m= port, rtcp) ignoring candidates: none',
    b: edit(
      CHROME,
      ['m=audio 9', 'm=audio 50000'],
      [
        'c=IN IP4 0.0.0.0\na=rtcp:9 IN IP4 0.0.0.0\na=ice-ufrag:z/Dr\na=ice-pwd:htxW+14W7sU3t9n5O6Mhd4ZS\na=ice-options:trickle\na=fingerprint:sha-256 43:82:7F:11:56:18:FE:BC:A3:4B:86:D0:FB:32:20:03:B8:38:67:75:97:2C:95:32:7E:77:FD:5A:A1:92:13:B2\na=setup:actpass\na=mid:1\n',
        'c=IN IP4 192.0.2.1\na=rtcp:50001 IN IP4 192.0.2.1\na=ice-ufrag:z/Dr\na=ice-pwd:htxW+14W7sU3t9n5O6Mhd4ZS\na=ice-options:trickle\na=fingerprint:sha-256 43:82:7F:11:56:18:FE:BC:A3:4B:86:D0:FB:32:20:03:B8:38:67:75:97:2C:95:32:7E:77:FD:5A:A1:92:13:B2\na=setup:actpass\na=mid:1\na=candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host\n',
      ],
    ),
    options: { ignore: ['candidates'] },
    expected: [],
  },
  {
    name: 'a=x-google-flag:conference on video: unknown line',
    b: edit(CHROME, ['a=mid:0\n', 'a=mid:0\na=x-google-flag:conference\n']),
    expected: ['media[0](mid=0).unknown: added a=x-google-flag:conference'],
  },
  {
    name: 'a=x-google-flag:conference ignoring unknown: none',
    b: edit(CHROME, ['a=mid:0\n', 'a=mid:0\na=x-google-flag:conference\n']),
    options: { ignore: ['unknown'] },
    expected: [],
  },
  {
    name: 'a=ptime:20 on audio: other known line',
    b: edit(CHROME, ['a=mid:1\n', 'a=mid:1\na=ptime:20\n']),
    expected: ['media[1](mid=1).lines: added a=ptime:20'],
  },
  {
    name: 'a cname changed: ssrc attribute',
    b: edit(CHROME, ['a=ssrc:3049737420 cname:w9sL9OYuEWlvlk2L', 'a=ssrc:3049737420 cname:x']),
    expected: ['media[1](mid=1).ssrc[3049737420].cname: w9sL9OYuEWlvlk2L -> x'],
  },
  {
    name: 'Chrome run twice: every random value',
    b: CHROME_AGAIN,
    expected: [
      'session.origin.sessionId: 8643467220501996797 -> 4611731400430051336',
      'session.origin.sessionVersion: 2 -> 3',
      ...['0', '1', '2'].flatMap((mid, i) => [
        `media[${i}](mid=${mid}).ice-ufrag: z/Dr -> Q2xp`,
        `media[${i}](mid=${mid}).ice-pwd: htxW+14W7sU3t9n5O6Mhd4ZS -> 0bXv7cD9m4Lh2Ysx8wJ1qAe5`,
        `media[${i}](mid=${mid}).fingerprint: removed sha-256 ${FINGERPRINT}`,
        `media[${i}](mid=${mid}).fingerprint: added sha-256 ${FINGERPRINT.replace('43:82', 'A0:11')}`,
        ...(mid === '0'
          ? [
              'media[0](mid=0).ssrc[463310972]: removed cname:w9sL9OYuEWlvlk2L' +
                ' msid:- 90332283-0895-446e-ade3-19e313c46e4f mslabel:-' +
                ' label:90332283-0895-446e-ade3-19e313c46e4f',
              'media[0](mid=0).ssrc[1580161111]: removed cname:w9sL9OYuEWlvlk2L' +
                ' msid:- 90332283-0895-446e-ade3-19e313c46e4f mslabel:-' +
                ' label:90332283-0895-446e-ade3-19e313c46e4f',
              'media[0](mid=0).ssrc[1111111111]: added cname:Zr8kq0bB3mNc5pQe' +
                ' msid:- a2f4f3e1-6d0e-4f8e-9a3c-0c4b7e2d1f00 mslabel:-' +
                ' label:a2f4f3e1-6d0e-4f8e-9a3c-0c4b7e2d1f00',
              'media[0](mid=0).ssrc[2222222222]: added cname:Zr8kq0bB3mNc5pQe' +
                ' msid:- a2f4f3e1-6d0e-4f8e-9a3c-0c4b7e2d1f00 mslabel:-' +
                ' label:a2f4f3e1-6d0e-4f8e-9a3c-0c4b7e2d1f00',
              'media[0](mid=0).ssrc-group: removed FID 463310972 1580161111',
              'media[0](mid=0).ssrc-group: added FID 1111111111 2222222222',
              'media[0](mid=0).msid: removed - 90332283-0895-446e-ade3-19e313c46e4f',
              'media[0](mid=0).msid: added - a2f4f3e1-6d0e-4f8e-9a3c-0c4b7e2d1f00',
            ]
          : mid === '1'
            ? [
                'media[1](mid=1).ssrc[3049737420]: removed cname:w9sL9OYuEWlvlk2L' +
                  ' msid:- 1b85c8bd-1fb6-4358-a8a7-ea291c6c0f8b mslabel:-' +
                  ' label:1b85c8bd-1fb6-4358-a8a7-ea291c6c0f8b',
                'media[1](mid=1).ssrc[3333333333]: added cname:Zr8kq0bB3mNc5pQe' +
                  ' msid:- c7d0e9a4-2b6f-4e1d-8f3a-5e9b1c2d3e4f mslabel:-' +
                  ' label:c7d0e9a4-2b6f-4e1d-8f3a-5e9b1c2d3e4f',
                'media[1](mid=1).msid: removed - 1b85c8bd-1fb6-4358-a8a7-ea291c6c0f8b',
                'media[1](mid=1).msid: added - c7d0e9a4-2b6f-4e1d-8f3a-5e9b1c2d3e4f',
              ]
            : []),
      ]),
    ],
  },
  {
    name: 'Chrome run twice ignoring random: none',
    b: CHROME_AGAIN,
    options: { ignore: ['random'] },
    expected: [],
  },
  {
    name: 'Chrome run twice, video now recvonly, ignoring random: direction and ssrc count',
    b: edit(
      CHROME_AGAIN,
      ['a=sendrecv', 'a=recvonly'],
      [/a=(ssrc|ssrc-group|msid):.*(1111111111|2222222222|a2f4f3e1).*\n/g, ''],
    ),
    options: { ignore: ['random'] },
    expected: [
      'media[0](mid=0).direction: sendrecv -> recvonly',
      'media[0](mid=0).ssrcs: 2 -> 0',
      'media[0](mid=0).ssrc-group: removed FID (2)',
    ],
  },
  {
    name: 'simulcast: rid low dropped, simulcast list shortened',
    a: SIMULCAST,
    b: edit(SIMULCAST, ['a=rid:low send\n', ''], ['high;middle;low', 'high;middle']),
    expected: [
      'media[0](mid=0).rid[low]: removed send',
      'media[0](mid=0).simulcast: send high;middle;low -> send high;middle',
    ],
  },
  {
    name: 'no mids on either side: sections pair by position',
    a: edit(CHROME, [/a=mid:.*\n/g, '']),
    b: edit(CHROME, [/a=mid:.*\n/g, ''], ['a=sendrecv', 'a=sendonly']),
    expected: ['media[0].direction: sendrecv -> sendonly'],
  },
  {
    name: 'mids only on one side: sections pair by position, mid added',
    a: edit(CHROME, [/a=mid:.*\n/g, '']),
    b: CHROME,
    expected: ['media[0].mid: added 0', 'media[1].mid: added 1', 'media[2].mid: added 2'],
  },
];

describe('diff', () => {
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(lines(c.a ?? CHROME, c.b, c.options), c.expected));
  }

  test('a difference carries path, kind and the values of both sides', () => {
    const [d] = diff(
      parse(CHROME),
      parse(edit(CHROME, ['profile-level-id=42e01f', 'profile-level-id=42e034'])),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(d)), {
      path: 'media[0](mid=0).codecs[108].fmtp.profile-level-id',
      kind: 'changed',
      a: '42e01f',
      b: '42e034',
    });
    const [added] = diff(parse(CHROME), parse(edit(CHROME, ['BUNDLE 0 1 2', 'BUNDLE 0 1 2 3'])));
    assert.deepEqual(
      { ...added },
      { path: 'session.group[BUNDLE].mids', kind: 'added', b: '3' },
      'an added value has no a',
    );
  });

  test('rejects an unknown ignore category with a RangeError naming the option', () => {
    const desc = parse(CHROME);
    assert.throws(
      () => diff(desc, desc, { ignore: ['ssrc' as 'random'] }),
      (e: unknown) => e instanceof RangeError && /options\.ignore/.test(e.message),
    );
  });

  describe('every corpus SDP has no differences from itself with other line endings', () => {
    for (const { name, text } of corpusFiles()) {
      test(name, () => {
        const other = text.includes('\r\n')
          ? text.replace(/\r\n/g, '\n')
          : text.replace(/\n/g, '\r\n');
        assert.deepEqual(lines(text, other), []);
      });
    }
  });

  describe('known-good browser SDPs have no differences from their lines reversed', () => {
    for (const name of KNOWN_GOOD_BROWSER) {
      test(name, () => {
        const text = corpusFile(name);
        assert.deepEqual(lines(text, reverseLines(text)), []);
      });
    }
  });
});
