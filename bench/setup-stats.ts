/**
 * Summaries of bench/setup.ts's samples: quantiles, and the medians of each milestone of a
 * run relative to its start, for the breakdown of where the time goes.
 */

/** The `q` quantile (0..1) of `values`, interpolated linearly between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

/** Median, quartiles and minimum of a sample. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  min: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    median: quantile(values, 0.5),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: Math.min(...values),
  };
}

/** One milestone over all runs: its median time after the start, and in how many runs it came. */
export interface Milestone {
  name: string;
  median: number;
  runs: number;
}

/**
 * Medians of each named milestone relative to each run's start, ordered by median. `marks`
 * holds one record per run (absolute times), `starts` the matching start times.
 */
export function milestones(
  marks: ReadonlyArray<Readonly<Record<string, number>>>,
  starts: readonly number[],
): Milestone[] {
  const byName = new Map<string, number[]>();
  marks.forEach((record, run) => {
    const start = starts[run] as number;
    for (const [name, at] of Object.entries(record)) {
      let list = byName.get(name);
      if (!list) {
        list = [];
        byName.set(name, list);
      }
      list.push(at - start);
    }
  });
  return [...byName]
    .map(([name, times]) => ({ name, median: quantile(times, 0.5), runs: times.length }))
    .sort((a, b) => a.median - b.median);
}
