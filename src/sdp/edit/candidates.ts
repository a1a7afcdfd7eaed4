/**
 * ICE candidate lines of a media section: adding trickled candidates (RFC 8839 5.1),
 * removing candidates, and closing the list with `a=end-of-candidates` (RFC 8840 8.1).
 */
import { GrammarError, SdpParseError } from '../errors.ts';
import { type Candidate, parseCandidate } from '../grammar/ice.ts';
import type { SdpLine } from '../line.ts';
import type { MediaSection } from '../model.ts';
import { createAttributeLine, insertLines, removeLines, terminatorAt } from './lines.ts';

const PREFIX = 'candidate:';

/** Where the next candidate line goes: after the last one, before end-of-candidates, or last. */
function candidateIndex(media: MediaSection): number {
  const lines = media.lines;
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]?.name === 'candidate') return i + 1;
  const end = lines.findIndex((l) => l.name === 'end-of-candidates');
  return end < 0 ? lines.length : end;
}

/**
 * Reads a candidate as trickled: `candidate:...` (what `RTCIceCandidate.candidate` holds)
 * or `a=candidate:...`. A string from a peer is untrusted input, so a bad one throws
 * `SdpParseError` (`SDP_ERR_BAD_VALUE`, column within the string), as `parse` would.
 */
function readCandidate(text: string): string {
  const start = text.startsWith('a=') ? 2 : 0;
  const fail = (column: number, message: string, cause?: unknown): never => {
    const problem = { code: 'SDP_ERR_BAD_VALUE', line: 1, column, text, message } as const;
    throw new SdpParseError(problem, cause === undefined ? undefined : { cause });
  };
  if (!text.startsWith(PREFIX, start)) fail(start + 1, 'expected "candidate:" or "a=candidate:"');
  const value = text.slice(start + PREFIX.length);
  const bad = value.search(/[\r\n\0]/);
  if (bad >= 0) fail(start + PREFIX.length + bad + 1, 'a candidate is one line');
  try {
    parseCandidate(value);
  } catch (e) {
    if (!(e instanceof GrammarError)) throw e;
    fail(start + PREFIX.length + e.offset + 1, `a=candidate: ${e.message}`, e);
  }
  return value;
}

/**
 * Adds an `a=candidate` line to a media section and returns it: after the last candidate
 * line, or (for the first one) before `a=end-of-candidates` or at the end of the section,
 * ended with `eol` (default: the neighbouring lines' terminator; pass `desc.eol` to be
 * exact).
 * A typed candidate is written with the grammar's format (its `extensions` list is what
 * is written after `typ`); a string is kept as written.
 *
 * @example addCandidate(audio, event.candidate.candidate)
 * @example addCandidate(audio, 'a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host')
 */
export function addCandidate(
  media: MediaSection,
  candidate: Candidate | string,
  eol?: string,
): MediaSection {
  const value = typeof candidate === 'string' ? readCandidate(candidate) : candidate;
  const index = candidateIndex(media);
  const line = createAttributeLine('candidate', value, eol ?? terminatorAt(media, index));
  return insertLines(media, index, [line]);
}

/**
 * Removes the candidate lines for which `predicate` is true and returns the section.
 * Lines that do not parse as candidates (lenient mode) are kept.
 *
 * @example removeCandidates(audio, (c) => c.transport.toLowerCase() === 'tcp')
 * @example removeCandidates(audio, (c) => c.type !== 'relay') // relay only
 */
export function removeCandidates(
  media: MediaSection,
  predicate: (candidate: Candidate, line: SdpLine) => boolean,
): MediaSection {
  if (typeof predicate !== 'function') {
    throw new TypeError('removeCandidates: predicate must be a function');
  }
  return removeLines(
    media,
    (l) => l.name === 'candidate' && l.status === 'ok' && predicate(l.value as Candidate, l),
  );
}

/**
 * Adds `a=end-of-candidates` after the last candidate line (or at the end of a section
 * without candidates), ended with `eol` as for `addCandidate`, and returns the section;
 * a section that has it already is left as it is.
 */
export function addEndOfCandidates(media: MediaSection, eol?: string): MediaSection {
  if (media.has('end-of-candidates')) return media;
  const lines = media.lines;
  let index = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]?.name === 'candidate') {
      index = i + 1;
      break;
    }
  }
  const line = createAttributeLine('end-of-candidates', true, eol ?? terminatorAt(media, index));
  return insertLines(media, index, [line]);
}
