/**
 * Decode speed of wire frames: the validators generated at build time (ajv standalone code,
 * src/protocol/generated/validators.ts) against the same schemas compiled by ajv at run time.
 *
 * What is measured, for a 1 kB `signal` (an SDP description) and a candidate `signal`:
 * - `JSON.parse`: the floor, what any decoder pays to read the frame;
 * - `decodeClientMessage`: the full decode the server runs on every frame (generated);
 * - `generated`: JSON.parse and the generated validator of `signal`;
 * - `ajv.compile`: JSON.parse and the validator ajv compiles at run time from the same schema.
 *
 * The package's code is loaded from the built `dist`, as a server runs it (tsx's own transform
 * of the sources adds a few percent); ajv's code is compiled in this process.
 *
 * Method: as bench/sdp.ts: each contender warms up, then {@link ROUNDS} rounds of
 * {@link ROUND_MS} ms, taking turns in rotating order; reported are the median ops/s and the
 * median of per-round ratios against `generated`. Time is the process's CPU time, which a
 * shared machine disturbs less than the wall clock. Every contender is first checked to
 * accept the frame. Speed never fails the script.
 *
 * Run: `npm run build && node --import tsx bench/protocol-decode.ts`.
 * Env: `BENCH_ROUNDS`, `BENCH_ROUND_MS`.
 */
import { createAjv, schemasToCompile } from '../scripts/protocol-validators.ts';
import type * as Codec from '../src/protocol/codec.ts';
import type * as Generated from '../src/protocol/generated/validators.ts';
import type * as Validator from '../src/protocol/message-validator.ts';

/** A module of the built package, typed as its source. */
async function built<T>(path: string): Promise<T> {
  return (await import(new URL(`../dist/protocol/${path}`, import.meta.url).href)) as T;
}
const { decodeClientMessage } = await built<typeof Codec>('codec.js');
const { CLIENT_VALIDATORS, DISCRIMINATOR_TAGS } =
  await built<typeof Generated>('generated/validators.js');
const { createMessageValidator } = await built<typeof Validator>('message-validator.js');
type MessageValidator = Validator.MessageValidator;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);
/** Calls between clock reads; a decode takes about a microsecond. */
const BATCH = 64;

const SDP_LINE = 'a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0\r\n';
const description = {
  type: 'signal',
  seq: 42,
  room: 'room-1',
  to: 'peer-b',
  payload: { kind: 'description', description: { type: 'offer', sdp: '' } },
};
// The longest SDP (whole lines and a part of one) that keeps the frame within 1 kB.
for (let length = 1; JSON.stringify(description).length < 1024; length++) {
  description.payload.description.sdp = SDP_LINE.repeat(16).slice(0, length);
}
const candidate = {
  type: 'signal',
  seq: 43,
  room: 'room-1',
  to: 'peer-b',
  payload: {
    kind: 'candidate',
    candidate: { candidate: SDP_LINE.slice(2, -2), sdpMid: '0', sdpMLineIndex: 0 },
  },
};
const frames = [
  { name: 'signal description', text: JSON.stringify(description) },
  { name: 'signal candidate', text: JSON.stringify(candidate) },
];

/** The `signal` validator ajv compiles at run time from the schemas the generator compiles. */
function compiled(): MessageValidator {
  const { shared, messages, tags } = schemasToCompile();
  const signal = messages.find((m) => m.from === 'client' && m.type === 'signal')?.schema;
  if (signal === undefined) throw new Error('no client signal schema');
  const validate = createAjv(shared).compile(signal) as Validator.CompiledValidator;
  return createMessageValidator(validate, tags);
}

let sink: unknown;
const validated = (validate: MessageValidator) => (text: string) => {
  const value = JSON.parse(text);
  sink = validate(value);
  return sink === undefined ? 1 : 0;
};
const contenders: { name: string; run: (text: string) => number }[] = [
  {
    name: 'generated',
    run: validated(createMessageValidator(CLIENT_VALIDATORS.signal!, DISCRIMINATOR_TAGS)),
  },
  { name: 'ajv.compile', run: validated(compiled()) },
  { name: 'decodeClientMessage', run: (text) => (decodeClientMessage(text).ok ? 1 : 0) },
  {
    name: 'JSON.parse',
    run: (text) => {
      sink = JSON.parse(text);
      return 1;
    },
  },
];

/** CPU time this process has used (µs): unlike the wall clock, it stops while others run. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Runs `fn` for about `ms` milliseconds of CPU time and returns its rate in ops/CPU-s. */
function opsPerSecond(fn: () => number, ms: number): number {
  const start = cpuMicros();
  let ops = 0;
  let elapsed = 0;
  let accepted = 0;
  do {
    for (let i = 0; i < BATCH; i++) accepted += fn();
    ops += BATCH;
    elapsed = cpuMicros() - start;
  } while (elapsed < ms * 1000);
  if (accepted !== ops) throw new Error('a contender refused the frame while timed');
  return ops / (elapsed / 1e6);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const num = (n: number) => Math.round(n).toLocaleString('en-US');

for (const { name, text } of frames) {
  const fns = contenders.map((c) => () => c.run(text));
  for (const [i, fn] of fns.entries()) {
    if (fn() !== 1) throw new Error(`${contenders[i]!.name} refuses the ${name} frame`);
    opsPerSecond(fn, ROUND_MS);
  }
  const samples: number[][] = fns.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (k + round) % fns.length;
      samples[j]!.push(opsPerSecond(fns[j]!, ROUND_MS));
    }
  }
  const [anchor] = samples as [number[]];
  console.log(`\n${name} (${Buffer.byteLength(text)} B)`);
  for (const [j, contender] of contenders.entries()) {
    const rate = median(samples[j]!);
    const ratio = median(samples[j]!.map((x, round) => x / anchor[round]!));
    const spread = (Math.max(...samples[j]!) - Math.min(...samples[j]!)) / rate;
    console.log(
      `  ${contender.name.padEnd(20)} ${num(rate).padStart(10)} ops/s  ${ratio.toFixed(2)}x generated  spread ${(100 * spread).toFixed(0)}%`,
    );
  }
}
if (sink === Symbol.for('never')) console.log(sink);
