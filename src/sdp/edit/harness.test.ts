/**
 * The property every editing helper keeps, as a reusable check: parse a real SDP, edit
 * it, serialize, and require that (1) the output re-parses in strict mode into the same
 * lines the edited model holds, (2) a line diff against the input shows exactly the
 * intended lines removed and added, each compared with its terminator, and (3) every
 * other line is the same object with the same text and terminator, in the same order.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { corpusFile } from '../../../test/corpus/corpus.ts';
import type { SdpLine } from '../line.ts';
import type { SessionDescription } from '../model.ts';
import { parse } from '../parse.ts';
import { serialize } from '../serialize.ts';

export { corpusFile };

/** Splits SDP text into its lines, each with its own terminator (the last may have none). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** What a line diff found: lines only in the input, lines only in the output, in order. */
export interface LineDiff {
  removed: string[];
  added: string[];
}

/** A minimal line diff (longest common subsequence); lines compare with their terminators. */
export function lineDiff(before: readonly string[], after: readonly string[]): LineDiff {
  const n = before.length;
  const m = after.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        before[i] === after[j]
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) removed.push(before[i++]!);
    else added.push(after[j++]!);
  }
  while (i < n) removed.push(before[i++]!);
  while (j < m) added.push(after[j++]!);
  return { removed, added };
}

/** Every line of a description, session first. */
export function allLines(desc: SessionDescription): SdpLine[] {
  return desc.sections().flatMap((s) => s.lines);
}

/** The parts of a line the parser decides. */
function parsed(l: SdpLine) {
  return { type: l.type, text: l.text, eol: l.eol, name: l.name, status: l.status, value: l.value };
}

/** What `expectEdit` hands back for the case's own checks of the typed view. */
export interface EditResult {
  desc: SessionDescription;
  out: string;
  reparsed: SessionDescription;
}

/**
 * Parses `input` (strict), applies `edit`, and checks the three properties above.
 * `expected` lists the removed and added lines with their terminators; a line whose
 * terminator moved (see edit/lines.ts) appears in both. Without `expected`, the edit may
 * change anything, but what the text diff shows must be exactly the lines the model
 * dropped, created or re-terminated (the corpus-wide property).
 */
export function expectEdit(
  input: string,
  edit: (desc: SessionDescription) => unknown,
  expected?: Partial<LineDiff>,
): EditResult {
  const desc = parse(input);
  const before = allLines(desc).map((l) => ({ l, text: l.text, eol: l.eol }));
  edit(desc);
  const out = serialize(desc);

  // (1) strict re-parse gives what the edited model holds, line for line.
  const reparsed = parse(out);
  assert.equal(serialize(reparsed), out);
  assert.deepEqual(
    reparsed.sections().map((s) => s.lines.length),
    desc.sections().map((s) => s.lines.length),
    'sections keep their boundaries',
  );
  const after = allLines(desc);
  const again = allLines(reparsed);
  assert.deepEqual(after.map(parsed), again.map(parsed), 'the model is what the output reads as');

  // (3) untouched lines are the same objects, unchanged, in order; new lines are marked new.
  const afterSet = new Set(after);
  const beforeSet = new Set(before.map((b) => b.l));
  const kept = before.filter((b) => afterSet.has(b.l));
  const positions = kept.map((b) => after.indexOf(b.l));
  assert.ok(
    positions.every((p, k) => k === 0 || p > positions[k - 1]!),
    'kept lines stay in order',
  );
  const changed = (b: (typeof before)[number]) =>
    !afterSet.has(b.l) || b.l.text !== b.text || b.l.eol !== b.eol;
  const byModel: LineDiff = {
    removed: before.filter(changed).map((b) => b.text + b.eol),
    added: after
      .filter((l) => !beforeSet.has(l) || changed(before.find((b) => b.l === l)!))
      .map((l) => l.text + l.eol),
  };
  for (const l of after) {
    if (beforeSet.has(l)) continue;
    assert.equal(l.line, 0, `${l.text} is marked as created`);
    assert.notEqual(l.status, 'invalid', l.text);
  }

  // (2) only the intended lines changed, byte for byte, and they are the model's changes.
  const diff = lineDiff(splitLines(input), splitLines(out));
  assert.deepEqual(diff, byModel, 'the text diff is what the model changed');
  if (expected !== undefined) {
    assert.deepEqual(diff, { removed: expected.removed ?? [], added: expected.added ?? [] });
  }
  return { desc, out, reparsed };
}

/** Appends a terminator to each line text. */
export function ended(eol: string, ...texts: string[]): string[] {
  return texts.map((t) => t + eol);
}

// The other edit tests import this file for its helpers; its own tests run only when it is
// the file under test, so they are not repeated in every importer's run.
const underTest =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (underTest) {
  describe('edit harness: lineDiff', () => {
    const cases: { name: string; before: string[]; after: string[]; diff: LineDiff }[] = [
      {
        name: 'same lines: nothing',
        before: ['a', 'b'],
        after: ['a', 'b'],
        diff: { removed: [], added: [] },
      },
      {
        name: 'b -> B: one out, one in',
        before: ['a', 'b', 'c'],
        after: ['a', 'B', 'c'],
        diff: { removed: ['b'], added: ['B'] },
      },
      {
        name: 'insert after a',
        before: ['a', 'c'],
        after: ['a', 'b', 'c'],
        diff: { removed: [], added: ['b'] },
      },
      {
        name: 'remove two of a run',
        before: ['x', 'x', 'x', 'y'],
        after: ['x', 'y'],
        diff: { removed: ['x', 'x'], added: [] },
      },
      {
        name: 'a terminator counts',
        before: ['a\r\n', 'b'],
        after: ['a\n', 'b'],
        diff: { removed: ['a\r\n'], added: ['a\n'] },
      },
    ];
    for (const c of cases) {
      test(c.name, () => assert.deepEqual(lineDiff(c.before, c.after), c.diff));
    }

    test('splitLines keeps terminators and a last line without one', () => {
      assert.deepEqual(splitLines('v=0\r\no=x\ns=-'), ['v=0\r\n', 'o=x\n', 's=-']);
      assert.deepEqual(splitLines('v=0\n'), ['v=0\n']);
    });

    test('expectEdit rejects a change it was not told about', () => {
      const input = corpusFile('pion__webrtc/rtp-forwarder.sdp');
      const renamed: SdpLine = {
        type: 's',
        text: 's=renamed',
        eol: '\n',
        line: 0,
        name: undefined,
        value: { text: 'renamed' },
        status: 'ok',
      };
      const rename = (d: SessionDescription) => d.session.lines.splice(2, 1, renamed);
      assert.throws(() => expectEdit(input, rename, {}), assert.AssertionError);
      expectEdit(input, rename, { removed: ['s=Pion WebRTC\n'], added: ['s=renamed\n'] });
    });
  });
}
