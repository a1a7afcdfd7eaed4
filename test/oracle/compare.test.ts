import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareAnswers, type Difference, formatDifference } from './compare.ts';
import { CHROMIUM_ANSWER, CHROMIUM_SENDING_ANSWER } from './fixtures.ts';

// The comparator on its own: Chromium answers against altered copies of themselves. Each
// case edits lines of the answer to make "ours" and lists the differences expected
// against the unaltered answer, "theirs".

const lines = (sdp: string) => sdp.split('\r\n').slice(0, -1);
const unlines = (list: string[]) => `${list.join('\r\n')}\r\n`;

/** Every line equal to `from` becomes `to` (several lines when `to` is an array). */
function replace(sdp: string, from: string, to: string | string[]): string {
  const found = lines(sdp).some((line) => line === from);
  assert.ok(found, `the fixture has the line ${from}`);
  return unlines(lines(sdp).flatMap((line) => (line === from ? to : [line])));
}

/** Every line matching `pattern` rewritten by `to`. */
function rewrite(sdp: string, pattern: RegExp, to: (line: string) => string): string {
  assert.ok(
    lines(sdp).some((line) => pattern.test(line)),
    `the fixture has ${pattern}`,
  );
  return unlines(lines(sdp).map((line) => (pattern.test(line) ? to(line) : line)));
}

/** The lines of the m-section with `mid`, and the index of its m= line. */
function sectionRange(sdp: string, mid: string): [start: number, end: number] {
  const all = lines(sdp);
  const midAt = all.indexOf(`a=mid:${mid}`);
  let start = midAt;
  while (!all[start]!.startsWith('m=')) start--;
  let end = midAt;
  while (end < all.length && !all[end]!.startsWith('m=')) end++;
  return [start, end];
}

function removeSection(sdp: string, mid: string): string {
  const [start, end] = sectionRange(sdp, mid);
  return unlines(lines(sdp).filter((_, i) => i < start || i >= end));
}

/** `edit` applied to the lines of the m-section with `mid` only. */
function inSection(sdp: string, mid: string, edit: (section: string[]) => string[]): string {
  const [start, end] = sectionRange(sdp, mid);
  const all = lines(sdp);
  return unlines([...all.slice(0, start), ...edit(all.slice(start, end)), ...all.slice(end)]);
}

/** A difference in m-section `section` with Chromium's mid `mid`. */
function diff(
  section: number | null,
  field: Difference['field'],
  key: string | null,
  ours: string | null,
  theirs: string | null,
): Difference {
  return { section, mid: section === null ? null : String(section), field, key, ours, theirs };
}

interface Case {
  name: string;
  theirs?: string;
  alter: (sdp: string) => string;
  expected: Difference[];
}

const VIDEO_PTS =
  '96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120';

const CASES: Case[] = [
  { name: 'an answer against itself', alter: (sdp) => sdp, expected: [] },
  {
    name: 'new ICE credentials, fingerprint and o= line',
    alter: (sdp) => {
      sdp = rewrite(sdp, /^o=/, () => 'o=- 1 7 IN IP4 127.0.0.1');
      sdp = rewrite(sdp, /^a=ice-ufrag:/, () => 'a=ice-ufrag:abcd');
      sdp = rewrite(sdp, /^a=ice-pwd:/, () => 'a=ice-pwd:abcdefghijklmnopqrstuvwx');
      return rewrite(sdp, /^a=fingerprint:/, () => `a=fingerprint:sha-256 ${'AB:'.repeat(31)}AB`);
    },
    expected: [],
  },
  {
    name: 'other SSRCs, cname, msid, candidates and ports',
    theirs: CHROMIUM_SENDING_ANSWER,
    alter: (sdp) => {
      sdp = rewrite(sdp, /^a=(ssrc|ssrc-group):/, (line) =>
        line.replace(/\d{5,}/g, (ssrc) => String(Number(ssrc) + 1)).replace(/cname:\S+/, 'cname:x'),
      );
      sdp = rewrite(sdp, /msid:- /, (line) => line.replace(/- \S+$/, '- other-track'));
      sdp = rewrite(sdp, /^m=audio 9 /, (line) => line.replace(' 9 ', ' 50000 '));
      return replace(sdp, 'a=mid:0', [
        'a=mid:0',
        'a=candidate:1 1 udp 2113937151 127.0.0.1 50000 typ host',
        'a=end-of-candidates',
      ]);
    },
    expected: [],
  },
  {
    name: 'fmtp parameters, rtcp-fb and extmap lines in another order',
    alter: (sdp) => {
      sdp = replace(
        sdp,
        'a=fmtp:111 minptime=10;useinbandfec=1',
        'a=fmtp:111 useinbandfec=1;minptime=10',
      );
      sdp = replace(sdp, 'a=rtcp-fb:96 goog-remb', []);
      sdp = replace(sdp, 'a=rtcp-fb:96 nack pli', [
        'a=rtcp-fb:96 nack pli',
        'a=rtcp-fb:96 goog-remb',
      ]);
      // Audio's first extension moves last.
      return inSection(sdp, '0', (section) => {
        const extmaps = section.filter((line) => line.startsWith('a=extmap:'));
        const [first] = extmaps;
        const last = section.indexOf(extmaps.at(-1)!);
        const rest = section.filter((line) => line !== first);
        return [...rest.slice(0, last), first!, ...rest.slice(last)];
      });
    },
    expected: [],
  },
  {
    name: 'payload types in another order',
    alter: (sdp) =>
      replace(
        sdp,
        `m=video 9 UDP/TLS/RTP/SAVPF ${VIDEO_PTS}`,
        `m=video 9 UDP/TLS/RTP/SAVPF ${VIDEO_PTS.replace('96 97 102 103', '102 103 96 97')}`,
      ),
    expected: [
      diff(
        1,
        'payload-types',
        null,
        VIDEO_PTS.replace('96 97 102 103', '102 103 96 97'),
        VIDEO_PTS,
      ),
    ],
  },
  {
    name: 'a payload type fewer',
    alter: (sdp) =>
      replace(
        replace(
          sdp,
          'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
          'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 110 126',
        ),
        'a=rtpmap:13 CN/8000',
        [],
      ),
    expected: [diff(0, 'payload-types', null, '111 63 9 0 8 110 126', '111 63 9 0 8 13 110 126')],
  },
  {
    name: 'another rtpmap for a payload type: no fmtp or rtcp-fb comparison for it',
    alter: (sdp) => replace(sdp, 'a=rtpmap:96 VP8/90000', 'a=rtpmap:96 VP9/90000'),
    expected: [diff(1, 'rtpmap', '96', 'VP9/90000', 'VP8/90000')],
  },
  {
    name: 'H264 profile-level-id compared as a string',
    alter: (sdp) =>
      replace(
        sdp,
        'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
        'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001F',
      ),
    expected: [diff(1, 'fmtp', '102 profile-level-id', '42001F', '42001f')],
  },
  {
    name: 'an fmtp parameter more and one fewer',
    alter: (sdp) =>
      replace(sdp, 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=fmtp:111 minptime=10;stereo=1'),
    expected: [
      diff(0, 'fmtp', '111 stereo', '1', null),
      diff(0, 'fmtp', '111 useinbandfec', null, '1'),
    ],
  },
  {
    name: 'an rtcp-fb value fewer',
    alter: (sdp) => replace(sdp, 'a=rtcp-fb:45 goog-remb', []),
    expected: [
      diff(
        1,
        'rtcp-fb',
        '45',
        'ccm fir, nack, nack pli, transport-cc',
        'ccm fir, goog-remb, nack, nack pli, transport-cc',
      ),
    ],
  },
  {
    name: 'another extmap id, and an extension fewer',
    alter: (sdp) =>
      replace(
        replace(
          sdp,
          'a=extmap:14 urn:ietf:params:rtp-hdrext:toffset',
          'a=extmap:15 urn:ietf:params:rtp-hdrext:toffset',
        ),
        'a=extmap:13 urn:3gpp:video-orientation',
        [],
      ),
    expected: [
      diff(1, 'extmap', 'urn:ietf:params:rtp-hdrext:toffset', '15', '14'),
      diff(1, 'extmap', 'urn:3gpp:video-orientation', null, '13'),
    ],
  },
  {
    name: 'another direction and DTLS role',
    alter: (sdp) =>
      inSection(sdp, '1', (section) =>
        section.map((line) =>
          line === 'a=recvonly'
            ? 'a=inactive'
            : line === 'a=setup:active'
              ? 'a=setup:passive'
              : line,
        ),
      ),
    expected: [
      diff(1, 'direction', null, 'inactive', 'recvonly'),
      diff(1, 'setup', null, 'passive', 'active'),
    ],
  },
  {
    name: 'no rtcp-mux, rtcp-rsize, rtcp-xr or ice-options',
    alter: (sdp) => {
      const drop = [
        'a=rtcp-mux',
        'a=rtcp-rsize',
        'a=rtcp-xr:rcvr-rtt=all',
        'a=ice-options:trickle',
      ];
      return inSection(sdp, '0', (section) => section.filter((line) => !drop.includes(line)));
    },
    expected: [
      diff(0, 'rtcp-mux', null, null, 'present'),
      diff(0, 'rtcp-rsize', null, null, 'present'),
      diff(0, 'rtcp-xr', null, null, 'rcvr-rtt=all'),
      diff(0, 'ice-options', null, null, 'trickle'),
    ],
  },
  {
    name: 'another SCTP port, message size and protocol',
    alter: (sdp) => {
      sdp = replace(sdp, 'a=sctp-port:5000', 'a=sctp-port:5001');
      sdp = replace(sdp, 'a=max-message-size:262144', 'a=max-message-size:65536');
      return replace(
        sdp,
        'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
        'm=application 9 TCP/DTLS/SCTP webrtc-datachannel',
      );
    },
    expected: [
      diff(2, 'protocol', null, 'TCP/DTLS/SCTP', 'UDP/DTLS/SCTP'),
      diff(2, 'sctp-port', null, '5001', '5000'),
      diff(2, 'max-message-size', null, '65536', '262144'),
    ],
  },
  {
    name: 'a smaller BUNDLE group, and no extmap-allow-mixed',
    alter: (sdp) =>
      replace(
        replace(sdp, 'a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 1'),
        'a=extmap-allow-mixed',
        [],
      ),
    expected: [
      diff(null, 'bundle', null, '0 1', '0 1 2'),
      diff(null, 'extmap-allow-mixed', null, null, 'present'),
    ],
  },
  {
    name: 'a rejected section: nothing else compared in it',
    alter: (sdp) =>
      replace(
        replace(sdp, `m=video 9 UDP/TLS/RTP/SAVPF ${VIDEO_PTS}`, 'm=video 0 UDP/TLS/RTP/SAVPF 96'),
        'a=recvonly',
        'a=inactive',
      ),
    expected: [
      diff(0, 'direction', null, 'inactive', 'recvonly'),
      diff(1, 'accepted', null, 'rejected', 'accepted'),
    ],
  },
  {
    name: 'port 0 with bundle-only: accepted',
    alter: (sdp) =>
      replace(
        replace(
          sdp,
          `m=video 9 UDP/TLS/RTP/SAVPF ${VIDEO_PTS}`,
          `m=video 0 UDP/TLS/RTP/SAVPF ${VIDEO_PTS}`,
        ),
        'a=mid:1',
        ['a=mid:1', 'a=bundle-only'],
      ),
    expected: [diff(1, 'bundle-only', null, 'present', null)],
  },
  {
    name: 'another mid',
    alter: (sdp) => replace(sdp, 'a=mid:2', 'a=mid:data'),
    expected: [diff(2, 'mid', null, 'data', '2')],
  },
  {
    name: 'simulcast and rids kept',
    alter: (sdp) =>
      replace(sdp, 'a=mid:1', ['a=mid:1', 'a=rid:q recv', 'a=rid:f recv', 'a=simulcast:recv q;f']),
    expected: [
      diff(1, 'rid', null, 'q recv; f recv', null),
      diff(1, 'simulcast', null, 'recv q;f', null),
    ],
  },
  {
    name: 'a section fewer: the common ones are compared',
    alter: (sdp) => replace(removeSection(sdp, '2'), 'a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 1'),
    expected: [diff(null, 'sections', null, '2', '3'), diff(null, 'bundle', null, '0 1', '0 1 2')],
  },
];

describe('compareAnswers', () => {
  for (const { name, theirs = CHROMIUM_ANSWER, alter, expected } of CASES) {
    test(name, () => {
      assert.deepEqual(compareAnswers(alter(theirs), theirs), expected);
    });
  }

  test('swapping the answers swaps ours and theirs', () => {
    const ours = replace(CHROMIUM_ANSWER, 'a=sctp-port:5000', 'a=sctp-port:5001');
    const [forward] = compareAnswers(ours, CHROMIUM_ANSWER);
    const [backward] = compareAnswers(CHROMIUM_ANSWER, ours);
    assert.ok(forward && backward);
    assert.deepEqual(backward, { ...forward, ours: forward.theirs, theirs: forward.ours });
  });

  test('names the section, the field and both values', () => {
    assert.equal(
      formatDifference(diff(1, 'fmtp', '102 profile-level-id', '42001F', '42001f')),
      'section 1 (mid 1) fmtp 102 profile-level-id: ours "42001F", theirs "42001f"',
    );
    assert.equal(
      formatDifference(diff(null, 'bundle', null, null, '0 1')),
      'session bundle: ours (absent), theirs "0 1"',
    );
  });

  test('throws on an answer that does not parse strictly', () => {
    assert.throws(() => compareAnswers('v=0\r\n', CHROMIUM_ANSWER), { name: 'SdpParseError' });
  });
});
