/**
 * Summarises a V8 CPU profile (`.cpuprofile`) of a relay server: where the samples fall, by
 * function (self time, and total time with callees) and by file, as a share of the profiled
 * time and, given the messages relayed meanwhile, in µs per message. `bench/relay.ts` writes
 * one profile per server and round, covering the measured window only, when `BENCH_CPU_PROF`
 * names a directory, and prints the top of each; this script prints more of one.
 *
 * Run: `node --import tsx bench/relay-profile.ts <file.cpuprofile> [top] [messages]`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  /** µs */
  startTime: number;
  /** µs */
  endTime: number;
}

/** Sampled time (µs) by function and by file. */
export interface ProfileSummary {
  /** Wall time the profile covers. */
  micros: number;
  /** Time on the CPU: all but `(idle)`. */
  activeMicros: number;
  /** Time in the function itself, by `name file:line`. */
  self: Map<string, number>;
  /** Time in the function and everything it called. */
  total: Map<string, number>;
  /** Self time by file. */
  files: Map<string, number>;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** `file:line` relative to the repository (or to node_modules), `(native)` for V8's own. */
function where(node: ProfileNode): string {
  const { url, lineNumber } = node.callFrame;
  if (url === '') return '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const short = path.startsWith(repoRoot) ? path.slice(repoRoot.length) : path;
  return `${short.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
}

function label(node: ProfileNode): string {
  const name = node.callFrame.functionName || '(anonymous)';
  return name.startsWith('(') && node.callFrame.url === '' ? name : `${name} ${where(node)}`;
}

const add = (map: Map<string, number>, key: string, n: number) =>
  map.set(key, (map.get(key) ?? 0) + n);

/** Reads and summarises the profile at `path`. */
export function summarizeProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const hits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const micros = profile.endTime - profile.startTime;
  const perHit = hits === 0 ? 0 : micros / hits;
  const summary: ProfileSummary = {
    micros,
    activeMicros: micros,
    self: new Map(),
    total: new Map(),
    files: new Map(),
  };
  for (const node of profile.nodes) {
    const t = (node.hitCount ?? 0) * perHit;
    if (t === 0) continue;
    if (node.callFrame.functionName === '(idle)') summary.activeMicros -= t;
    add(summary.self, label(node), t);
    add(summary.files, where(node).replace(/:\d+$/, ''), t);
    // Each function on the stack once, however often it recurses.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id) as ProfileNode;
      const key = label(frame);
      if (frame.callFrame.functionName === '(root)' || seen.has(key)) continue;
      seen.add(key);
      add(summary.total, key, t);
    }
  }
  return summary;
}

/** The `top` entries of `map`, largest first, one line each: share of active time, µs/msg. */
export function topLines(
  summary: ProfileSummary,
  map: Map<string, number>,
  top: number,
  messages?: number,
): string[] {
  return [...map]
    .filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, t]) => {
      const share = `${((100 * t) / summary.activeMicros).toFixed(1).padStart(5)}%`;
      const each = messages === undefined ? '' : `${(t / messages).toFixed(2).padStart(7)} us`;
      return `${share} ${each}  ${key}`;
    });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, topArg = '25', messagesArg] = process.argv.slice(2);
  if (file === undefined) {
    console.error('usage: relay-profile.ts <file.cpuprofile> [top] [messages]');
    process.exit(2);
  }
  const top = Number(topArg);
  const messages = messagesArg === undefined ? undefined : Number(messagesArg);
  const summary = summarizeProfile(file);
  const seconds = (t: number) => `${(t / 1e6).toFixed(2)} s`;
  console.log(
    `${file}: ${seconds(summary.micros)} profiled, ${seconds(summary.activeMicros)} on the CPU` +
      ' (shares below are of the latter)',
  );
  console.log('\nself time by function');
  for (const line of topLines(summary, summary.self, top, messages)) console.log(line);
  console.log('\ntotal time (self + callees) by function');
  for (const line of topLines(summary, summary.total, top, messages)) console.log(line);
  console.log('\nself time by file');
  for (const line of topLines(summary, summary.files, top, messages)) console.log(line);
}
