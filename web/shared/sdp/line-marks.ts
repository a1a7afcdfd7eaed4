/**
 * Marks on the lines of an SDP text: the strict parse error, lenient warnings, validation
 * problems, or lines a renegotiation changed. Listings and the inspector's editor draw them;
 * the most severe mark of a line decides its style and its `data-testid`.
 */

/** How a line is marked. */
export type LineMarkLevel = 'error' | 'warning' | 'problem' | 'changed';

/** A note attached to one line. */
export interface LineMark {
  readonly level: LineMarkLevel;
  /** Stable code shown with the note (`SDP_ERR_BAD_VALUE`). */
  readonly code?: string;
  readonly message?: string;
  /** 1-based column the note points at. */
  readonly column?: number;
}

/** Levels, most severe first. */
export const MARK_SEVERITY: readonly LineMarkLevel[] = ['error', 'warning', 'problem', 'changed'];

/** The test id of a marked line, after its most severe mark. */
export const MARKED_LINE_TESTID: Readonly<Record<LineMarkLevel, string>> = {
  error: 'error-line',
  warning: 'warning-line',
  problem: 'problem-line',
  changed: 'changed-line',
};

/** The marks of one line, most severe first. */
export function bySeverity(marks: readonly LineMark[] | undefined): LineMark[] {
  return [...(marks ?? [])].sort(
    (a, b) => MARK_SEVERITY.indexOf(a.level) - MARK_SEVERITY.indexOf(b.level),
  );
}

/** Groups marks by their 1-based line; marks without a line are left out. */
export function marksByLine(
  items: readonly (LineMark & { readonly line: number | undefined })[],
): Map<number, LineMark[]> {
  const out = new Map<number, LineMark[]>();
  for (const { line, ...mark } of items) {
    if (line === undefined) continue;
    const list = out.get(line);
    if (list) list.push(mark);
    else out.set(line, [mark]);
  }
  return out;
}
