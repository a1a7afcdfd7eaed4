/**
 * Which lines of a description are new against an earlier one: what a renegotiation
 * changed (new ICE credentials after an ICE restart, a bumped `o=` version). Lines are
 * compared as multisets of text, so moved lines do not count as changes.
 */
import { sdpLines } from './highlight.ts';

/** 1-based numbers of the lines of `next` that `previous` does not have. */
export function changedLines(previous: string, next: string): Set<number> {
  const remaining = new Map<string, number>();
  for (const line of sdpLines(previous)) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const changed = new Set<number>();
  sdpLines(next).forEach((line, i) => {
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else changed.add(i + 1);
  });
  return changed;
}
