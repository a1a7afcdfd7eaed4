/**
 * `switchboard sdp answer` and `switchboard sdp explain` as users run them:
 * `node bin/switchboard.js` over the built dist (build first), on browser offers from the
 * shared corpus and edited copies.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse, validate } from 'switchboard/sdp';
import { corpus, type Run, run } from './run-cli.ts';

const CHROME = corpus('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp');
const CHROME_TEXT = readFileSync(CHROME, 'utf8');
const CHROME_SIMULCAST = corpus('webex__ts-sdp/chrome_102_a_v_dc_offer_simulcast.sdp');
const FIREFOX = corpus('webex__ts-sdp/ffox_101_a_v_dc_offer.sdp');
/** Chromium audio + video, no data channel: as --caps, an endpoint without data channels. */
const AUDIO_VIDEO_ONLY = corpus('elixir-webrtc__ex_webrtc/chromium_audio_video_sdp.txt');
/** A Firefox 35 offer strict parsing rejects (line 19: a=extmap without an absolute URI). */
const UNPARSEABLE = corpus('mozilla__webrtc-sdp/12.sdp');

const dir = mkdtempSync(join(tmpdir(), 'switchboard-negotiation-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to a fresh file in the test's temporary directory and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The Chrome offer without `a=mid:1`: it parses, but fails validation as an offer. */
const WITHOUT_MID = file('without-mid.sdp', CHROME_TEXT.replace(/a=mid:1\r?\n/, ''));
const NOT_SDP = file('not-sdp.txt', 'hello\n');
const SESSION_ONLY = file(
  'session-only.sdp',
  'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n',
);

/** The answer `sdp answer` printed: strict, valid as an answer, with the offer's mids. */
function checkedAnswer(r: Run, offerPath: string) {
  assert.equal(r.status, 0, r.stderr);
  const answer = parse(r.stdout, { mode: 'strict' });
  assert.deepEqual(validate(answer, { type: 'answer' }), []);
  const offer = parse(readFileSync(offerPath, 'utf8'));
  assert.deepEqual(
    answer.media.map((m) => m.mid),
    offer.media.map((m) => m.mid),
  );
  return answer;
}

describe('switchboard sdp answer', () => {
  test('help lists sdp answer and sdp explain', () => {
    const r = run(['sdp', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /sdp answer <offer\|->/);
    assert.match(r.stdout, /sdp explain <offer> <answer>/);
  });

  test('--help shows the synopsis', () => {
    const r = run(['sdp', 'answer', '--help']);
    assert.equal(r.status, 0);
    assert.match(
      r.stdout,
      /Usage: switchboard sdp answer <offer\|-> \[--caps <chromium\|file>\] \[--accept-simulcast\] \[--explain\]/,
    );
  });

  test('answers a Chrome offer as Chromium: exit 0, a valid answer on stdout, nothing on stderr', () => {
    const r = run(['sdp', 'answer', CHROME]);
    const answer = checkedAnswer(r, CHROME);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      answer.media.map((m) => [m.kind, m.media.port, m.direction ?? '-']),
      [
        ['video', 9, 'recvonly'],
        ['audio', 9, 'recvonly'],
        ['application', 9, '-'],
      ],
    );
    assert.equal(answer.media[0]?.attribute('setup')?.role, 'active');
  });

  test('--caps chromium is the default', () => {
    const r = run(['sdp', 'answer', '--caps', 'chromium', CHROME]);
    const answer = checkedAnswer(r, CHROME);
    const byDefault = parse(run(['sdp', 'answer', CHROME]).stdout);
    assert.deepEqual(
      answer.media.map((m) => m.media.formats),
      byDefault.media.map((m) => m.media.formats),
    );
  });

  test('reads the offer from stdin for -', () => {
    checkedAnswer(run(['sdp', 'answer', '-'], CHROME_TEXT), CHROME);
  });

  test('the answer pipes into sdp verify --type answer -', () => {
    const answer = run(['sdp', 'answer', FIREFOX]);
    assert.equal(answer.status, 0, answer.stderr);
    const verify = run(['sdp', 'verify', '--type', 'answer', '-'], answer.stdout);
    assert.equal(verify.status, 0, verify.stdout);
    assert.match(verify.stdout, /<stdin>: ok \(3 sections\)/);
  });

  test('--caps <Firefox offer>: only codecs Firefox offered, its max-message-size bound', () => {
    const r = run(['sdp', 'answer', '--caps', FIREFOX, CHROME]);
    const answer = checkedAnswer(r, CHROME);
    const video = answer.media[0];
    const names = new Set(video?.codecs().map((c) => c.name));
    assert.deepEqual([...names].sort(), ['H264', 'VP8', 'VP9', 'rtx']);
    // Chrome offers 262144, Firefox takes 1073741823: the answer states the smaller
    assert.equal(answer.media[2]?.attribute('max-message-size')?.size, 262144);
  });

  test('--caps <audio/video-only SDP>: the data channel section is rejected with port 0', () => {
    const r = run(['sdp', 'answer', '--caps', AUDIO_VIDEO_ONLY, '--explain', CHROME]);
    const answer = checkedAnswer(r, CHROME);
    assert.equal(answer.media[2]?.media.port, 0);
    assert.deepEqual(answer.session.attribute('group')?.mids, ['0', '1']);
    assert.match(r.stderr, /#2 application mid 2: rejected, data channels are not supported/);
  });

  test('--accept-simulcast answers a=rid recv and a=simulcast:recv; without it none', () => {
    const accepted = checkedAnswer(
      run(['sdp', 'answer', '--accept-simulcast', CHROME_SIMULCAST]),
      CHROME_SIMULCAST,
    );
    const video = accepted.media.find((m) => m.kind === 'video');
    assert.deepEqual(
      video?.attributes('rid').map((r) => `${r.id} ${r.direction}`),
      ['high recv', 'middle recv', 'low recv'],
    );
    assert.deepEqual(video?.attribute('simulcast')?.recv?.length, 3);
    const plain = checkedAnswer(run(['sdp', 'answer', CHROME_SIMULCAST]), CHROME_SIMULCAST);
    assert.equal(plain.media.find((m) => m.kind === 'video')?.has('simulcast'), false);
  });

  test('--explain writes the explanation on stderr and leaves stdout the answer', () => {
    const r = run(['sdp', 'answer', '--explain', FIREFOX]);
    checkedAnswer(r, FIREFOX);
    assert.ok(r.stdout.startsWith('v=0\r\n'));
    const lines = r.stderr.split('\n');
    assert.equal(lines[0], 'BUNDLE: 0 1 2');
    assert.ok(lines.includes('#0 video mid 0: accepted, bundled'));
    assert.ok(lines.includes('  data       max-message-size 1073741823 -> 262144'));
  });

  // name, arguments, stdin, what stderr says
  // biome-ignore format: one case a line, read as a table
  const PROBLEMS: [string, string[], string | undefined, RegExp][] = [
    ['an offer that does not parse strictly', ['sdp', 'answer', UNPARSEABLE], undefined, /12\.sdp:19:\d+: SDP_ERR_BAD_VALUE /],
    ['an offer that does not parse, from stdin', ['sdp', 'answer', '-'], 'hello\n', /^<stdin>:1:\d+: SDP_ERR_\w+ /],
    ['an offer that fails validation (a section without a=mid)', ['sdp', 'answer', WITHOUT_MID], undefined, /without-mid\.sdp:\d+:1: SDP_PROBLEM_\w+ /],
  ];
  for (const [name, args, input, stderr] of PROBLEMS) {
    test(`exits 1 with no answer for ${name}`, () => {
      const r = run(args, input);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, stderr);
    });
  }

  // name, arguments
  // biome-ignore format: one case a line, read as a table
  const USAGE: [string, string[]][] = [
    ['no offer', ['sdp', 'answer']],
    ['two offers', ['sdp', 'answer', CHROME, FIREFOX]],
    ['an unreadable offer', ['sdp', 'answer', join(dir, 'missing.sdp')]],
    ['an unreadable --caps file', ['sdp', 'answer', '--caps', join(dir, 'missing.sdp'), CHROME]],
    ['--caps naming something that is not SDP', ['sdp', 'answer', '--caps', NOT_SDP, CHROME]],
    ['--caps with no codec and no data channel', ['sdp', 'answer', '--caps', SESSION_ONLY, CHROME]],
    ['--caps - with the offer from - too', ['sdp', 'answer', '--caps', '-', '-']],
    ['--caps without a value', ['sdp', 'answer', CHROME, '--caps']],
    ['an unknown option', ['sdp', 'answer', '--frobnicate', CHROME]],
  ];
  for (const [name, args] of USAGE) {
    test(`exits 2 for ${name}`, () => {
      const r = run(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /switchboard sdp answer/);
    });
  }

  test('--caps - reads the capabilities SDP from stdin', () => {
    const r = run(['sdp', 'answer', '--caps', '-', CHROME], readFileSync(FIREFOX, 'utf8'));
    const answer = checkedAnswer(r, CHROME);
    assert.ok(!answer.media[0]?.codecs().some((c) => c.name === 'AV1'));
  });
});

describe('switchboard sdp explain', () => {
  const ANSWER = file('answer.sdp', run(['sdp', 'answer', CHROME]).stdout);
  const NO_DATA = file(
    'answer-no-data.sdp',
    run(['sdp', 'answer', '--caps', AUDIO_VIDEO_ONLY, CHROME]).stdout,
  );

  test('explains an exchange section by section', () => {
    const r = run(['sdp', 'explain', CHROME, ANSWER]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'BUNDLE: 0 1 2');
    for (const line of [
      '#0 video mid 0: accepted, bundled',
      '  direction  sendrecv -> recvonly',
      '  dtls       setup actpass -> active',
      '  codec      96 VP8/90000',
      '#1 audio mid 1: accepted, bundled',
      '#2 application mid 2: accepted, bundled',
      '  data       max-message-size 262144 -> 262144',
    ]) {
      assert.ok(lines.includes(line), `missing ${JSON.stringify(line)}`);
    }
  });

  test('a rejected section states its reason', () => {
    const r = run(['sdp', 'explain', CHROME, NO_DATA]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^#2 application mid 2: rejected, data channels are not supported locally \(RFC 8841\)$/m,
    );
    assert.match(r.stdout, /^BUNDLE: 0 1$/m);
  });

  test('--json prints the explanation as data', () => {
    const r = run(['sdp', 'explain', '--json', CHROME, NO_DATA]);
    assert.equal(r.status, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.deepEqual(e.bundle, ['0', '1']);
    assert.deepEqual(
      e.sections.map((s: { mid: string; accepted: boolean; reason?: string }) => [
        s.mid,
        s.accepted,
        s.reason ?? null,
      ]),
      [
        ['0', true, null],
        ['1', true, null],
        ['2', false, 'no-data-channel'],
      ],
    );
    assert.deepEqual(e.sections[0].setup, { offered: 'actpass', answered: 'active' });
  });

  test('reads the answer from stdin for -', () => {
    const r = run(['sdp', 'explain', CHROME, '-'], readFileSync(ANSWER, 'utf8'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^#0 video mid 0: accepted, bundled$/m);
  });

  test('explains a browser offer with a lenient parse (12.sdp, which strict mode rejects)', () => {
    const r = run(['sdp', 'explain', UNPARSEABLE, UNPARSEABLE]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^#0 audio /m);
  });

  test('exits 1 after the explanation when the answer has another number of m-lines', () => {
    const text = readFileSync(ANSWER, 'utf8');
    const short = file('short.sdp', text.slice(0, text.indexOf('m=application')));
    const r = run(['sdp', 'explain', CHROME, short]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^#2 application mid 2: rejected/m);
    assert.match(r.stderr, /CLI_ERR_MLINE_COUNT the answer has 2 m-lines, the offer 3/);
  });

  test('exits 1 when the offer has no m= section', () => {
    const r = run(['sdp', 'explain', NOT_SDP, ANSWER]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no m= sections to explain/);
  });

  // name, arguments
  // biome-ignore format: one case a line, read as a table
  const USAGE: [string, string[]][] = [
    ['one operand', ['sdp', 'explain', CHROME]],
    ['three operands', ['sdp', 'explain', CHROME, ANSWER, ANSWER]],
    ['both operands -', ['sdp', 'explain', '-', '-']],
    ['an unreadable offer', ['sdp', 'explain', join(dir, 'missing.sdp'), ANSWER]],
    ['an unreadable answer', ['sdp', 'explain', CHROME, join(dir, 'missing.sdp')]],
    ['an unknown option', ['sdp', 'explain', '--text', CHROME, ANSWER]],
  ];
  for (const [name, args] of USAGE) {
    test(`exits 2 for ${name}`, () => {
      const r = run(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /switchboard sdp explain/);
    });
  }
});
