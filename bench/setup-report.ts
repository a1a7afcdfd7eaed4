/**
 * What bench/setup.ts prints once the runs are done: every run, the summary of both
 * measurements, how long signals took through the server, and where the time of a run goes
 * (the median of each milestone after the join call), then the bar and the summary line.
 */
import { loadavg } from 'node:os';
import type { Marks } from './setup-page.ts';
import { milestones, summarize } from './setup-stats.ts';

/** One timed join through the server. */
export interface ServerRun {
  /** From the join call until the channel was open on both pages. */
  ms: number;
  /** The join call. */
  start: number;
  joiner: Marks;
  host: Marks;
  joinerPolite: boolean;
}

/** One same-page loopback. */
export interface LoopbackRun {
  ms: number;
  start: number;
  marks: Marks;
}

/** The bar: the server path may cost at most this much over the loopback (data-channel-only calls). */
export const BAR_OVERHEAD_MS = 10;

export const fmt = (n: number) => n.toFixed(1);

/** The load average, as `uptime` prints it. */
export const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const roleOf = (run: ServerRun) => (run.joinerPolite ? 'polite' : 'impolite');

/** Both sides' milestones of one run as one timeline, relative to the join call. */
export function printTimeline(title: string, joiner: Marks, host: Marks): void {
  const start = joiner['join called'] ?? 0;
  const events = [
    ...Object.entries(joiner).map(([name, at]) => ({ at, line: `joiner  ${name}` })),
    ...Object.entries(host).map(([name, at]) => ({ at, line: `  host  ${name}` })),
  ].sort((a, b) => a.at - b.at);
  console.log(`\n${title} (ms after the join call):`);
  for (const { at, line } of events) console.log(`  ${fmt(at - start).padStart(7)}  ${line}`);
}

function printSummaryRow(label: string, values: number[]): void {
  if (values.length === 0) return;
  const s = summarize(values);
  console.log(
    `  ${label.padEnd(20)}${fmt(s.median).padStart(8)}${fmt(s.p25).padStart(8)}` +
      `${fmt(s.p75).padStart(8)}${fmt(s.min).padStart(8)}${String(values.length).padStart(6)}`,
  );
}

function printSummaryHeader(): void {
  console.log(
    `  ${''.padEnd(20)}${'median'.padStart(8)}${'p25'.padStart(8)}${'p75'.padStart(8)}` +
      `${'min'.padStart(8)}${'n'.padStart(6)}`,
  );
}

/** Both sides' milestones, median over `runs`, merged into one list. */
function printFlow(title: string, runs: ServerRun[]): void {
  if (runs.length === 0) return;
  console.log(`  ${title}`);
  const starts = runs.map((r) => r.start);
  const side = (marks: Marks[], name: string) =>
    milestones(marks, starts).map((m) => ({ ...m, side: name }));
  const lines = [
    ...side(
      runs.map((r) => r.joiner),
      'joiner',
    ),
    ...side(
      runs.map((r) => r.host),
      '  host',
    ),
  ].sort((a, b) => a.median - b.median);
  for (const { name, median, runs: count, side: who } of lines) {
    const share = count === runs.length ? '' : `  (${count}/${runs.length} runs)`;
    console.log(`    ${fmt(median).padStart(7)}  ${who}  ${name}${share}`);
  }
}

/**
 * Signaling transit: from one side's `sent <what>` to the other side's `received <what>`,
 * for each signal both marked, in either direction.
 */
function transits(runs: ServerRun[]): Map<string, number[]> {
  const byWhat = new Map<string, number[]>();
  for (const run of runs) {
    for (const [from, to] of [
      [run.joiner, run.host],
      [run.host, run.joiner],
    ] as const) {
      for (const [name, sent] of Object.entries(from)) {
        if (!name.startsWith('sent ')) continue;
        const what = name.slice('sent '.length);
        const received = to[`received ${what}`];
        if (received === undefined) continue;
        const list = byWhat.get(what) ?? [];
        list.push(received - sent);
        byWhat.set(what, list);
      }
    }
  }
  return byWhat;
}

/** Prints everything after the runs; the last line is the summary line for tooling. */
export function printReport(server: ServerRun[], loopback: LoopbackRun[]): void {
  console.log('\nper run (ms):');
  console.log(`  ${'run'.padEnd(5)}${'server'.padStart(8)}${'loopback'.padStart(10)}  joiner`);
  server.forEach((s, i) => {
    const l = loopback[i] as LoopbackRun;
    console.log(
      `  ${String(i + 1).padEnd(5)}${fmt(s.ms).padStart(8)}${fmt(l.ms).padStart(10)}  ${roleOf(s)}`,
    );
  });

  const serverMs = server.map((s) => s.ms);
  const loopbackMs = loopback.map((l) => l.ms);
  console.log('\nsummary (ms):');
  printSummaryHeader();
  printSummaryRow('via server', serverMs);
  printSummaryRow('loopback', loopbackMs);
  printSummaryRow(
    'server - loopback',
    server.map((s, i) => s.ms - (loopback[i] as LoopbackRun).ms),
  );
  for (const role of ['impolite', 'polite']) {
    const runs = server.filter((s) => roleOf(s) === role);
    printSummaryRow(
      `  joiner ${role}`,
      runs.map((s) => s.ms),
    );
  }

  console.log('\nsignal transit, sender -> addressee through the server (ms):');
  printSummaryHeader();
  for (const [what, times] of transits(server)) {
    if (times.length >= server.length / 2) printSummaryRow(what, times);
  }

  console.log('\nwhere the time goes (median ms after the join call, first occurrence):');
  printFlow(
    'joiner impolite: the joiner offers',
    server.filter((s) => !s.joinerPolite),
  );
  printFlow(
    'joiner polite: the host offers',
    server.filter((s) => s.joinerPolite),
  );
  console.log('  loopback');
  const loopbackMarks = loopback.map((l) => l.marks);
  for (const { name, median } of milestones(
    loopbackMarks,
    loopback.map((l) => l.start),
  )) {
    console.log(`    ${fmt(median).padStart(7)}  pc1  ${name}`);
  }

  const serverMedian = summarize(serverMs).median;
  const loopbackMedian = summarize(loopbackMs).median;
  const overhead = serverMedian - loopbackMedian;
  console.log(`\nload average at end: ${loadAverage()}`);
  console.log(
    `bar: overhead <= ${BAR_OVERHEAD_MS} ms: ${overhead <= BAR_OVERHEAD_MS ? 'met' : 'NOT met'}`,
  );
  console.log(
    `setup: ${fmt(serverMedian)} ms via server, ${fmt(loopbackMedian)} ms loopback, ` +
      `overhead ${fmt(overhead)} ms`,
  );
}
