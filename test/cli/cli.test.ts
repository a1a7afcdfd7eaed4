/**
 * The `switchboard` command as users run it: `node bin/switchboard.js` over the built
 * dist (the test script builds first), on real SDPs from the shared corpus.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { corpus, run } from './run-cli.ts';

const CHROME_OFFER = corpus('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp');
const BROKEN = corpus('mozilla__webrtc-sdp/12.sdp');
const BAD_BUNDLE = corpus(
  'awslabs__amazon-kinesis-video-streams-webrtc-sdk-c/1v1a1d-chrome-mac.txt',
);

describe('switchboard', () => {
  test('prints help and exits 0 without arguments', () => {
    const r = run([]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: switchboard/);
    assert.match(r.stdout, /sdp inspect/);
    assert.match(r.stdout, /sdp verify/);
  });

  test('prints the package version for --version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const r = run(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  const usageErrors: [name: string, args: string[]][] = [
    ['an unknown command', ['frobnicate']],
    ['an unknown sdp command', ['sdp', 'frobnicate']],
    ['an unknown option', ['sdp', 'inspect', '--frobnicate', CHROME_OFFER]],
    ['inspect without a file', ['sdp', 'inspect']],
    ['verify with a bad --type', ['sdp', 'verify', '--type', 'rollback', CHROME_OFFER]],
  ];
  for (const [name, args] of usageErrors) {
    test(`exits 2 with usage on stderr for ${name}`, () => {
      const r = run(args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /switchboard/);
    });
  }

  test('shows command help for sdp verify --help', () => {
    const r = run(['sdp', 'verify', '--help']);
    assert.equal(r.status, 0);
    assert.match(
      r.stdout,
      /Usage: switchboard sdp verify <file\|->\.\.\. \[--type <offer\|answer\|pranswer>\]/,
    );
  });
});

describe('switchboard sdp inspect', () => {
  test('summarises a Chrome offer: groups, mids, codecs, transport, data channel', () => {
    const r = run(['sdp', 'inspect', CHROME_OFFER]);
    assert.equal(r.status, 0, r.stderr);
    for (const text of [
      'group               BUNDLE 0 1 2',
      '#0  video  mid 0  port 9  UDP/TLS/RTP/SAVPF  sendrecv',
      '#1  audio  mid 1',
      '#2  application  mid 2',
      'VP8/90000',
      'opus/48000/2',
      'minptime=10;useinbandfec=1',
      'rtx of 96 VP8',
      'red of 111 opus',
      'urn:ietf:params:rtp-hdrext:sdes:mid',
      'fingerprint sha-256',
      'setup actpass',
      'sctp-port 5000, max-message-size 262144',
      'candidates (0)',
    ]) {
      assert.ok(r.stdout.includes(text), `missing ${JSON.stringify(text)}`);
    }
  });

  test('--json prints every section with its codecs and typed lines', () => {
    const r = run(['sdp', 'inspect', '--json', CHROME_OFFER]);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.media.length, 3);
    assert.deepEqual(
      json.media.map((m: { mid: string; kind: string }) => [m.mid, m.kind]),
      [
        ['0', 'video'],
        ['1', 'audio'],
        ['2', 'application'],
      ],
    );
    const audioPts = json.media[1].codecs.map((c: { payloadType: number }) => c.payloadType);
    assert.deepEqual(audioPts, [111, 63, 103, 104, 9, 0, 8, 106, 105, 13, 110, 112, 113, 126]);
    assert.equal(json.media[0].codecs.length, 25);
    assert.deepEqual(json.session.lines[1], {
      line: 2,
      type: 'o',
      status: 'ok',
      value: {
        username: '-',
        sessionId: '8643467220501996797',
        sessionVersion: '2',
        netType: 'IN',
        addrType: 'IP4',
        address: '127.0.0.1',
      },
      text: 'o=- 8643467220501996797 2 IN IP4 127.0.0.1',
    });
    const rtpmap = json.media[1].lines.find((l: { name?: string }) => l.name === 'rtpmap');
    assert.deepEqual(rtpmap.value, {
      payloadType: 111,
      encodingName: 'opus',
      clockRate: 48000,
      channels: 2,
    });
  });

  test('lists lenient-mode warnings at the end as file:line:column: code', () => {
    const r = run(['sdp', 'inspect', BROKEN]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /12\.sdp:19:21: SDP_ERR_BAD_VALUE /);
  });

  test('--strict exits 1 on the first problem', () => {
    const r = run(['sdp', 'inspect', '--strict', BROKEN]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\S*12\.sdp:19:21: SDP_ERR_BAD_VALUE /m);
  });

  test('reads stdin for -', () => {
    const r = run(['sdp', 'inspect', '-'], readFileSync(CHROME_OFFER, 'utf8'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /opus\/48000\/2/);
  });

  test('exits 2 for a missing file', () => {
    const r = run(['sdp', 'inspect', corpus('no-such-file.sdp')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no-such-file\.sdp: cannot read: no such file/);
  });
});

describe('switchboard sdp verify', () => {
  test('exits 0 for a clean Chrome offer and says it checked it as an offer', () => {
    const r = run(['sdp', 'verify', CHROME_OFFER]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /chrome_102_a_v_dc_offer\.sdp: checking as offer \(a=setup:actpass\)/);
    assert.match(r.stdout, /chrome_102_a_v_dc_offer\.sdp: ok \(3 sections\)$/m);
  });

  test('exits 1 with file:line:column: code for a parse error', () => {
    const r = run(['sdp', 'verify', BROKEN]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\S*12\.sdp:19:21: SDP_ERR_BAD_VALUE \S/m);
  });

  test('exits 1 with the validation code when BUNDLE names missing mids', () => {
    const r = run(['sdp', 'verify', BAD_BUNDLE]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\S*1v1a1d-chrome-mac\.txt:5:1: SDP_PROBLEM_BUNDLE_UNKNOWN_MID /m);
  });

  test('reads stdin for - and names it <stdin>', () => {
    const r = run(['sdp', 'verify', '--type', 'offer', '-'], readFileSync(CHROME_OFFER, 'utf8'));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '<stdin>: ok (3 sections)\n');
  });

  test('checks every file and exits with the worst outcome', () => {
    const ok = run(['sdp', 'verify', CHROME_OFFER, BROKEN]);
    assert.equal(ok.status, 1);
    assert.match(ok.stdout, /ok \(3 sections\)/);
    const missing = run(['sdp', 'verify', BROKEN, corpus('no-such-file.sdp')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no-such-file\.sdp: cannot read: no such file/);
  });
});
