import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AnswerResult, createAnswer } from './answer.ts';
import type { RejectReason } from './answer-plan.ts';
import type { Capabilities } from './capabilities.ts';
import { explain, formatExplanation } from './explain.ts';
import { chromiumCapabilities } from './presets/chromium.ts';
import { CHROMIUM_156_OFFER } from './presets/chromium-156-offer.ts';

/** The Chromium offer (0 audio, 1 video, 2 application) without its simulcast layers. */
const OFFER = CHROMIUM_156_OFFER.replace(/^a=(rid|simulcast):.*\r\n/gm, '');
const TEXT_SECTION = [
  'm=text 9 UDP/TLS/RTP/SAVPF 98',
  'c=IN IP4 0.0.0.0',
  'a=mid:3',
  'a=rtpmap:98 t140/1000',
  '',
].join('\r\n');
const ABS_SEND_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time';

/** Chromium without G722 and audio abs-send-time, with a 64 KiB message limit. */
function narrowed(): Capabilities {
  const caps = chromiumCapabilities();
  caps.codecs.audio = caps.codecs.audio.filter((c) => c.name !== 'G722');
  caps.headerExtensions.audio = caps.headerExtensions.audio.filter((e) => e.uri !== ABS_SEND_TIME);
  caps.dataChannel = { sctpPort: 5000, maxMessageSize: 65536 };
  return caps;
}

const offer = `${OFFER}${TEXT_SECTION}`;
const answered = createAnswer(offer, narrowed());

describe('explain: data', () => {
  const e = explain(offer, answered.sdp);

  test("lists the answer's BUNDLE group and one entry per offered section", () => {
    assert.deepEqual(e.bundle, ['0', '1', '2']);
    assert.deepEqual(
      e.sections.map((s) => [s.index, s.mid, s.kind, s.accepted, s.bundled]),
      [
        [0, '0', 'audio', true, true],
        [1, '1', 'video', true, true],
        [2, '2', 'application', true, true],
        [3, '3', 'text', false, false],
      ],
    );
  });

  test('an accepted audio section: direction, DTLS roles, codecs kept and dropped, extensions', () => {
    const audio = e.sections[0];
    assert.deepEqual(audio?.direction, { offered: 'sendrecv', answered: 'recvonly' });
    assert.deepEqual(audio?.setup, { offered: 'actpass', answered: 'active' });
    assert.deepEqual(audio?.codecs.slice(0, 3), [
      { payloadType: 111, name: 'opus/48000/2', fmtp: 'minptime=10;useinbandfec=1' },
      { payloadType: 63, name: 'red/48000/2', fmtp: '111/111' },
      { payloadType: 0, name: 'PCMU/8000' },
    ]);
    assert.deepEqual(audio?.droppedCodecs, ['9 G722/8000']);
    assert.deepEqual(audio?.extensions.dropped, [`2 ${ABS_SEND_TIME}`]);
    assert.ok(audio?.extensions.kept.includes('4 urn:ietf:params:rtp-hdrext:sdes:mid'));
    assert.equal(audio?.reason, undefined);
    assert.equal(audio?.maxMessageSize, undefined);
  });

  test('an accepted data channel section: max-message-size offered -> answered, no direction', () => {
    const data = e.sections[2];
    assert.deepEqual(data?.maxMessageSize, { offered: 262144, answered: 65536 });
    assert.equal(data?.direction, undefined);
    assert.deepEqual(data?.codecs, []);
  });

  test('a rejected section: the reason and nothing negotiated', () => {
    const text = e.sections[3];
    assert.equal(text?.reason, 'unsupported-kind');
    assert.deepEqual(
      [text?.direction, text?.setup, text?.codecs, text?.droppedCodecs],
      [undefined, undefined, [], []],
    );
  });

  test('is JSON-safe', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(e)), e);
  });

  test('reads parsed descriptions as well as text', () => {
    assert.deepEqual(explain(answered.offer, answered.answer), e);
  });
});

describe('explain: rejection reasons read from the two descriptions', () => {
  const chromium = (change: (c: Capabilities) => void) => {
    const caps = chromiumCapabilities();
    change(caps);
    return caps;
  };
  // name, offer, capabilities, section, the reason explain gives
  // biome-ignore format: one case a line, read as a table
  const CASES: [string, string, Capabilities, number, RejectReason][] = [
    ['m=text -> unsupported-kind', offer, chromiumCapabilities(), 3, 'unsupported-kind'],
    ['m=audio RTP/AVP -> unsupported-protocol', OFFER.replace('m=audio 9 UDP/TLS/RTP/SAVPF', 'm=audio 9 RTP/AVP'), chromiumCapabilities(), 0, 'unsupported-protocol'],
    ['m=video H263 only -> no-common-codec', OFFER.replace(/^m=video .*$/m, 'm=video 9 UDP/TLS/RTP/SAVPF 34'), chromiumCapabilities(), 1, 'no-common-codec'],
    ['application x no data channel -> no-data-channel', OFFER, chromium((c) => { delete c.dataChannel; }), 2, 'no-data-channel'],
    ['m=audio 0 in the offer -> rejected-in-offer', OFFER.replace('m=audio 9', 'm=audio 0'), chromiumCapabilities(), 0, 'rejected-in-offer'],
  ];
  for (const [name, sdp, caps, index, reason] of CASES) {
    test(name, () => {
      const result: AnswerResult = createAnswer(sdp, caps);
      assert.equal(result.sections[index]?.reason, reason, 'createAnswer states it');
      const section = explain(sdp, result.sdp).sections[index];
      assert.equal(section?.accepted, false);
      assert.equal(section?.reason, reason, 'explain reads it back');
    });
  }

  test('a stopped transceiver is not visible in SDP: explained as no-common-codec', () => {
    const caps = chromium((c) => {
      c.transceivers = [{ kind: 'video', mid: '1', direction: 'sendrecv', stopped: true }];
    });
    const result = createAnswer(OFFER, caps);
    assert.equal(result.sections[1]?.reason, 'stopped');
    assert.equal(explain(OFFER, result.sdp).sections[1]?.reason, 'no-common-codec');
  });

  test('a section missing from the answer counts as rejected', () => {
    const answer = createAnswer(OFFER, chromiumCapabilities()).sdp;
    const truncated = answer.slice(0, answer.indexOf('m=application'));
    const section = explain(OFFER, truncated).sections[2];
    assert.equal(section?.accepted, false);
    assert.equal(section?.reason, 'no-data-channel');
  });
});

describe('formatExplanation: text', () => {
  const lines = formatExplanation(explain(offer, answered.sdp)).split('\n');

  test('a header line per section and the BUNDLE group first', () => {
    assert.equal(lines[0], 'BUNDLE: 0 1 2');
    assert.deepEqual(
      lines.filter((l) => l.startsWith('#')),
      [
        '#0 audio mid 0: accepted, bundled',
        '#1 video mid 1: accepted, bundled',
        '#2 application mid 2: accepted, bundled',
        '#3 text mid 3: rejected, media kind not supported (RFC 3264 6: reject with port 0)',
      ],
    );
  });

  test('an accepted audio section shows direction, DTLS, codecs, drops', () => {
    const audio = lines.slice(lines.indexOf('#0 audio mid 0: accepted, bundled') + 1);
    assert.deepEqual(audio.slice(0, 3), [
      '  direction  sendrecv -> recvonly',
      '  dtls       setup actpass -> active',
      '  codec      111 opus/48000/2 minptime=10;useinbandfec=1',
    ]);
    assert.ok(lines.includes('  dropped    9 G722/8000'));
    assert.ok(lines.includes(`  ext. dropped 2 ${ABS_SEND_TIME}`));
  });

  test('the data channel section shows the max-message-size decision', () => {
    const at = lines.indexOf('#2 application mid 2: accepted, bundled');
    assert.deepEqual(lines.slice(at + 1, at + 3), [
      '  dtls       setup actpass -> active',
      '  data       max-message-size 262144 -> 65536',
    ]);
  });

  test('an absent max-message-size shows as the default (65536)', () => {
    const sdp = OFFER.replace(/^a=max-message-size:\d+\r\n/m, '');
    const text = formatExplanation(explain(sdp, createAnswer(sdp, narrowed()).sdp));
    assert.ok(text.includes('  data       max-message-size (65536) -> 65536'));
  });

  test('no BUNDLE group: "BUNDLE: (none)"', () => {
    const sdp = OFFER.replace(/^a=group:BUNDLE.*\r\n/m, '');
    const text = formatExplanation(explain(sdp, createAnswer(sdp, chromiumCapabilities()).sdp));
    assert.equal(text.split('\n')[0], 'BUNDLE: (none)');
    assert.ok(text.includes('#0 audio mid 0: accepted\n'));
  });
});
