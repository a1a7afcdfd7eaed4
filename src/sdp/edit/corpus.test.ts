/**
 * Every helper on every strictly valid corpus SDP: after a chain of edits on each media
 * section, the output re-parses strictly, reads back as the edited model, and differs
 * from the input only in the lines the model dropped, created or re-terminated.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { corpusFiles } from '../../../test/corpus/corpus.ts';
import type { SessionDescription } from '../model.ts';
import { parse } from '../parse.ts';
import { setBandwidth } from './bandwidth.ts';
import { addCandidate, addEndOfCandidates, removeCandidates } from './candidates.ts';
import { preferCodecs, removeCodecs } from './codecs.ts';
import { setDirection } from './direction.ts';
import { expectEdit } from './harness.test.ts';

const HOST = 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host';

function strictlyValid(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

function editEverything(d: SessionDescription): void {
  setBandwidth(d.session, 'CT', 1000, d.eol);
  for (const m of d.media) {
    setDirection(m, 'inactive', d.eol);
    setBandwidth(m, 'AS', 123, d.eol);
    const codecs = m.codecs();
    if (codecs.length > 0) {
      preferCodecs(m, [codecs.at(-1)!.payloadType]);
      try {
        removeCodecs(m, [codecs[0]!.payloadType]);
      } catch (e) {
        assert.ok(e instanceof RangeError, String(e));
      }
    }
    removeCandidates(m, (c) => c.component === 2);
    addCandidate(m, HOST, d.eol);
    addEndOfCandidates(m, d.eol);
  }
}

describe('edits on every strictly valid corpus SDP keep every other line', () => {
  const files = corpusFiles().filter((f) => strictlyValid(f.text));
  test('the corpus has strictly valid files to edit', () => assert.ok(files.length > 50));
  for (const file of files) {
    test(file.name, () => {
      const { reparsed } = expectEdit(file.text, editEverything);
      const ct = reparsed.session.bandwidths.filter((b) => b.type === 'CT');
      assert.deepEqual(ct, [{ type: 'CT', bandwidth: 1000 }]);
      for (const m of reparsed.media) {
        assert.equal(m.direction, 'inactive');
        assert.ok(m.bandwidths.some((b) => b.type === 'AS' && b.bandwidth === 123));
        assert.ok(m.has('end-of-candidates'));
        assert.ok(m.attributes('candidate').every((c) => c.component !== 2));
      }
    });
  }
});
