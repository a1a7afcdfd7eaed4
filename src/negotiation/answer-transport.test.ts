/**
 * createAnswer's transport rules on edits of a real Chromium 156 offer: BUNDLE groups
 * (RFC 9143), ICE credentials and restarts (RFC 8839 4.4.1.1, RFC 9429 5.3.2), DTLS roles
 * (RFC 5763 5, RFC 8842 5.3) and rtcp-mux / rtcp-rsize (RFC 5761, RFC 5506).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type MediaSection, parse } from 'switchboard/sdp';
import type { AnswerResult } from './answer.ts';
import { answer, chromium, OFFER } from './answer-harness.ts';
import type { Capabilities } from './capabilities.ts';
import { chromiumCapabilities } from './presets/chromium.ts';

/** `sdp` with every match of `from` replaced; `from` must occur. */
function edit(sdp: string, from: RegExp | string, to: string): string {
  const pattern = typeof from === 'string' ? from : new RegExp(from.source, 'gm');
  assert.ok(typeof pattern === 'string' ? sdp.includes(pattern) : pattern.test(sdp), `${from}`);
  return typeof pattern === 'string' ? sdp.replaceAll(pattern, to) : sdp.replace(pattern, to);
}

/** `sdp` with `from` replaced in section `index` (m= sections counted from 0) only. */
function inSection(sdp: string, index: number, from: RegExp | string, to: string): string {
  const parts = sdp.split(/(?=^m=)/m);
  parts[index + 1] = edit(parts[index + 1] ?? '', from, to);
  return parts.join('');
}

const withoutBundle = (sdp: string) => edit(sdp, /^a=group:BUNDLE.*\r\n/, '');
const withSetup = (sdp: string, role: string) => edit(sdp, /^a=setup:.*$/, `a=setup:${role}`);
/** The offer after an ICE restart of section `index`, or of every section. */
function restarted(sdp: string, index?: number): string {
  const restart = (text: string) =>
    edit(
      edit(text, /^a=ice-ufrag:.*$/, 'a=ice-ufrag:R3st'),
      /^a=ice-pwd:.*$/,
      'a=ice-pwd:restartedrestartedrestart',
    );
  if (index === undefined) return restart(sdp);
  const parts = sdp.split(/(?=^m=)/m);
  parts[index + 1] = restart(parts[index + 1] ?? '');
  return parts.join('');
}

/** The answer to `next` after `first` was answered by `before`. */
function reanswer(
  first: string,
  before: AnswerResult,
  next: string,
  caps = chromiumCapabilities(),
): AnswerResult {
  return answer(next, caps, { previous: { offer: parse(first), answer: before.answer } });
}

/** What a section's transport is: `ufrag pwd setup fingerprint`. */
function transportOf(media: MediaSection | undefined): string {
  assert.ok(media);
  const fp = media.attribute('fingerprint');
  return [
    media.attribute('ice-ufrag')?.ufrag,
    media.attribute('ice-pwd')?.pwd,
    media.attribute('setup')?.role,
    `${fp?.algorithm} ${fp?.fingerprint}`,
  ].join(' ');
}

const groups = (r: AnswerResult) =>
  r.answer.session
    .attributes('group')
    .filter((g) => g.semantics === 'BUNDLE')
    .map((g) => g.mids);
const ufrags = (r: AnswerResult) => r.answer.media.map((m) => m.attribute('ice-ufrag')?.ufrag);

describe('BUNDLE', () => {
  test('BUNDLE 0 1 2 -> BUNDLE 0 1 2, one ICE/DTLS transport for all three', () => {
    const result = answer(OFFER);
    assert.deepEqual(groups(result), [['0', '1', '2']]);
    const [a, v, d] = result.answer.media.map(transportOf);
    assert.equal(v, a);
    assert.equal(d, a);
    assert.equal(result.transports[0], result.transports[2]);
  });

  test('BUNDLE 0 1 2 x video stopped -> BUNDLE 0 2 (only accepted mids)', () => {
    const caps = chromium((c) => {
      c.transceivers = [{ kind: 'video', mid: '1', direction: 'sendrecv', stopped: true }];
    });
    assert.deepEqual(groups(answer(OFFER, caps)), [['0', '2']]);
  });

  test("BUNDLE 0 1 2, audio rejected -> BUNDLE 1 2 on the video section's transport", () => {
    const result = answer(inSection(OFFER, 0, /^m=audio 9/, 'm=audio 0'));
    assert.deepEqual(groups(result), [['1', '2']]);
    assert.equal(transportOf(result.answer.media[2]), transportOf(result.answer.media[1]));
  });

  test('BUNDLE 0 1 2, all rejected -> an empty BUNDLE group (as libwebrtc, RFC 5888 8.4)', () => {
    let offer = OFFER;
    for (const kind of ['audio', 'video', 'application'])
      offer = edit(offer, new RegExp(`^m=${kind} 9`), `m=${kind} 0`);
    const result = answer(offer);
    assert.deepEqual(groups(result), [[]]);
    assert.ok(result.sections.every((s) => s.reason === 'rejected-in-offer'));
  });

  test('BUNDLE 0 1 + BUNDLE 2 -> two groups, two transports (RFC 9143 7.3)', () => {
    const result = answer(
      edit(OFFER, 'a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 1\r\na=group:BUNDLE 2'),
    );
    assert.deepEqual(groups(result), [['0', '1'], ['2']]);
    const [a, v, d] = ufrags(result);
    assert.equal(v, a);
    assert.notEqual(d, a);
  });

  test('BUNDLE 0 1 with 2 outside -> BUNDLE 0 1, section 2 on its own transport', () => {
    const result = answer(edit(OFFER, 'a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 1'));
    assert.deepEqual(groups(result), [['0', '1']]);
    const [a, v, d] = ufrags(result);
    assert.equal(v, a);
    assert.notEqual(d, a);
  });

  test('no BUNDLE -> no group; ICE per section, one certificate fingerprint', () => {
    const result = answer(withoutBundle(OFFER));
    assert.deepEqual(groups(result), []);
    assert.equal(new Set(ufrags(result)).size, 3);
    const fingerprints = result.answer.media.map((m) => m.attribute('fingerprint')?.fingerprint);
    assert.equal(new Set(fingerprints).size, 1);
  });

  test('bundle-only sections (max-bundle offer) are answered on the bundle, never bundle-only', () => {
    let offer = OFFER;
    for (const i of [1, 2]) {
      offer = inSection(offer, i, /^m=(video|application) 9/, 'm=$1 0');
      offer = inSection(offer, i, /^a=mid:(\d)$/, 'a=mid:$1\r\na=bundle-only');
    }
    const result = answer(offer);
    assert.deepEqual(groups(result), [['0', '1', '2']]);
    assert.deepEqual(
      result.answer.media.map((m) => [m.media.port, m.has('bundle-only')]),
      [
        [9, false],
        [9, false],
        [9, false],
      ],
    );
    assert.equal(new Set(ufrags(result)).size, 1);
  });

  test('given credentials are used for the bundle transport', () => {
    const fingerprints = [{ algorithm: 'sha-256', fingerprint: Array(32).fill('0F').join(':') }];
    const credentials = { ufrag: 'Loc1', pwd: 'localpasswordlocalpasswo', fingerprints };
    const result = answer(OFFER, chromiumCapabilities(), { credentials });
    for (const media of result.answer.media) {
      assert.equal(media.attribute('ice-ufrag')?.ufrag, 'Loc1');
      assert.equal(media.attribute('ice-pwd')?.pwd, 'localpasswordlocalpasswo');
      assert.deepEqual(media.attributes('fingerprint'), fingerprints);
    }
  });
});

describe('ICE restart', () => {
  test('re-offer unchanged -> same credentials and session id, o= version + 1', () => {
    const first = answer(OFFER);
    const second = reanswer(OFFER, first, OFFER);
    assert.deepEqual(second.answer.media.map(transportOf), first.answer.media.map(transportOf));
    assert.equal(second.answer.session.origin?.sessionId, first.answer.session.origin?.sessionId);
    assert.equal(second.answer.session.origin?.sessionVersion, '3');
    assert.ok(second.transports.every((t) => t?.restarted === false));
  });

  test('re-offer with new ufrag/pwd (bundled) -> new credentials, same fingerprint and role', () => {
    const first = answer(OFFER);
    const second = reanswer(OFFER, first, restarted(OFFER));
    const [before, after] = [first.answer.media[0], second.answer.media[0]];
    assert.notEqual(after?.attribute('ice-ufrag')?.ufrag, before?.attribute('ice-ufrag')?.ufrag);
    assert.notEqual(after?.attribute('ice-pwd')?.pwd, before?.attribute('ice-pwd')?.pwd);
    assert.deepEqual(after?.attribute('fingerprint'), before?.attribute('fingerprint'));
    assert.equal(after?.attribute('setup')?.role, before?.attribute('setup')?.role);
    assert.equal(new Set(ufrags(second)).size, 1, 'still one bundle transport');
    assert.ok(second.transports.every((t) => t?.restarted === true));
  });

  test('no BUNDLE, re-offer restarts section 1 only -> new credentials for section 1 only', () => {
    const offer = withoutBundle(OFFER);
    const first = answer(offer);
    const second = reanswer(offer, first, restarted(offer, 1));
    const [a0, a1, a2] = ufrags(first);
    const [b0, b1, b2] = ufrags(second);
    assert.equal(b0, a0);
    assert.notEqual(b1, a1);
    assert.equal(b2, a2);
    assert.deepEqual(
      second.transports.map((t) => t?.restarted),
      [false, true, false],
    );
  });

  test('a section rejected before and accepted now gets new credentials', () => {
    const rejectedAudio = inSection(withoutBundle(OFFER), 0, /^m=audio 9/, 'm=audio 0');
    const first = answer(rejectedAudio);
    const second = reanswer(rejectedAudio, first, withoutBundle(OFFER));
    assert.equal(first.answer.media[0]?.media.port, 0);
    assert.ok(second.answer.media[0]?.attribute('ice-ufrag'));
    assert.ok(!ufrags(first).includes(second.answer.media[0]?.attribute('ice-ufrag')?.ufrag));
  });
});

describe('DTLS role', () => {
  // offered a=setup, local preference -> answered a=setup
  // biome-ignore format: one case a line, read as a table
  const FIRST: [offered: string, preference: 'active' | 'passive', answered: string][] = [
    ['actpass', 'active', 'active'],
    ['actpass', 'passive', 'passive'],
    ['active', 'active', 'passive'],
    ['passive', 'active', 'active'],
    ['passive', 'passive', 'active'],
  ];
  for (const [offered, preference, answered] of FIRST) {
    test(`offer ${offered} x local ${preference} -> answer ${answered}`, () => {
      const caps = chromium((c) => {
        c.dtlsRole = preference;
      });
      const result = answer(withSetup(OFFER, offered), caps);
      assert.deepEqual(
        result.answer.media.map((m) => m.attribute('setup')?.role),
        [answered, answered, answered],
      );
    });
  }

  // first offer -> first answer, re-offer -> re-answer (local preference active throughout)
  // biome-ignore format: one case a line, read as a table
  const AGAIN: [first: string, firstAnswer: string, next: string, nextAnswer: string][] = [
    ['actpass', 'active', 'actpass', 'active'],
    ['active', 'passive', 'actpass', 'passive'],
    ['passive', 'active', 'passive', 'active'],
    ['actpass', 'active', 'passive', 'active'],
    ['actpass', 'active', 'active', 'passive'],
  ];
  for (const [firstSetup, firstRole, nextSetup, nextRole] of AGAIN) {
    test(`offer ${firstSetup} -> ${firstRole}, re-offer ${nextSetup} -> ${nextRole}`, () => {
      const first = withSetup(OFFER, firstSetup);
      const before = answer(first);
      assert.equal(before.answer.media[0]?.attribute('setup')?.role, firstRole);
      const after = reanswer(first, before, withSetup(OFFER, nextSetup));
      assert.equal(after.answer.media[0]?.attribute('setup')?.role, nextRole);
    });
  }

  test('re-offer actpass keeps the established passive role even when local prefers active', () => {
    const first = withSetup(OFFER, 'active');
    const before = answer(first);
    const after = reanswer(first, before, withSetup(OFFER, 'actpass'), chromiumCapabilities());
    assert.equal(after.answer.media[1]?.attribute('setup')?.role, 'passive');
  });
});

describe('rtcp-mux and rtcp-rsize', () => {
  // name, offer, capabilities, answered [rtcp-mux, rtcp-rsize] of audio and video
  // biome-ignore format: one case a line, read as a table
  const CASES: [string, string, Capabilities, [boolean, boolean][]][] = [
    ['offered -> answered', OFFER, chromium(), [[true, true], [true, true]]],
    ['rtcp-mux not offered (no BUNDLE) -> not answered', withoutBundle(edit(OFFER, /^a=rtcp-mux\r\n/, '')), chromium(), [[false, true], [false, true]]],
    ['rtcp-rsize not offered -> not answered', edit(OFFER, /^a=rtcp-rsize\r\n/, ''), chromium(), [[true, false], [true, false]]],
    ['rtcp-rsize offered x local without it -> not answered', OFFER, chromium((c) => { c.rtcpRsize = false; }), [[true, false], [true, false]]],
  ];
  for (const [name, offer, caps, expected] of CASES) {
    test(name, () => {
      const result = answer(offer, caps);
      assert.deepEqual(
        result.answer.media.slice(0, 2).map((m) => [m.has('rtcp-mux'), m.has('rtcp-rsize')]),
        expected,
      );
    });
  }
});
