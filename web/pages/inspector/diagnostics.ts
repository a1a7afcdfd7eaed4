/**
 * What the inspector reports about one description, as one list: the strict parse error,
 * then lenient mode's warnings, then validation problems, each with the line it points at.
 */
import type { SdpInspection } from '../../shared/sdp/inspect.ts';

/** One reported item. */
export interface Diagnostic {
  readonly level: 'error' | 'warning' | 'problem';
  /** `SDP_ERR_...` or `SDP_PROBLEM_...`. */
  readonly code: string;
  readonly message: string;
  /** 1-based; undefined for something that belongs to no line. */
  readonly line: number | undefined;
  readonly column?: number;
  /** The mid of the m-section a problem concerns. */
  readonly mid?: string;
}

/**
 * The diagnostics of `inspection`. A warning that repeats the strict error (same code and
 * line: lenient mode kept going past it) is left out.
 */
export function diagnostics(inspection: SdpInspection): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { error } = inspection;
  if (error) out.push({ level: 'error', ...error });
  for (const w of inspection.warnings) {
    if (error && w.code === error.code && w.line === error.line) continue;
    out.push({ level: 'warning', ...w });
  }
  for (const p of inspection.problems) {
    out.push({
      level: 'problem',
      code: p.code,
      message: p.message,
      line: p.line,
      ...(p.mid === undefined ? {} : { mid: p.mid }),
    });
  }
  return out;
}
