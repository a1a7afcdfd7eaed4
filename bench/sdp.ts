/**
 * SDP parse/serialize throughput of `switchboard/sdp` against two anchors measured in the same run.
 *
 * What is measured, for three real browser offers (Chromium, Firefox, Safari; all with audio,
 * video and a data channel):
 * - `parse`: text to description;
 * - `serialize`: description (parsed once beforehand) to text;
 * - `parse+serialize`: both, the full round trip.
 *
 * Contenders: switchboard's public API (built `dist`, strict parse), `sdp-transform` (`parse`,
 * `write`), and a bare line tokenizer that only splits `type=value` lines: a floor that shows what
 * any parser pays just to touch every line.
 *
 * Method: per row, each contender warms up, then runs {@link ROUNDS} rounds of {@link ROUND_MS} ms,
 * taking turns within a round (in rotating order) so drift on a noisy machine hits all alike.
 * Reported: median ops/s over the rounds; ratios are the median of per-round ratios (both sides of
 * a ratio ran within the same second, so shared drift cancels); `spread` is the widest
 * (max - min) / median among the contenders. Results are consumed (parsed objects escape to a
 * module variable, serialized strings are read) so the JIT cannot drop the work.
 *
 * Before timing, `serialize(parse(x)) === x` is asserted for every input; that is the only thing
 * that makes this script exit non-zero. Speed never does: the bar lines only print PASS or FAIL.
 *
 * Run: `npm run bench:sdp`. Env: `SDP_CORPUS` (corpus directory), `BENCH_ROUNDS`, `BENCH_ROUND_MS`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hrtime } from 'node:process';
import { fileURLToPath } from 'node:url';
import * as sdpTransform from 'sdp-transform';
import { parse, serialize } from 'switchboard/sdp';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);
const WARMUP_MS = ROUND_MS;
/** Calls between clock reads; ops take microseconds, so the clock costs well under 1%. */
const BATCH = 16;
/** Required speed-up over sdp-transform on the Chromium offer. */
const BAR = 5;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const corpus = process.env.SDP_CORPUS ?? resolve(repoRoot, '../shared/sdp-corpus');
const inputs = [
  { name: 'chromium', path: 'webex__ts-sdp/chrome_102_a_v_dc_offer.sdp' },
  { name: 'firefox', path: 'webex__ts-sdp/ffox_101_a_v_dc_offer.sdp' },
  {
    name: 'safari',
    path: 'awslabs__amazon-kinesis-video-streams-webrtc-sdk-c/1v1a1d-safari-mac.txt',
  },
].map((input) => ({ ...input, text: readFileSync(resolve(corpus, input.path), 'utf8') }));

/** One `type=value` line, as the bare tokenizer sees it. */
interface Token {
  type: string;
  value: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let line of text.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const eq = line.indexOf('=');
    if (eq !== -1) tokens.push({ type: line.slice(0, eq), value: line.slice(eq + 1) });
  }
  return tokens;
}

function untokenize(tokens: Token[]): string {
  return `${tokens.map((t) => `${t.type}=${t.value}`).join('\r\n')}\r\n`;
}

type Op = 'parse' | 'serialize' | 'parse+serialize';
const OPS: Op[] = ['parse', 'serialize', 'parse+serialize'];

/** A library under test; `prepare` returns one timed call for an op on a text. */
interface Contender {
  name: string;
  prepare(op: Op, text: string): () => number;
}

/** Parsed results escape here so V8 cannot treat a parse as dead code. */
let _sink: unknown;

/** Reads a char: V8 may build strings as lazy ropes, and this forces them to be flattened. */
function consume(s: string): number {
  return s.length + s.charCodeAt(s.length >> 1);
}

function contender<P>(name: string, p: (text: string) => P, s: (desc: P) => string): Contender {
  return {
    name,
    prepare(op, text) {
      if (op === 'parse') {
        return () => {
          _sink = p(text);
          return 1;
        };
      }
      if (op === 'serialize') {
        const desc = p(text);
        return () => consume(s(desc));
      }
      return () => consume(s(p(text)));
    },
  };
}

const contenders = [
  contender('switchboard', parse, serialize),
  contender('sdp-transform', sdpTransform.parse, sdpTransform.write),
  contender('tokenizer', tokenize, untokenize),
];

/** Where `b` first differs from `a`: line number and that line in each, line ending included. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const lineNo = a.slice(0, i).split('\n').length;
  const lineAt = (s: string) => {
    const end = s.indexOf('\n', i);
    const line = s.slice(s.lastIndexOf('\n', i - 1) + 1, end === -1 ? s.length : end + 1);
    return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line);
  };
  return `line ${lineNo}: expected ${lineAt(a)}, got ${lineAt(b)}`;
}

// Losslessness first: a fast parser that loses bytes is not worth timing.
let lossless = true;
for (const { name, text } of inputs) {
  let failure = '';
  try {
    const out = serialize(parse(text));
    if (out !== text) failure = firstDifference(text, out);
  } catch (error) {
    failure = `threw ${String(error)}`;
  }
  const ok = failure === '';
  lossless &&= ok;
  // sdp-transform writes CRLF; compare with LF too, to show what else it changes.
  const stOut = sdpTransform.write(sdpTransform.parse(text));
  const stLf = stOut.replaceAll('\r\n', '\n');
  const st =
    stOut === text
      ? 'true'
      : `false; with LF endings: ${stLf === text || firstDifference(text, stLf)}`;
  console.log(`${name} (${text.length} B): switchboard serialize(parse(x)) === x: ${ok}`);
  if (!ok) console.log(`  ${failure}`);
  console.log(`${name}: sdp-transform write(parse(x)) === x: ${st}`);
}
if (!lossless) {
  console.error('switchboard does not round-trip byte-exact; not timing.');
  process.exit(1);
}

/** Runs `fn` for about `ms` milliseconds and returns its rate in ops/s. */
function opsPerSecond(fn: () => number, ms: number): number {
  const budget = BigInt(Math.round(ms * 1e6));
  const start = hrtime.bigint();
  let ops = 0;
  let elapsed = 0n;
  let acc = 0;
  do {
    for (let i = 0; i < BATCH; i++) acc += fn();
    ops += BATCH;
    elapsed = hrtime.bigint() - start;
  } while (elapsed < budget);
  if (acc < 0) console.log(acc); // never true; keeps `acc` alive
  return ops / (Number(elapsed) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

interface Row {
  /** Median ops/s per contender. */
  rates: number[];
  /** Median of per-round ratios switchboard / contender. */
  ratios: number[];
  /** Widest (max - min) / median among the contenders. */
  spread: number;
}

function measure(input: string, op: Op): Row {
  const fns = contenders.map((c) => c.prepare(op, input));
  for (const fn of fns) opsPerSecond(fn, WARMUP_MS);
  const samples: number[][] = fns.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (k + round) % fns.length;
      samples[j]!.push(opsPerSecond(fns[j]!, ROUND_MS));
    }
  }
  const rates = samples.map(median);
  const [sb] = samples as [number[]];
  const ratios = samples.map((s) => median(s.map((x, round) => sb[round]! / x)));
  const spread = Math.max(...samples.map((s, j) => (Math.max(...s) - Math.min(...s)) / rates[j]!));
  return { rates, ratios, spread };
}

const num = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (n: number) => `${n < 1 ? n.toFixed(2) : n.toFixed(1)}x`;
const widths = [9, 16, 12, 14, 10, 7, 7, 7];
const row = (cells: string[]) =>
  cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');

// Warm every code path on every input before the first row, or that row pays for JIT tier-up
// and for the deopts that later inputs cause in code optimised for the first one.
for (const { text } of inputs) {
  for (const c of contenders) opsPerSecond(c.prepare('parse+serialize', text), WARMUP_MS);
}

console.log(
  `\n${ROUNDS} rounds x ${ROUND_MS} ms per contender, median ops/s (Node ${process.version})`,
);
const header = ['input', 'op', 'switchboard', 'sdp-transform', 'tokenizer', 'sb/st', 'sb/tok'];
console.log('sb/st = switchboard / sdp-transform, sb/tok = switchboard / tokenizer');
console.log(row([...header, 'spread']));
const chromium: Partial<Record<Op, number>> = {};
for (const { name, text } of inputs) {
  for (const op of OPS) {
    const { rates, ratios, spread } = measure(text, op);
    const [, vsSt, vsTok] = ratios as [number, number, number];
    if (name === 'chromium') chromium[op] = vsSt;
    const figures = [...rates.map(num), ratio(vsSt), ratio(vsTok)];
    console.log(row([name, op, ...figures, `${Math.round(spread * 100)}%`]));
  }
}
console.log('');
for (const op of ['parse', 'parse+serialize'] as const) {
  const r = chromium[op]!;
  console.log(`bar: ${op} ${ratio(r)} sdp-transform (>= ${BAR}x: ${r >= BAR ? 'PASS' : 'FAIL'})`);
}
