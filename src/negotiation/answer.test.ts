/**
 * createAnswer on a real Chromium 156 offer and edits of it: m-line structure, directions,
 * rejections, data channels, simulcast, and that every answer is a valid answer (RFC 9429
 * 5.3.1). Codecs and header extensions are in answer-codecs.test.ts, transports in
 * answer-transport.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { type Direction, type MediaSection, parse } from 'switchboard/sdp';
import { type AnswerResult, createAnswer } from './answer.ts';
import { answer, chromium, OFFER } from './answer-harness.ts';
import type { RejectReason } from './answer-plan.ts';
import type { Capabilities } from './capabilities.ts';
import { capabilitiesFromDescription } from './capabilities-from-description.ts';
import { chromiumCapabilities } from './presets/chromium.ts';
import { CHROMIUM_156_OFFER } from './presets/chromium-156-offer.ts';

/**
 * The Chromium offer (sections: 0 audio, 1 video, 2 application) without its simulcast
 * layers, so that a plain video section is the starting point.
 */

/** {@link OFFER} with the first match of each `from` replaced (a RegExp may use `$1`). */
function chromiumOffer(...edits: [from: string | RegExp, to: string][]): string {
  let sdp = OFFER;
  for (const [from, to] of edits) {
    assert.ok(
      typeof from === 'string' ? sdp.includes(from) : from.test(sdp),
      `the offer has ${from}`,
    );
    sdp = sdp.replace(from, to);
  }
  return sdp;
}

/** `sdp` with the first `from` of section `index` (counting m= sections from 0) replaced. */
function inSection(sdp: string, index: number, from: string, to: string): string {
  const parts = sdp.split(/(?=^m=)/m);
  const text = parts[index + 1] ?? '';
  assert.ok(text.includes(from), `section ${index} has ${JSON.stringify(from)}`);
  parts[index + 1] = text.replace(from, to);
  return parts.join('');
}

function section(result: AnswerResult, index: number): MediaSection {
  const media = result.answer.media[index];
  assert.ok(media, `the answer has section ${index}`);
  return media;
}

const CORPUS = new URL('../../../shared/sdp-corpus/', import.meta.url);
const corpus = (name: string) => readFileSync(new URL(name, CORPUS), 'utf8');
const FIREFOX_OFFER = corpus('webex__ts-sdp/ffox_101_a_v_dc_offer.sdp');

describe('m-lines', () => {
  test("the answer has the offer's m-lines in order, with the offer's mids", () => {
    const result = answer(OFFER);
    assert.deepEqual(
      result.answer.media.map((m) => [m.kind, m.mid, m.media.protocol]),
      [
        ['audio', '0', 'UDP/TLS/RTP/SAVPF'],
        ['video', '1', 'UDP/TLS/RTP/SAVPF'],
        ['application', '2', 'UDP/DTLS/SCTP'],
      ],
    );
    assert.deepEqual(
      result.sections.map((s) => [s.index, s.mid, s.accepted]),
      [
        [0, '0', true],
        [1, '1', true],
        [2, '2', true],
      ],
    );
  });

  test('a Firefox offer (video, audio, data; mids 0 1 2) keeps its order and mids', () => {
    const result = answer(FIREFOX_OFFER);
    assert.deepEqual(
      result.answer.media.map((m) => [m.kind, m.mid]),
      [
        ['video', '0'],
        ['audio', '1'],
        ['application', '2'],
      ],
    );
  });

  test('non-numeric mids are echoed: a=mid:audio, a=mid:video, a=mid:data', () => {
    const offer = chromiumOffer(
      ['a=group:BUNDLE 0 1 2', 'a=group:BUNDLE audio video data'],
      ['a=mid:0', 'a=mid:audio'],
      ['a=mid:1', 'a=mid:video'],
      ['a=mid:2', 'a=mid:data'],
    );
    const result = answer(offer);
    assert.deepEqual(
      result.answer.media.map((m) => m.mid),
      ['audio', 'video', 'data'],
    );
    assert.deepEqual(result.answer.session.attribute('group')?.mids, ['audio', 'video', 'data']);
  });

  test('the answer starts o=- <id> 2 and keeps a given session id', () => {
    const result = answer(OFFER, chromiumCapabilities(), { sessionId: '42' });
    const origin = result.answer.session.origin;
    assert.equal(origin?.sessionId, '42');
    assert.equal(origin?.sessionVersion, '2');
  });
});

describe('direction', () => {
  const DIRECTIONS: Direction[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
  /** The Chromium offer with the video section's a=sendrecv changed. */
  const videoOffered = (d: Direction | 'none') =>
    inSection(OFFER, 1, 'a=sendrecv\r\n', d === 'none' ? '' : `a=${d}\r\n`);

  // offered x local (a transceiver of the video section, or the default) -> answered
  // biome-ignore format: one case a line, read as a table
  const CASES: [offered: Direction | 'none', local: Direction | `default ${Direction}`, answered: Direction][] = [
    ['sendrecv', 'default recvonly', 'recvonly'],
    ['sendrecv', 'recvonly', 'recvonly'],
    ['sendrecv', 'sendrecv', 'sendrecv'],
    ['sendrecv', 'sendonly', 'sendonly'],
    ['sendrecv', 'default inactive', 'inactive'],
    ['sendonly', 'sendrecv', 'recvonly'],
    ['sendonly', 'sendonly', 'inactive'],
    ['recvonly', 'sendrecv', 'sendonly'],
    ['recvonly', 'default recvonly', 'inactive'],
    ['inactive', 'sendrecv', 'inactive'],
    ['none', 'sendrecv', 'sendrecv'],
  ];
  for (const [offered, local, answered] of CASES) {
    test(`offer ${offered} x local ${local} -> ${answered}`, () => {
      const caps = chromium((c) => {
        if (local.startsWith('default ')) c.defaultDirection = local.slice(8) as Direction;
        else c.transceivers = [{ kind: 'video', direction: local as Direction }];
      });
      const video = section(answer(videoOffered(offered), caps), 1);
      assert.equal(video.direction, answered);
      assert.ok(DIRECTIONS.includes(video.direction as Direction));
    });
  }

  test('a sending answer carries a=msid and SSRCs; a receiving one does not', () => {
    const caps = chromium((c) => {
      c.transceivers = [{ kind: 'video', direction: 'sendrecv' }];
    });
    const result = answer(OFFER, caps);
    const [audio, video] = [section(result, 0), section(result, 1)];
    assert.equal(audio.direction, 'recvonly');
    assert.equal(audio.has('msid'), false);
    assert.equal(audio.has('ssrc'), false);
    assert.equal(video.direction, 'sendrecv');
    assert.equal(video.attribute('msid')?.streamId, '-');
    // rtx was negotiated, so the sender has a FID pair
    assert.equal(video.attribute('ssrc-group')?.semantics, 'FID');
  });

  test('a transceiver bound by mid wins over an unbound one of its kind', () => {
    const caps = chromium((c) => {
      c.transceivers = [
        { kind: 'video', direction: 'sendrecv' },
        { kind: 'video', mid: '1', direction: 'inactive' },
      ];
    });
    assert.equal(section(answer(OFFER, caps), 1).direction, 'inactive');
  });

  test('an unbound transceiver serves the first free section of its kind', () => {
    const offer = FIREFOX_OFFER;
    const caps = chromium((c) => {
      c.transceivers = [{ kind: 'audio', direction: 'sendrecv' }];
    });
    const result = answer(offer, caps);
    assert.equal(section(result, 0).direction, 'recvonly', 'video: default');
    assert.equal(section(result, 1).direction, 'sendrecv', 'audio: the transceiver');
  });
});

describe('rejection', () => {
  const TEXT_SECTION = [
    'm=text 9 UDP/TLS/RTP/SAVPF 98',
    'c=IN IP4 0.0.0.0',
    'a=mid:3',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:98 t140/1000',
    '',
  ].join('\r\n');

  // name, offer, capabilities, section index, reason, answered m= line
  // biome-ignore format: one case a line, read as a table
  const CASES: [string, string, Capabilities, number, RejectReason, string][] = [
    ['video offering only H263 -> no-common-codec', chromiumOffer([/^m=video .*$/m, 'm=video 9 UDP/TLS/RTP/SAVPF 34']), chromium(), 1, 'no-common-codec', 'video 0 UDP/TLS/RTP/SAVPF 0'],
    ['m=text t140 -> unsupported-kind', `${OFFER}${TEXT_SECTION}`, chromium(), 3, 'unsupported-kind', 'text 0 UDP/TLS/RTP/SAVPF 98'],
    ['m=audio RTP/AVP -> unsupported-protocol', chromiumOffer(['m=audio 9 UDP/TLS/RTP/SAVPF', 'm=audio 9 RTP/AVP']), chromium(), 0, 'unsupported-protocol', 'audio 0 RTP/AVP 0'],
    ['m=application UDP/DTLS/SCTP without webrtc-datachannel -> unsupported-protocol', chromiumOffer(['UDP/DTLS/SCTP webrtc-datachannel', 'UDP/DTLS/SCTP bfcp']), chromium(), 2, 'unsupported-protocol', 'application 0 UDP/DTLS/SCTP bfcp'],
    ['video x stopped transceiver mid 1 -> stopped', OFFER, chromium((c) => { c.transceivers = [{ kind: 'video', mid: '1', direction: 'sendrecv', stopped: true }]; }), 1, 'stopped', 'video 0 UDP/TLS/RTP/SAVPF 0'],
    ['application x no data channel support -> no-data-channel', OFFER, chromium((c) => { delete c.dataChannel; }), 2, 'no-data-channel', 'application 0 UDP/DTLS/SCTP webrtc-datachannel'],
    ['audio with port 0 in the offer -> rejected-in-offer', chromiumOffer(['m=audio 9', 'm=audio 0']), chromium(), 0, 'rejected-in-offer', 'audio 0 UDP/TLS/RTP/SAVPF 0'],
  ];
  for (const [name, offer, caps, index, reason, mLine] of CASES) {
    test(name, () => {
      const result = answer(offer, caps);
      const m = section(result, index).media;
      assert.equal(result.sections[index]?.accepted, false);
      assert.equal(result.sections[index]?.reason, reason);
      assert.equal(`${m.media} ${m.port} ${m.protocol} ${m.formats.join(' ')}`, mLine);
      assert.equal(section(result, index).has('ice-ufrag'), false, 'no transport');
      // the other sections are untouched
      for (const other of result.sections.filter((s) => s.index !== index)) {
        assert.equal(other.accepted, true, `section ${other.index} accepted`);
      }
    });
  }

  test('port 0 with a=bundle-only is not a rejection: answered on the bundle, without bundle-only', () => {
    const offer = chromiumOffer(
      ['m=video 9 UDP/TLS/RTP/SAVPF', 'm=video 0 UDP/TLS/RTP/SAVPF'],
      ['a=mid:1\r\n', 'a=mid:1\r\na=bundle-only\r\n'],
    );
    const result = answer(offer);
    const video = section(result, 1);
    assert.equal(result.sections[1]?.accepted, true);
    assert.equal(result.sections[1]?.reason, undefined);
    assert.equal(video.media.port, 9);
    assert.equal(video.has('bundle-only'), false);
    assert.deepEqual(result.answer.session.attribute('group')?.mids, ['0', '1', '2']);
  });

  test('a stopped transceiver of the other kind does not reject: a=mid binds by mid', () => {
    const caps = chromium((c) => {
      c.transceivers = [{ kind: 'audio', mid: '9', direction: 'sendrecv', stopped: true }];
    });
    assert.ok(answer(OFFER, caps).sections.every((s) => s.accepted));
  });
});

describe('data channel', () => {
  // name, offered m= line and attributes, local max-message-size, answered max-message-size
  // biome-ignore format: one case a line, read as a table
  const SIZES: [string, string | undefined, number, number][] = [
    ['offer 262144 x local 262144 -> 262144', 'a=max-message-size:262144', 262144, 262144],
    ['offer 1073741823 (Firefox) x local 262144 -> 262144', 'a=max-message-size:1073741823', 262144, 262144],
    ['offer 100000 x local 262144 -> 100000', 'a=max-message-size:100000', 262144, 100000],
    ['offer absent (= 65536) x local 262144 -> 65536', undefined, 262144, 65536],
    ['offer 0 (no limit) x local 262144 -> 262144', 'a=max-message-size:0', 262144, 262144],
    ['offer 100000 x local 0 (no limit) -> 100000', 'a=max-message-size:100000', 0, 100000],
  ];
  for (const [name, line, local, expected] of SIZES) {
    test(`max-message-size: ${name}`, () => {
      const offer = chromiumOffer([
        /^a=max-message-size:\d+\r\n/m,
        line === undefined ? '' : `${line}\r\n`,
      ]);
      const caps = chromium((c) => {
        c.dataChannel = { sctpPort: 5000, maxMessageSize: local };
      });
      const result = answer(offer, caps);
      const data = section(result, 2);
      assert.equal(data.attribute('max-message-size')?.size ?? 65536, expected);
      assert.equal(data.attribute('sctp-port')?.port, 5000);
    });
  }

  // name, offered m= line, answered m= line
  // biome-ignore format: one case a line, read as a table
  const PROTOCOLS: [string, string, string][] = [
    ['UDP/DTLS/SCTP webrtc-datachannel -> echoed', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'application 9 UDP/DTLS/SCTP webrtc-datachannel'],
    ['TCP/DTLS/SCTP webrtc-datachannel -> echoed', 'm=application 9 TCP/DTLS/SCTP webrtc-datachannel', 'application 9 TCP/DTLS/SCTP webrtc-datachannel'],
  ];
  for (const [name, from, expected] of PROTOCOLS) {
    test(`proto ${name}`, () => {
      const data = section(
        answer(chromiumOffer(['m=application 9 UDP/DTLS/SCTP webrtc-datachannel', from])),
        2,
      );
      const m = data.media;
      assert.equal(`${m.media} ${m.port} ${m.protocol} ${m.formats.join(' ')}`, expected);
    });
  }

  test('proto DTLS/SCTP 5000 + a=sctpmap (old syntax) -> answered in the same syntax', () => {
    const offer = chromiumOffer(
      ['m=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'm=application 9 DTLS/SCTP 5000'],
      [/^a=sctp-port:5000\r\na=max-message-size:\d+/m, 'a=sctpmap:5000 webrtc-datachannel 1024'],
    );
    const result = answer(offer);
    const data = section(result, 2);
    assert.equal(result.sections[2]?.accepted, true);
    assert.deepEqual(data.media.formats, ['5000']);
    assert.equal(data.media.protocol, 'DTLS/SCTP');
    assert.deepEqual(data.attribute('sctpmap'), {
      port: 5000,
      protocol: 'webrtc-datachannel',
      streams: 1024,
    });
    assert.equal(data.has('sctp-port'), false);
  });

  test('a data-only offer gets a data-only answer', () => {
    const offer = [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      's=-',
      't=0 0',
      'a=group:BUNDLE 0',
      'a=msid-semantic: WMS',
      ...OFFER.slice(OFFER.indexOf('m=application')).replace('a=mid:2', 'a=mid:0').split('\r\n'),
    ].join('\r\n');
    const result = answer(offer);
    assert.deepEqual(
      result.answer.media.map((m) => [m.kind, m.mid, m.attribute('max-message-size')?.size]),
      [['application', '0', 262144]],
    );
  });
});

describe('simulcast', () => {
  const RIDS = [
    'a=rid:h send pt=96;max-width=1280',
    'a=rid:m send',
    'a=rid:l send',
    'a=simulcast:send h;m;~l',
  ];
  const simulcastOffer = (lines = RIDS) =>
    inSection(OFFER, 1, 'a=mid:1\r\n', `a=mid:1\r\n${lines.join('\r\n')}\r\n`);
  const layers = (media: MediaSection) => ({
    rids: media.attributes('rid').map((r) => `${r.id} ${r.direction}`),
    simulcast: media
      .attribute('simulcast')
      ?.recv?.map((s) => s.map((a) => `${a.paused ? '~' : ''}${a.rid}`).join(',')),
  });

  test('acceptSimulcast: send h;m;~l -> a=rid:<id> recv + a=simulcast:recv h;m;~l', () => {
    const video = section(answer(simulcastOffer(), chromium(), { acceptSimulcast: true }), 1);
    assert.deepEqual(layers(video), {
      rids: ['h recv', 'm recv', 'l recv'],
      simulcast: ['h', 'm', '~l'],
    });
    assert.equal(video.attribute('simulcast')?.send, undefined);
  });

  test('acceptSimulcast: alternatives send h,m;l -> recv h,m;l', () => {
    const offer = simulcastOffer([
      'a=rid:h send',
      'a=rid:m send',
      'a=rid:l send',
      'a=simulcast:send h,m;l',
    ]);
    const video = section(answer(offer, chromium(), { acceptSimulcast: true }), 1);
    assert.deepEqual(layers(video).simulcast, ['h,m', 'l']);
  });

  test('without acceptSimulcast: rids and simulcast are dropped', () => {
    const video = section(answer(simulcastOffer()), 1);
    assert.deepEqual(layers(video), { rids: [], simulcast: undefined });
  });

  test('acceptSimulcast x local sendonly -> dropped (the answer receives nothing)', () => {
    const caps = chromium((c) => {
      c.transceivers = [{ kind: 'video', direction: 'sendonly' }];
    });
    const video = section(answer(simulcastOffer(), caps, { acceptSimulcast: true }), 1);
    assert.equal(video.direction, 'sendonly');
    assert.deepEqual(layers(video), { rids: [], simulcast: undefined });
  });

  test('acceptSimulcast x local without the rtp-stream-id extension -> dropped', () => {
    const caps = chromium((c) => {
      c.headerExtensions.video = c.headerExtensions.video.filter(
        (e) => e.uri !== 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
      );
    });
    const video = section(answer(simulcastOffer(), caps, { acceptSimulcast: true }), 1);
    assert.deepEqual(layers(video), { rids: [], simulcast: undefined });
  });
});

describe('validity', () => {
  // Every answer above is checked by answer(); these add the preset offer as recorded
  // (with its simulcast layers) and browser offers from the corpus.
  const OFFERS: [string, string][] = [
    ['CHROMIUM_156_OFFER', CHROMIUM_156_OFFER],
    ...[
      'webex__ts-sdp/chrome_102_a_v_dc_offer.sdp',
      'webex__ts-sdp/chrome_102_a_v_dc_offer_simulcast.sdp',
      'webex__ts-sdp/ffox_101_a_v_dc_offer.sdp',
      'elixir-webrtc__ex_webrtc/chromium_audio_video_sdp.txt',
      'elixir-webrtc__ex_webrtc/firefox_audio_video_sdp.txt',
    ].map((name): [string, string] => [name, corpus(name)]),
  ];
  const CAPS: [string, () => Capabilities][] = [
    ['chromium', chromiumCapabilities],
    ['firefox', () => capabilitiesFromDescription(FIREFOX_OFFER)],
  ];
  for (const [name, offer] of OFFERS) {
    for (const [capsName, caps] of CAPS) {
      for (const acceptSimulcast of [false, true]) {
        const options = acceptSimulcast ? ' (acceptSimulcast)' : '';
        test(`${name} x ${capsName} caps${options}: strict, valid, mids echoed`, () => {
          const result = answer(offer, caps(), { acceptSimulcast });
          assert.deepEqual(
            result.answer.media.map((m) => m.mid),
            parse(offer).media.map((m) => m.mid),
          );
          assert.ok(result.sections.some((s) => s.accepted));
        });
      }
    }
  }

  test('an offer answered with the capabilities it reveals keeps every codec', () => {
    const result = answer(FIREFOX_OFFER, capabilitiesFromDescription(FIREFOX_OFFER));
    const offered = parse(FIREFOX_OFFER).media.map((m) => m.media.formats);
    assert.deepEqual(
      result.answer.media.map((m) => m.media.formats),
      offered,
    );
  });

  test('an offer that does not parse throws NEG_ERR_INVALID_DESCRIPTION', () => {
    assert.throws(
      () => createAnswer('v=0\r\nnot sdp\r\n', chromiumCapabilities()),
      (e: unknown) => (e as { code?: string }).code === 'NEG_ERR_INVALID_DESCRIPTION',
    );
  });
});
