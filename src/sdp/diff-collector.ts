/**
 * The values `diff` reports and the collector that compares them: single values, flags,
 * multisets, keyed entries and plain maps, each shape once, so the section comparisons
 * (./diff-sections.ts, ./diff-codecs.ts) only say what to compare under which path.
 */

/**
 * A category of difference `diff` can leave out:
 * - `random`: what differs between two runs of the same browser: ICE ufrag and pwd,
 *   fingerprints, SSRCs and their cname/msid, `a=msid`, msid-semantic stream ids, SDES keys
 *   (`a=crypto`), `a=tls-id`, and the origin's session id and version. SSRC groups still
 *   compare by semantics and size, SSRCs by count.
 * - `candidates`: what ICE gathering changes: `a=candidate`, `a=end-of-candidates`,
 *   `a=remote-candidates`, `c=`, `a=rtcp`, and the m= port (rejection still counts).
 * - `origin`: the whole `o=` line.
 * - `bandwidth`: every `b=` line.
 * - `unknown`: attributes without a known grammar, and lines lenient parsing kept as invalid.
 */
export type DiffIgnore = 'random' | 'candidates' | 'origin' | 'bandwidth' | 'unknown';

/**
 * One semantic difference. `path` names what differs, e.g.
 * `media[1](mid=1).codecs[102].fmtp.profile-level-id`; `a` is the value in the first
 * description (absent when `kind` is `added`), `b` the value in the second (absent when
 * `removed`). For a set (rtcp-fb, candidates, group mids, ...) `path` names the set and the
 * value is the element. `String(d)` reads `<path>: <a> -> <b>`, `<path>: added <b>` or
 * `<path>: removed <a>`.
 */
export interface SdpDifference {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly a?: unknown;
  readonly b?: unknown;
  toString(): string;
}

/** How a value reads in `toString`: lists space-separated, as on the wire. */
export function show(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : String(value);
}

class Difference implements SdpDifference {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  // Declared only, so that an added difference has no `a` property at all.
  declare readonly a?: unknown;
  declare readonly b?: unknown;

  constructor(path: string, a: unknown, b: unknown) {
    this.path = path;
    this.kind = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    if (a !== undefined) this.a = a;
    if (b !== undefined) this.b = b;
  }

  toString(): string {
    if (this.kind === 'changed') return `${this.path}: ${show(this.a)} -> ${show(this.b)}`;
    // A property attribute's value is `true`: its presence is all there is to say.
    const value = this.kind === 'added' ? this.b : this.a;
    return `${this.path}: ${this.kind}${value === true ? '' : ` ${show(value)}`}`;
  }
}

/** Scalars compare by value, lists element by element. */
export function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  return a === b;
}

/** Collects differences; each method compares one shape of value. */
export class Collector {
  readonly out: SdpDifference[] = [];
  readonly ignore: ReadonlySet<DiffIgnore>;

  constructor(ignore: ReadonlySet<DiffIgnore>) {
    this.ignore = ignore;
  }

  /** A single value; undefined on one side makes it added or removed. */
  value(path: string, a: unknown, b: unknown): void {
    if (!same(a, b)) this.out.push(new Difference(path, a, b));
  }

  /** A property attribute (`a=rtcp-mux`): present or not. */
  flag(path: string, a: boolean, b: boolean): void {
    if (a !== b) this.out.push(new Difference(path, a ? true : undefined, b ? true : undefined));
  }

  /** A multiset: each element only in `a` is removed, each only in `b` added. */
  set(path: string, a: readonly string[], b: readonly string[]): void {
    const count = new Map<string, number>();
    for (const x of b) count.set(x, (count.get(x) ?? 0) + 1);
    const removed: string[] = [];
    for (const x of a) {
      const n = count.get(x) ?? 0;
      if (n > 0) count.set(x, n - 1);
      else removed.push(x);
    }
    for (const x of removed) this.out.push(new Difference(path, x, undefined));
    for (const x of b) {
      const n = count.get(x) ?? 0;
      if (n === 0) continue;
      count.set(x, n - 1);
      this.out.push(new Difference(path, undefined, x));
    }
  }

  /**
   * Keyed entries: a key on one side only is `path[key]` added or removed, showing
   * `describe(entry)`; a key on both sides is handed to `each`.
   */
  keyed<T>(
    path: string,
    a: ReadonlyMap<string, T>,
    b: ReadonlyMap<string, T>,
    describe: (entry: T) => unknown,
    each: (path: string, a: T, b: T) => void,
  ): void {
    for (const [key, x] of a) {
      const y = b.get(key);
      if (y === undefined) this.out.push(new Difference(`${path}[${key}]`, describe(x), undefined));
      else each(`${path}[${key}]`, x, y);
    }
    for (const [key, y] of b) {
      if (!a.has(key)) this.out.push(new Difference(`${path}[${key}]`, undefined, describe(y)));
    }
  }

  /**
   * A `key -> value` map of plain values. Keys read as fields (`fmtp.apt`) or, when
   * `bracket`, as identifiers (`bandwidth[AS]`).
   */
  entries(
    path: string,
    a: ReadonlyMap<string, unknown>,
    b: ReadonlyMap<string, unknown>,
    bracket = false,
  ): void {
    const at = (key: string) => (bracket ? `${path}[${key}]` : `${path}.${key}`);
    for (const [key, x] of a) this.value(at(key), x, b.get(key));
    for (const [key, y] of b) if (!a.has(key)) this.value(at(key), undefined, y);
  }
}
