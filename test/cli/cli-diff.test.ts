/**
 * `switchboard sdp diff` as users run it: `node bin/switchboard.js` over the built dist
 * (the test script builds first), on real SDPs from the shared corpus and edited copies.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { corpus, run } from './run-cli.ts';

const CHROME_OFFER = corpus('webex__ts-sdp/chrome_102_a_v_dc_offer.sdp');
const CHROME_TEXT = readFileSync(CHROME_OFFER, 'utf8');
const SIMULCAST = corpus('webex__ts-sdp/chrome_102_a_v_dc_offer_simulcast.sdp');

const dir = mkdtempSync(join(tmpdir(), 'switchboard-diff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to a fresh file in the test's temporary directory and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The Chrome offer with `search` replaced; fails if `search` is not in it. */
function chromeWith(search: string, replacement: string): string {
  assert.ok(CHROME_TEXT.includes(search), `${search} is in the offer`);
  return CHROME_TEXT.replace(search, replacement);
}

const CRLF = file('crlf.sdp', CHROME_TEXT.replace(/\n/g, '\r\n'));
const RECVONLY = file('recvonly.sdp', chromeWith('a=sendrecv', 'a=recvonly'));
const NEW_UFRAG = file('ufrag.sdp', CHROME_TEXT.replace(/z\/Dr/g, 'Q2xp'));

describe('switchboard sdp diff', () => {
  test('is listed in the help', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /sdp diff <a> <b> +Semantic differences/);
  });

  test('shows its synopsis and the --ignore categories for --help', () => {
    const r = run(['sdp', 'diff', '--help']);
    assert.equal(r.status, 0);
    assert.match(
      r.stdout,
      /Usage: switchboard sdp diff <a> <b> \[--json\] \[--ignore <random,candidates,\.\.\.>\]/,
    );
    for (const category of ['random', 'candidates', 'origin', 'bandwidth', 'unknown']) {
      assert.match(r.stdout, new RegExp(`^ {2}${category} `, 'm'));
    }
  });

  const outcomes: [name: string, args: string[], status: number, stdout: string][] = [
    ['the same file: none, exit 0', [CHROME_OFFER, CHROME_OFFER], 0, 'no semantic differences\n'],
    ['LF against CRLF: none, exit 0', [CHROME_OFFER, CRLF], 0, 'no semantic differences\n'],
    [
      'a=sendrecv -> a=recvonly: one line, exit 1',
      [CHROME_OFFER, RECVONLY],
      1,
      'media[0](mid=0).direction: sendrecv -> recvonly\n',
    ],
    [
      'the simulcast offer: rids and simulcast added, exit 1',
      [CHROME_OFFER, SIMULCAST],
      1,
      [
        'media[0](mid=0).rid[high]: added send',
        'media[0](mid=0).rid[middle]: added send',
        'media[0](mid=0).rid[low]: added send',
        'media[0](mid=0).simulcast: added send high;middle;low',
        '',
      ].join('\n'),
    ],
    [
      'a new ufrag with --ignore random: none, exit 0',
      ['--ignore', 'random', CHROME_OFFER, NEW_UFRAG],
      0,
      'no semantic differences\n',
    ],
    [
      'a new ufrag with --ignore candidates, random: none, exit 0',
      ['--ignore', 'candidates, random', CHROME_OFFER, NEW_UFRAG],
      0,
      'no semantic differences\n',
    ],
  ];
  for (const [name, args, status, stdout] of outcomes) {
    test(name, () => {
      const r = run(['sdp', 'diff', ...args]);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, stdout);
      assert.equal(r.status, status);
    });
  }

  test('a new ufrag without --ignore: one line per section', () => {
    const r = run(['sdp', 'diff', CHROME_OFFER, NEW_UFRAG]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'media[0](mid=0).ice-ufrag: z/Dr -> Q2xp',
      'media[1](mid=1).ice-ufrag: z/Dr -> Q2xp',
      'media[2](mid=2).ice-ufrag: z/Dr -> Q2xp',
    ]);
  });

  test('--json prints path, kind, a and b of each difference', () => {
    const r = run(['sdp', 'diff', '--json', CHROME_OFFER, RECVONLY]);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      { path: 'media[0](mid=0).direction', kind: 'changed', a: 'sendrecv', b: 'recvonly' },
    ]);
  });

  test('--json prints [] and exits 0 without differences', () => {
    const r = run(['sdp', 'diff', '--json', CHROME_OFFER, CRLF]);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('reads stdin for - on either side', () => {
    const second = run(['sdp', 'diff', CHROME_OFFER, '-'], readFileSync(RECVONLY, 'utf8'));
    assert.equal(second.status, 1);
    assert.equal(second.stdout, 'media[0](mid=0).direction: sendrecv -> recvonly\n');
    const first = run(['sdp', 'diff', '-', RECVONLY], CHROME_TEXT);
    assert.equal(first.status, 1);
    assert.equal(first.stdout, 'media[0](mid=0).direction: sendrecv -> recvonly\n');
  });

  test('parses leniently: a broken extmap still compares', () => {
    const broken = file('broken.sdp', chromeWith('a=extmap:3 urn:3gpp', 'a=extmap:3 not_a_uri'));
    const r = run(['sdp', 'diff', CHROME_OFFER, broken]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'media[0](mid=0).extmap[urn:3gpp:video-orientation]: removed 3',
      'media[0](mid=0).unknown: added a=extmap:3 not_a_uri:video-orientation',
    ]);
  });

  const usageErrors: [name: string, args: string[], stderr: RegExp][] = [
    ['no operands', [], /expected <a> <b>, got 0 operands/],
    ['one operand', [CHROME_OFFER], /expected <a> <b>, got 1 operands/],
    ['three operands', [CHROME_OFFER, CHROME_OFFER, CHROME_OFFER], /got 3 operands/],
    ['stdin on both sides', ['-', '-'], /only one of <a> <b> can be -/],
    [
      'an unknown --ignore category',
      ['--ignore', 'random,ssrc', CHROME_OFFER, CHROME_OFFER],
      /unknown category 'ssrc'/,
    ],
    ['an unknown option', ['--frobnicate', CHROME_OFFER, CHROME_OFFER], /frobnicate/],
    [
      'a missing file',
      [CHROME_OFFER, corpus('no-such-file.sdp')],
      /no-such-file\.sdp: cannot read: no such file/,
    ],
    ['a directory', [CHROME_OFFER, dir], /cannot read: is a directory/],
    [
      'an input with no SDP lines',
      [file('empty.sdp', ''), CHROME_OFFER],
      /empty\.sdp:1:1: SDP_ERR_EMPTY /,
    ],
  ];
  for (const [name, args, stderr] of usageErrors) {
    test(`exits 2 with the reason on stderr for ${name}`, () => {
      const r = run(['sdp', 'diff', ...args]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, stderr);
    });
  }
});
