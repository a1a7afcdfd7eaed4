import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, SdpParseError, serialize } from 'switchboard/sdp';
import { seedAnswer } from '../support/seeds.ts';
import { corpusFile, corpusFiles, KNOWN_GOOD_BROWSER, MARKED } from './corpus.ts';

const files = corpusFiles();

describe('sdp corpus', () => {
  test('holds the 177 files its README lists', () => {
    assert.equal(files.length, 177);
    for (const name of [...Object.keys(MARKED), ...KNOWN_GOOD_BROWSER]) {
      assert.ok(
        files.some((f) => f.name === name),
        `${name} is in the corpus`,
      );
    }
    assert.equal(Object.keys(MARKED).length, 34);
  });

  describe('every file parses lenient and round-trips byte for byte', () => {
    for (const { name, text } of files) {
      test(name, () => {
        const desc = parse(text, { mode: 'lenient' });
        assert.equal(serialize(desc), text);
      });
    }
  });

  describe('marked files fail strict at the right line', () => {
    for (const [name, expected] of Object.entries(MARKED)) {
      test(`${name}: ${expected.code} at line ${expected.line} (${expected.why})`, () => {
        const text = corpusFile(name);
        assert.throws(
          () => parse(text),
          (e: unknown) => {
            assert.ok(e instanceof SdpParseError);
            assert.equal(e.code, expected.code);
            assert.equal(e.line, expected.line);
            assert.equal(e.text, text.replace(/^\uFEFF/, '').split(/\r?\n/)[e.line - 1]);
            return true;
          },
        );
        const lenient = parse(text, { mode: 'lenient' });
        assert.ok(
          lenient.warnings.some((w) => w.code === expected.code && w.line === expected.line),
          'lenient mode reports the same problem as a warning',
        );
      });
    }
  });

  describe('known-good browser SDPs parse strict with zero unknown attributes', () => {
    const cases = [
      ...KNOWN_GOOD_BROWSER.map((name) => ({ name, text: corpusFile(name) })),
      { name: 'seeds/000 libwebrtc answer', text: seedAnswer() },
    ];
    for (const { name, text } of cases) {
      test(name, () => {
        const desc = parse(text);
        assert.deepEqual(desc.unknownAttributes(), []);
        assert.equal(serialize(desc), text);
        assert.ok(desc.media.length > 0);
      });
    }
  });

  test('the seed answer reads as a recvonly H264 + data channel answer', () => {
    const desc = parse(seedAnswer());
    assert.deepEqual(
      desc.media.map((m) => [m.mid, m.kind, m.direction]),
      [
        ['0', 'audio', 'recvonly'],
        ['1', 'video', 'recvonly'],
        ['2', 'application', undefined],
      ],
    );
    assert.deepEqual(
      desc.media[1]?.codecs().map((c) => [c.payloadType, c.name, c.parameters['profile-level-id']]),
      [[106, 'H264', '42e01f']],
    );
    assert.equal(desc.media[2]?.attribute('max-message-size')?.size, 262144);
    assert.equal(desc.session.origin?.sessionId, '5513141044946050259');
  });
});
