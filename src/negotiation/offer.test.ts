import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, validate } from 'switchboard/sdp';
import type { Capabilities, CodecCapability } from './capabilities.ts';
import { NegotiationError } from './errors.ts';
import { createOffer, type OfferOptions } from './offer.ts';
import { chromiumCapabilities } from './presets/chromium.ts';
import { CHROMIUM_156_OFFER } from './presets/chromium-156-offer.ts';
import { createSession, type NegotiationSession } from './session.ts';

const lines = (sdp: string) => sdp.split('\r\n').slice(0, -1);

/** The m-sections of an SDP as arrays of lines, each starting with its m= line. */
function sections(sdp: string): string[][] {
  const out: string[][] = [];
  for (const l of lines(sdp)) {
    if (l.startsWith('m=')) out.push([l]);
    else out.at(-1)?.push(l);
  }
  return out;
}

/**
 * A remote answer accepting (or, for the mids in `reject`, rejecting) every m-section of
 * `offer`: another endpoint's ICE credentials, `a=setup:active`, directions mirrored.
 */
function answerFor(offer: string, reject: string[] = []): string {
  const out: string[] = [];
  let rejected = false;
  for (const l of lines(offer)) {
    if (l.startsWith('m=')) {
      const mid = sections(offer)
        .find((s) => s[0] === l)
        ?.find((x) => x.startsWith('a=mid:'));
      rejected = reject.includes(mid?.slice(6) ?? '');
      out.push(rejected ? l.replace(/^(m=\S+) \d+/, '$1 0') : l);
      continue;
    }
    if (l.startsWith('a=group:BUNDLE')) {
      const mids = l
        .split(' ')
        .slice(1)
        .filter((m) => !reject.includes(m));
      out.push(['a=group:BUNDLE', ...mids].join(' '));
    } else if (l.startsWith('o=')) out.push('o=- 1 1 IN IP4 127.0.0.1');
    else if (l.startsWith('a=ice-ufrag:')) out.push('a=ice-ufrag:Rmte');
    else if (l.startsWith('a=ice-pwd:')) out.push('a=ice-pwd:RemoteRemoteRemoteRemote');
    else if (l === 'a=setup:actpass') out.push('a=setup:active');
    else if (l === 'a=sendonly') out.push('a=recvonly');
    else if (l === 'a=recvonly') out.push('a=sendonly');
    else if (l.startsWith('a=ssrc') || l.startsWith('a=msid:')) continue;
    else out.push(l);
  }
  return `${out.join('\r\n')}\r\n`;
}

/** Offer, apply it, apply an answer: one completed negotiation. */
function negotiate(session: NegotiationSession, options?: OfferOptions, reject?: string[]) {
  const offer = createOffer(session, options);
  session.setLocalDescription('offer', offer.sdp);
  session.setRemoteDescription('answer', answerFor(offer.sdp, reject));
  return offer;
}

/** The summary of one m-section the case table checks. */
interface SectionShape {
  m: string;
  mid: string;
  direction?: string;
  msid: boolean;
  ssrcs: number;
  fid: boolean;
}

function shapeOf(section: string[]): SectionShape {
  const has = (p: string) => section.some((l) => l.startsWith(p));
  const [media, port] = (section[0] as string).slice(2).split(' ');
  return {
    m: `${media} ${port}`,
    mid: section.find((l) => l.startsWith('a=mid:'))?.slice(6) ?? '',
    direction: section.find((l) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(l))?.slice(2),
    msid: has('a=msid:'),
    ssrcs: section.filter((l) => l.startsWith('a=ssrc:')).length,
    fid: has('a=ssrc-group:FID'),
  };
}

const OFFER_CASES: {
  name: string;
  setup: (s: NegotiationSession) => void;
  options?: OfferOptions;
  bundle: string | undefined;
  shapes: Partial<SectionShape>[];
}[] = [
  {
    name: 'a single sendrecv audio transceiver',
    setup: (s) => s.addTransceiver('audio'),
    bundle: 'a=group:BUNDLE 0',
    shapes: [{ m: 'audio 9', mid: '0', direction: 'sendrecv', msid: true, ssrcs: 2, fid: false }],
  },
  {
    name: 'audio, video and a data channel',
    setup: (s) => {
      s.addTransceiver('audio');
      s.addTransceiver('video');
      s.createDataChannel();
    },
    bundle: 'a=group:BUNDLE 0 1 2',
    shapes: [
      { m: 'audio 9', mid: '0', direction: 'sendrecv', msid: true, ssrcs: 2, fid: false },
      { m: 'video 9', mid: '1', direction: 'sendrecv', msid: true, ssrcs: 4, fid: true },
      { m: 'application 9', mid: '2', direction: undefined, msid: false, ssrcs: 0 },
    ],
  },
  {
    name: 'a data channel only',
    setup: (s) => s.createDataChannel(),
    bundle: 'a=group:BUNDLE 0',
    shapes: [{ m: 'application 9', mid: '0', msid: false, ssrcs: 0 }],
  },
  {
    name: 'offerToReceiveAudio and offerToReceiveVideo without transceivers',
    setup: () => {},
    options: { offerToReceiveAudio: true, offerToReceiveVideo: true },
    bundle: 'a=group:BUNDLE 0 1',
    shapes: [
      { m: 'audio 9', mid: '0', direction: 'recvonly', msid: false, ssrcs: 0 },
      { m: 'video 9', mid: '1', direction: 'recvonly', msid: false, ssrcs: 0, fid: false },
    ],
  },
  {
    name: 'offerToReceiveAudio next to a sendonly audio transceiver (W3C legacy: adds one)',
    setup: (s) => s.addTransceiver('audio', { direction: 'sendonly' }),
    options: { offerToReceiveAudio: true },
    bundle: 'a=group:BUNDLE 0 1',
    shapes: [
      { mid: '0', direction: 'sendonly', msid: true, ssrcs: 2 },
      { mid: '1', direction: 'recvonly', msid: false, ssrcs: 0 },
    ],
  },
  {
    name: 'offerToReceiveVideo next to a sendrecv video transceiver (adds none)',
    setup: (s) => s.addTransceiver('video'),
    options: { offerToReceiveVideo: true },
    bundle: 'a=group:BUNDLE 0',
    shapes: [{ m: 'video 9', direction: 'sendrecv', msid: true, fid: true }],
  },
  {
    name: 'offerToReceiveAudio false (W3C legacy: sendrecv becomes sendonly)',
    setup: (s) => s.addTransceiver('audio'),
    options: { offerToReceiveAudio: false },
    bundle: 'a=group:BUNDLE 0',
    shapes: [{ m: 'audio 9', direction: 'sendonly', msid: true }],
  },
  {
    name: 'a recvonly video transceiver (no msid, no SSRCs)',
    setup: (s) => s.addTransceiver('video', { direction: 'recvonly' }),
    bundle: 'a=group:BUNDLE 0',
    shapes: [{ m: 'video 9', direction: 'recvonly', msid: false, ssrcs: 0, fid: false }],
  },
  {
    name: 'a transceiver stopped before the first offer (no m-section)',
    setup: (s) => {
      s.addTransceiver('audio').stopped = true;
      s.addTransceiver('video');
    },
    bundle: 'a=group:BUNDLE 0',
    shapes: [{ m: 'video 9', mid: '0' }],
  },
  {
    name: 'nothing to negotiate (session part only)',
    setup: () => {},
    bundle: undefined,
    shapes: [],
  },
];

for (const c of OFFER_CASES) {
  test(`offers ${c.name}`, () => {
    const session = createSession({ capabilities: chromiumCapabilities() });
    c.setup(session);
    const offer = createOffer(session, c.options);
    assert.equal(offer.type, 'offer');
    assert.deepEqual(validate(parse(offer.sdp), { type: 'offer' }), []);
    const all = lines(offer.sdp);
    assert.deepEqual(all.slice(0, 4), [
      'v=0',
      `o=- ${session.sessionId} 2 IN IP4 127.0.0.1`,
      's=-',
      't=0 0',
    ]);
    assert.equal(
      all.find((l) => l.startsWith('a=group:')),
      c.bundle,
    );
    assert.ok(all.includes('a=extmap-allow-mixed'));
    assert.ok(all.includes('a=msid-semantic: WMS'));
    const got = sections(offer.sdp).map(shapeOf);
    assert.equal(got.length, c.shapes.length);
    c.shapes.forEach((want, i) => {
      const have = got[i] as SectionShape;
      for (const [k, v] of Object.entries(want)) {
        assert.equal(have[k as keyof SectionShape], v, `section ${i} ${k}`);
      }
    });
  });
}

/** Chromium's offer with the random parts replaced by placeholders. */
function shape(sdp: string): string[] {
  return lines(sdp).map((l) =>
    l
      .replace(/^o=- \d+ \d+/, 'o=- ID V')
      .replace(/^a=ice-ufrag:.*/, 'a=ice-ufrag:U')
      .replace(/^a=ice-pwd:.*/, 'a=ice-pwd:P')
      .replace(/^a=fingerprint:(\S+) .*/, 'a=fingerprint:$1 F')
      .replace(/^a=msid:- .*/, 'a=msid:- TRACK')
      .replace(/^a=ssrc:\d+ (cname|msid):.*/, 'a=ssrc:N $1')
      .replace(/^a=ssrc-group:FID .*/, 'a=ssrc-group:FID N N'),
  );
}

/**
 * Lines one side writes for reasons outside this comparison: Chromium 156 also writes
 * a=rtcp-rsize and a=rtcp-xr in audio sections (the capabilities carry neither for audio;
 * rtcpRsize is a video setting), and the preset's video sender is simulcast (a=rid,
 * a=simulcast, no a=ssrc), where a session's sender has one layer (a=ssrc-group, a=ssrc).
 */
function comparable(sdp: string): string[] {
  let kind = '';
  return shape(sdp).filter((l) => {
    if (l.startsWith('m=')) kind = l.slice(2, l.indexOf(' '));
    if (l.startsWith('a=rtcp-xr') || l.startsWith('a=rid:') || l.startsWith('a=simulcast:')) {
      return false;
    }
    if (kind === 'audio' && l === 'a=rtcp-rsize') return false;
    return !(kind === 'video' && l.startsWith('a=ssrc'));
  });
}

test('offers audio, video and data line for line as Chromium 156 does', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('audio');
  session.addTransceiver('video');
  session.createDataChannel();
  assert.deepEqual(comparable(createOffer(session).sdp), comparable(CHROMIUM_156_OFFER));
});

test('iceRestart changes every ufrag and pwd, bumps the version, and nothing else', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('audio');
  session.addTransceiver('video');
  session.createDataChannel();
  const before = negotiate(session);
  const after = createOffer(session, { iceRestart: true });
  assert.deepEqual(validate(after.parsed, { type: 'offer' }), []);
  const a = lines(before.sdp);
  const b = lines(after.sdp);
  assert.equal(a.length, b.length);
  const changed = new Set<string>();
  a.forEach((l, i) => {
    if (l !== b[i]) changed.add(l.slice(0, l.indexOf(l.startsWith('o=') ? ' ' : ':')));
  });
  assert.deepEqual([...changed].sort(), ['a=ice-pwd', 'a=ice-ufrag', 'o=-']);
  const ufrags = new Set(b.filter((l) => l.startsWith('a=ice-ufrag:')));
  const pwds = new Set(b.filter((l) => l.startsWith('a=ice-pwd:')));
  assert.equal(ufrags.size, 1, 'one ufrag for the whole BUNDLE group');
  assert.equal(pwds.size, 1);
  assert.ok(!a.includes([...ufrags][0] as string));
  assert.ok(!a.includes([...pwds][0] as string));
  assert.equal(after.parsed.session.origin?.sessionVersion, '3');
  assert.equal(after.parsed.session.origin?.sessionId, session.sessionId);
});

test('an applied ICE restart keeps its new credentials in later offers', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('audio');
  negotiate(session);
  const restart = negotiate(session, { iceRestart: true });
  const next = createOffer(session);
  const ufrag = (sdp: string) => lines(sdp).find((l) => l.startsWith('a=ice-ufrag:'));
  assert.equal(ufrag(next.sdp), ufrag(restart.sdp));
  assert.equal(session.credentials.ufrag, ufrag(restart.sdp)?.slice(12));
});

test('renegotiation adding video keeps the first m-section byte-identical', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('audio');
  const first = negotiate(session);
  session.addTransceiver('video');
  const second = createOffer(session);
  assert.deepEqual(validate(second.parsed, { type: 'offer' }), []);
  const [audio1] = sections(first.sdp);
  const [audio2, video] = sections(second.sdp);
  assert.deepEqual(audio2, audio1);
  assert.equal(
    video?.find((l) => l.startsWith('a=mid:')),
    'a=mid:1',
  );
  assert.ok(lines(second.sdp).includes('a=group:BUNDLE 0 1'));
  assert.equal(first.parsed.session.origin?.sessionVersion, '2');
  assert.equal(second.parsed.session.origin?.sessionVersion, '3');
});

test('an offer that does not differ from the last one keeps the version', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('audio');
  const first = createOffer(session);
  const again = createOffer(session);
  assert.equal(again.sdp, first.sdp);
  session.setLocalDescription('offer', first.sdp);
  session.setRemoteDescription('answer', answerFor(first.sdp));
  assert.equal(createOffer(session).sdp, first.sdp);
  session.transceivers[0]!.direction = 'recvonly';
  assert.equal(createOffer(session).parsed.session.origin?.sessionVersion, '3');
});

test('mids, m-line order, track ids and SSRCs stay across renegotiations', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('video');
  session.createDataChannel();
  const first = negotiate(session);
  session.addTransceiver('audio');
  const second = negotiate(session);
  const mids = (sdp: string) =>
    sections(sdp).map((s) => `${s[0]?.split(' ')[0]} ${shapeOf(s).mid}`);
  assert.deepEqual(mids(first.sdp), ['m=video 0', 'm=application 1']);
  assert.deepEqual(mids(second.sdp), ['m=video 0', 'm=application 1', 'm=audio 2']);
  const ssrcLines = (sdp: string) => lines(sdp).filter((l) => /^a=(ssrc|msid):/.test(l));
  const firstVideo = ssrcLines(first.sdp);
  assert.deepEqual(ssrcLines(second.sdp).slice(0, firstVideo.length), firstVideo);
});

/** Hand-written capabilities: codecs without preferred payload types, a template rtx. */
function plainCapabilities(): Capabilities {
  const codec = (name: string, clockRate: number, extra: Partial<CodecCapability> = {}) => ({
    name,
    clockRate,
    parameters: {},
    feedback: [],
    ...extra,
  });
  return {
    codecs: {
      audio: [codec('opus', 48000, { channels: 2, parameters: { useinbandfec: '1' } })],
      video: [
        codec('VP8', 90000, { feedback: ['nack', 'nack pli'] }),
        codec('VP9', 90000, { parameters: { 'profile-id': '0' }, feedback: ['nack'] }),
        codec('rtx', 90000),
        codec('ulpfec', 90000),
      ],
    },
    headerExtensions: {
      audio: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid' }],
      video: [
        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid' },
        { uri: 'urn:ietf:params:rtp-hdrext:toffset', preferredId: 20 },
      ],
    },
    extmapAllowMixed: false,
    rtcpRsize: true,
    iceOptions: ['trickle'],
    dtlsRole: 'active',
    defaultDirection: 'recvonly',
  };
}

test('assigns dynamic payload types and extmap ids once, shared across the BUNDLE group', () => {
  const session = createSession({ capabilities: plainCapabilities() });
  session.addTransceiver('audio');
  session.addTransceiver('video');
  const first = negotiate(session);
  assert.deepEqual(validate(first.parsed, { type: 'offer' }), []);
  const [audio, video] = sections(first.sdp);
  assert.equal(audio?.[0], 'm=audio 9 UDP/TLS/RTP/SAVPF 96');
  // rtx partners VP8 and VP9 (a template without apt=), not ulpfec.
  assert.equal(video?.[0], 'm=video 9 UDP/TLS/RTP/SAVPF 97 98 99 100 101');
  assert.ok(video?.includes('a=fmtp:98 apt=97'));
  assert.ok(video?.includes('a=fmtp:100 apt=99'));
  assert.ok(video?.includes('a=rtpmap:101 ulpfec/90000'));
  assert.ok(audio?.includes('a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid'));
  assert.ok(video?.includes('a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid'));
  // 20 needs two-byte headers, which the capabilities do not allow.
  assert.ok(video?.includes('a=extmap:2 urn:ietf:params:rtp-hdrext:toffset'));
  assert.ok(!lines(first.sdp).includes('a=extmap-allow-mixed'));
  assert.ok(video?.includes('a=rtcp-rsize') && !audio?.includes('a=rtcp-rsize'));

  // A second video section, preferring VP9 only, reuses VP9's payload types.
  const vp9 = session.capabilities.codecs.video.filter((c) => c.name !== 'VP8');
  session.addTransceiver('video').codecPreferences = vp9;
  const second = createOffer(session);
  const [audio2, video2, third] = sections(second.sdp);
  assert.deepEqual([audio2, video2], [audio, video]);
  assert.equal(third?.[0], 'm=video 9 UDP/TLS/RTP/SAVPF 99 100 101');
  assert.deepEqual(validate(second.parsed, { type: 'offer' }), []);
});

test('a stopped transceiver leaves a port 0 section outside the BUNDLE group', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  const audio = session.addTransceiver('audio');
  session.addTransceiver('video');
  negotiate(session);
  audio.stopped = true;
  const offer = createOffer(session);
  assert.deepEqual(validate(offer.parsed, { type: 'offer' }), []);
  const [first, second] = sections(offer.sdp);
  assert.match(first?.[0] ?? '', /^m=audio 0 /);
  assert.ok(first?.includes('a=inactive'));
  assert.ok(!first?.some((l) => l.startsWith('a=msid:') || l.startsWith('a=ssrc')));
  assert.match(second?.[0] ?? '', /^m=video 9 /);
  assert.ok(lines(offer.sdp).includes('a=group:BUNDLE 1'));
});

test('an m-section the answer rejected stays rejected in later offers', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('audio');
  const video = session.addTransceiver('video');
  negotiate(session, {}, ['1']);
  assert.equal(video.stopped, true);
  const offer = createOffer(session);
  assert.match(sections(offer.sdp)[1]?.[0] ?? '', /^m=video 0 /);
  assert.ok(lines(offer.sdp).includes('a=group:BUNDLE 0'));
});

const STATE_CASES: {
  state: string;
  reach: (s: NegotiationSession, remote: NegotiationSession) => void;
  code?: string;
}[] = [
  { state: 'stable', reach: () => {} },
  {
    state: 'have-local-offer',
    reach: (s) => s.setLocalDescription('offer', createOffer(s).sdp),
  },
  {
    state: 'have-remote-offer',
    reach: (s, r) => s.setRemoteDescription('offer', createOffer(r).sdp),
    code: 'NEG_ERR_INVALID_STATE',
  },
  {
    state: 'have-local-pranswer',
    reach: (s, r) => {
      const offer = createOffer(r).sdp;
      s.setRemoteDescription('offer', offer);
      s.setLocalDescription('pranswer', answerFor(offer));
    },
    code: 'NEG_ERR_INVALID_STATE',
  },
  {
    state: 'have-remote-pranswer',
    reach: (s) => {
      const offer = createOffer(s).sdp;
      s.setLocalDescription('offer', offer);
      s.setRemoteDescription('pranswer', answerFor(offer));
    },
    code: 'NEG_ERR_INVALID_STATE',
  },
  { state: 'closed', reach: (s) => s.close(), code: 'NEG_ERR_CLOSED' },
];

for (const c of STATE_CASES) {
  const outcome = c.code === undefined ? 'an offer' : 'InvalidStateError';
  test(`${c.state} -> createOffer(): ${outcome}`, () => {
    const session = createSession({ capabilities: chromiumCapabilities() });
    const remote = createSession({ capabilities: chromiumCapabilities() });
    session.addTransceiver('audio');
    remote.addTransceiver('audio');
    c.reach(session, remote);
    assert.equal(session.signalingState, c.state);
    if (c.code === undefined) {
      assert.equal(createOffer(session).type, 'offer');
      return;
    }
    assert.throws(
      () => createOffer(session),
      (e: unknown) =>
        e instanceof NegotiationError &&
        e.code === c.code &&
        e.message === `${c.state} -> createOffer(): InvalidStateError`,
    );
  });
}

test('rejects options that are not booleans, naming the option', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  assert.throws(
    () => createOffer(session, { iceRestart: 'yes' as unknown as boolean }),
    /options\.iceRestart/,
  );
});

test('throws a RangeError for a transceiver with no codec to offer', () => {
  const session = createSession({ capabilities: chromiumCapabilities() });
  session.addTransceiver('audio').codecPreferences = [];
  assert.throws(() => createOffer(session), RangeError);
});
