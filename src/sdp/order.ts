/**
 * Line order and multiplicity of RFC 8866 section 5, as data:
 *
 *   session: v o s i? u? e* p* c? b* (t r*)+ z? k? a*
 *   media:   m i? c* b* k? a*
 */
import type { SdpErrorCode } from './errors.ts';

interface Slot {
  /** Position in the prescribed order; equal ranks may interleave (t and r). */
  readonly rank: number;
  /** May the line appear more than once in a section? */
  readonly repeat: boolean;
  /** Must the line appear (session level only)? */
  readonly required?: boolean;
}

/** The session-level order table. */
export const SESSION_ORDER: Readonly<Record<string, Slot>> = {
  v: { rank: 0, repeat: false, required: true },
  o: { rank: 1, repeat: false, required: true },
  s: { rank: 2, repeat: false, required: true },
  i: { rank: 3, repeat: false },
  u: { rank: 4, repeat: false },
  e: { rank: 5, repeat: true },
  p: { rank: 6, repeat: true },
  c: { rank: 7, repeat: false },
  b: { rank: 8, repeat: true },
  t: { rank: 9, repeat: true, required: true },
  r: { rank: 9, repeat: true },
  z: { rank: 10, repeat: false },
  k: { rank: 11, repeat: false },
  a: { rank: 12, repeat: true },
};

/** The media-level order table. */
export const MEDIA_ORDER: Readonly<Record<string, Slot>> = {
  m: { rank: 0, repeat: false },
  i: { rank: 1, repeat: false },
  c: { rank: 2, repeat: true },
  b: { rank: 3, repeat: true },
  k: { rank: 4, repeat: false },
  a: { rank: 5, repeat: true },
};

/** Where a section's reading stands. */
export interface OrderState {
  readonly scope: 'session' | 'media';
  readonly table: Readonly<Record<string, Slot>>;
  rank: number;
  last: string;
  readonly seen: Set<string>;
}

export function newOrderState(scope: 'session' | 'media'): OrderState {
  return {
    scope,
    table: scope === 'session' ? SESSION_ORDER : MEDIA_ORDER,
    rank: -1,
    last: '',
    seen: new Set(),
  };
}

/** Checks the next line type against the table; advances the state when it fits. */
export function checkOrder(
  state: OrderState,
  type: string,
): { code: SdpErrorCode; message: string } | undefined {
  // Fast path: attribute after attribute, most lines of every description.
  if (type === 'a' && state.last === 'a') return undefined;
  const slot = state.table[type];
  if (slot === undefined) {
    return { code: 'SDP_ERR_LINE_ORDER', message: `${type}= has no place at ${state.scope} level` };
  }
  if (state.seen.has(type) && !slot.repeat) {
    return { code: 'SDP_ERR_DUPLICATE_LINE', message: `${type}= may appear once per section` };
  }
  if (slot.rank < state.rank || (type === 'r' && state.last !== 't' && state.last !== 'r')) {
    return { code: 'SDP_ERR_LINE_ORDER', message: `${type}= after ${state.last}= is out of order` };
  }
  let missing: { code: SdpErrorCode; message: string } | undefined;
  for (const [required, rank] of requiredOf(state.table)) {
    if (rank < slot.rank && !state.seen.has(required)) {
      // Counted as seen from here on so that one missing line is reported once.
      state.seen.add(required);
      missing ??= {
        code: 'SDP_ERR_MISSING_LINE',
        message: `${required}= is required before ${type}=`,
      };
    }
  }
  state.rank = slot.rank;
  state.last = type;
  state.seen.add(type);
  return missing;
}

const requiredCache = new Map<object, [string, number][]>();

function requiredOf(table: Readonly<Record<string, Slot>>): [string, number][] {
  let list = requiredCache.get(table);
  if (list === undefined) {
    list = Object.entries(table)
      .filter(([, s]) => s.required)
      .map(([t, s]) => [t, s.rank]);
    requiredCache.set(table, list);
  }
  return list;
}

/** Required line types not seen by the end of a section. */
export function missingAtEnd(state: OrderState): string[] {
  const out: string[] = [];
  for (const [type] of requiredOf(state.table)) {
    if (!state.seen.has(type)) out.push(type);
  }
  return out;
}
