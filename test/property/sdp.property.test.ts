/**
 * Properties of `parse` and `serialize` (after pion/sdp's fuzz test: never crashes, what
 * parsed serializes), checked with fast-check:
 *
 * - on mutated real SDPs and on random text, `parse` throws nothing but `SdpParseError`,
 *   strict and lenient agree on the first problem, and lenient throws only fatal codes;
 * - whatever either mode accepts serializes back byte for byte;
 * - descriptions built from generated typed values with the grammar's own `format` parse
 *   strictly, serialize back unchanged, and read back as the same typed values;
 * - parse time grows linearly with the input.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  type AttributeName,
  type AttributeValues,
  attributeRule,
  type Bandwidth,
  type Candidate,
  isSdpParseError,
  LINE_RULES,
  type Media,
  type Origin,
  parse,
  SDP_ERRORS,
  type SdpErrorCode,
  SdpParseError,
  type SessionDescription,
  type SimulcastStream,
  serialize,
} from 'switchboard/sdp';

const CORPUS_DIR =
  process.env.SDP_CORPUS ?? fileURLToPath(new URL('../../../shared/sdp-corpus/', import.meta.url));

/** Every corpus file (README excluded), as UTF-8 text. */
function readCorpus(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(CORPUS_DIR).sort()) {
    const full = join(CORPUS_DIR, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const file of readdirSync(full).sort()) out.push(readFileSync(join(full, file), 'utf8'));
  }
  return out;
}

const CORPUS = readCorpus();

/** `fc.record` without null-prototype objects, which `deepStrictEqual` tells apart. */
const record = ((model: never, constraints?: object) =>
  fc.record(model, { ...constraints, noNullPrototype: true })) as typeof fc.record;

// ---------------------------------------------------------------------------------------------
// (a) + (b): never throws anything but SdpParseError; what parsed serializes
// ---------------------------------------------------------------------------------------------

/** Codes that both modes note without ever throwing them. */
const NOTES = new Set<SdpErrorCode>(['SDP_ERR_LF_LINE_ENDING', 'SDP_ERR_NO_FINAL_NEWLINE']);

function assertParseError(e: unknown, input: string): asserts e is SdpParseError {
  assert.ok(e instanceof SdpParseError, `parse threw ${String(e)} on ${JSON.stringify(input)}`);
  assert.ok(isSdpParseError(e));
  assert.ok(Object.hasOwn(SDP_ERRORS, e.code), `unknown code ${e.code}`);
  assert.ok(!NOTES.has(e.code), `${e.code} is only ever a warning`);
  assert.ok(Number.isInteger(e.line) && e.line >= 1, `line ${e.line}`);
  assert.ok(Number.isInteger(e.column) && e.column >= 1, `column ${e.column}`);
}

const position = (p: { code: string; line: number; column: number }) => ({
  code: p.code,
  line: p.line,
  column: p.column,
});

/**
 * The properties every input must have: each mode either returns a description that
 * serializes back to `input` or throws an `SdpParseError`; lenient mode throws only
 * unrecoverable codes; strict mode stops at the first problem lenient mode reports.
 */
function checkAnyInput(input: string): void {
  let strict: SessionDescription | undefined;
  let strictError: SdpParseError | undefined;
  try {
    strict = parse(input, { mode: 'strict' });
  } catch (e) {
    assertParseError(e, input);
    strictError = e;
  }
  let lenient: SessionDescription | undefined;
  let lenientError: SdpParseError | undefined;
  try {
    lenient = parse(input, { mode: 'lenient' });
  } catch (e) {
    assertParseError(e, input);
    lenientError = e;
    assert.equal(SDP_ERRORS[e.code].recoverable, false, `lenient threw recoverable ${e.code}`);
  }

  if (strict) assert.equal(serialize(strict), input);
  if (lenient) assert.equal(serialize(lenient), input);

  if (strict) {
    // Nothing to forgive: lenient reads it the same way, with the same notes.
    assert.ok(lenient, `strict accepted what lenient rejected: ${lenientError?.code}`);
    assert.deepEqual(lenient.warnings.map(position), strict.warnings.map(position));
    for (const w of strict.warnings) assert.ok(NOTES.has(w.code), w.code);
  } else if (strictError && SDP_ERRORS[strictError.code].recoverable) {
    // Lenient mode reports the same first problem, unless a later fatal one stopped it.
    if (lenient) {
      const first = lenient.warnings.find((w) => !NOTES.has(w.code));
      assert.ok(first, `lenient did not report ${strictError.code}`);
      assert.deepEqual(position(first), position(strictError));
    } else {
      assert.ok(lenientError && lenientError.line >= strictError.line);
    }
  } else if (strictError) {
    assert.deepEqual(lenientError && position(lenientError), position(strictError));
  }
}

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'delete-line'; line: number };

/** Short strings that matter to the SDP grammar, and a few that matter to JavaScript. */
const FRAGMENT = fc.oneof(
  fc.constantFrom(
    '\r',
    '\n',
    '\r\n',
    '\0',
    '\uFEFF',
    '\uD800',
    '\uDFFF',
    ' ',
    '  ',
    '=',
    ':',
    '/',
    ';',
    ',',
    '*',
    '~',
    'a=',
    'm=',
    'v=0',
    't=0 0',
    'c=IN IP4 0.0.0.0',
    '\r\nm=audio 9 RTP/AVP 0\r\n',
    '\r\na=',
    'a=mid:0',
    '__proto__',
    'constructor',
    'typ',
    'trr-int',
    'pt=',
    '4294967296',
    '99999999999999999999',
    '-1',
    '1e3',
    'IP6',
  ),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.string({ unit: 'binary-ascii', maxLength: 6 }),
);

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  record({ kind: fc.constant('insert' as const), at: fc.nat(), text: FRAGMENT }),
  record({ kind: fc.constant('replace' as const), at: fc.nat(), text: FRAGMENT }),
  record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const at = (n: number) => n % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'replace':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at) + m.text.length);
  }
  // Line operations keep each line's own terminator by splitting at LF only.
  const lines = text.split('\n');
  const i = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'duplicate-line':
      lines.splice(i(m.line), 0, lines[i(m.line)] ?? '');
      break;
    case 'swap-lines': {
      const a = lines[i(m.a)] ?? '';
      lines[i(m.a)] = lines[i(m.b)] ?? '';
      lines[i(m.b)] = a;
      break;
    }
    case 'delete-line':
      lines.splice(i(m.line), 1);
      break;
  }
  return lines.join('\n');
}

const MUTATED_CORPUS = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(MUTATION, { minLength: 1, maxLength: 6 }))
  .map(([text, mutations]) => mutations.reduce(mutate, text));

/** Every distinct line of the corpus, for building line soups. */
const CORPUS_LINES = [...new Set(CORPUS.flatMap((t) => t.split(/\r?\n/)))];

const HEAD = ['v=0', 'o=- 1 2 IN IP4 0.0.0.0', 's=-', 't=0 0'];

/**
 * Descriptions assembled from real lines, SDP-looking junk and random terminators; half
 * start with a valid session head so that strict mode, too, reads past the first line.
 */
const LINE_SOUP = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...CORPUS_LINES) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...'vosiuepcbtrzkmafA; '), fc.constantFrom('=', ''), FRAGMENT)
            .map((parts) => parts.join('')),
        },
      ),
      { maxLength: 40 },
    ),
    fc.array(fc.constantFrom('\r\n', '\n', '\r', ''), { minLength: 1, maxLength: 4 }),
  )
  .map(([head, lines, eols]) =>
    [...(head ? HEAD : []), ...lines].map((l, i) => l + eols[i % eols.length]).join(''),
  );

const RANDOM_TEXT = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...'v=0\r\nam: /'), maxLength: 300 }),
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b)),
);

test('parse never throws anything but SdpParseError on mutated corpus SDPs; what parsed serializes', () => {
  assert.ok(CORPUS.length > 100, `corpus not found at ${CORPUS_DIR}`);
  fc.assert(fc.property(MUTATED_CORPUS, checkAnyInput), {
    numRuns: 1500,
    includeErrorInReport: true,
  });
});

test('parse never throws anything but SdpParseError on line soups; what parsed serializes', () => {
  fc.assert(fc.property(LINE_SOUP, checkAnyInput), { numRuns: 1500, includeErrorInReport: true });
});

test('parse never throws anything but SdpParseError on random text and bytes', () => {
  fc.assert(fc.property(RANDOM_TEXT, checkAnyInput), { numRuns: 1500, includeErrorInReport: true });
});

type Position = { code: string; line: number; column: number };

/**
 * What a plain line-by-line reading says lenient mode must report about line terminators
 * and control characters: the first LF-only line, a last line without terminator, and the
 * first NUL or CR inside each `<letter>=` line.
 */
function referenceLineWarnings(input: string): Position[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const pieces = text.split('\n');
  const last = pieces.pop() ?? '';
  const lines = pieces.map((p) =>
    p.endsWith('\r') ? { text: p.slice(0, -1), eol: '\r\n' } : { text: p, eol: '\n' },
  );
  if (last !== '') lines.push({ text: last, eol: '' });
  const out: Position[] = [];
  let sawLf = false;
  lines.forEach((l, i) => {
    const column = l.text.length + 1;
    if (l.eol === '\n' && !sawLf) {
      sawLf = true;
      out.push({ code: 'SDP_ERR_LF_LINE_ENDING', line: i + 1, column });
    } else if (l.eol === '') {
      out.push({ code: 'SDP_ERR_NO_FINAL_NEWLINE', line: i + 1, column });
    }
    const control = l.text.search(/[\0\r]/);
    if (/^[a-z]=/.test(l.text) && control >= 0) {
      out.push({ code: 'SDP_ERR_CONTROL_CHARACTER', line: i + 1, column: control + 1 });
    }
  });
  return out;
}

const LINE_CODES = new Set([...NOTES, 'SDP_ERR_CONTROL_CHARACTER']);

test('lenient mode reports terminators and control characters where a line-by-line reading finds them', () => {
  fc.assert(
    fc.property(fc.oneof(MUTATED_CORPUS, LINE_SOUP, RANDOM_TEXT), (input) => {
      let desc: SessionDescription;
      try {
        desc = parse(input, { mode: 'lenient' });
      } catch {
        return; // a fatal problem; the properties above cover it
      }
      const reported = desc.warnings.filter((w) => LINE_CODES.has(w.code)).map(position);
      assert.deepEqual(reported, referenceLineWarnings(input));
    }),
    { numRuns: 1500, includeErrorInReport: true },
  );
});

test('every unmutated corpus SDP satisfies the same properties', () => {
  for (const text of CORPUS) checkAnyInput(text);
});

// ---------------------------------------------------------------------------------------------
// (c) generated models round-trip
// ---------------------------------------------------------------------------------------------

const TOKEN_CHARS = [
  ..."!#$%&'*+-.^_`{|}~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
];
const VISIBLE_CHARS = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i));
const ID_CHARS = [...'-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
const ICE_CHARS = [...'+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];

const chars = (set: string[], minLength = 1, maxLength = 12) =>
  fc.string({ unit: fc.constantFrom(...set), minLength, maxLength });

/** An RFC 8866 token. */
const token = chars(TOKEN_CHARS);
/** Any run of visible ASCII: what the grammar reads with `token()`. */
const visible = chars(VISIBLE_CHARS);
/** Visible ASCII without `;` (one fmtp or rid parameter value); may be empty. */
const parameterValue = chars(
  VISIBLE_CHARS.filter((c) => c !== ';'),
  0,
  16,
);
/** Free text: printable characters and spaces, no line breaks or NUL. */
const freeText = fc
  .string({ unit: 'grapheme', maxLength: 24 })
  .filter((s) => !/[\r\n\0]/.test(s) && !s.startsWith('\uFEFF'));
const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const port = fc.integer({ min: 0, max: 65535 });
const payloadType = fc.integer({ min: 0, max: 255 });
const ridId = chars(ID_CHARS, 1, 8);
const bigDecimal = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const direction = fc.constantFrom('sendrecv', 'sendonly', 'recvonly', 'inactive' as const);
const spaced = (parts: fc.Arbitrary<string>, minLength = 1) =>
  fc.array(parts, { minLength, maxLength: 3 }).map((p) => p.join(' '));

const rtpmap = (pt: number): fc.Arbitrary<AttributeValues['rtpmap']> =>
  record(
    {
      payloadType: fc.constant(pt),
      encodingName: fc.oneof(fc.constantFrom('opus', 'VP8', 'H264', 'rtx', 'red'), token),
      clockRate: uint32,
      channels: fc.integer({ min: 0, max: 255 }),
    },
    { requiredKeys: ['payloadType', 'encodingName', 'clockRate'] },
  );

const fmtp = (pt: number): fc.Arbitrary<AttributeValues['fmtp']> =>
  fc
    .array(record({ name: token, value: parameterValue }, { requiredKeys: ['name'] }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((parameters) => ({
      payloadType: pt,
      config: parameters
        .map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`))
        .join(';'),
      parameters,
    }));

const rtcpFb = (pts: number[]): fc.Arbitrary<AttributeValues['rtcp-fb']> =>
  fc
    .tuple(
      fc.constantFrom<number | '*'>('*', ...pts),
      fc.oneof(fc.constantFrom('nack', 'ccm', 'goog-remb', 'transport-cc', 'trr-int'), token),
      fc.option(spaced(visible), { nil: undefined }),
      fc.integer({ min: 0, max: 999_999_999 }),
    )
    .map(([payloadType, type, parameter, interval]) => {
      if (type === 'trr-int') {
        return { payloadType, type, parameter: String(interval), trrInt: interval };
      }
      return parameter === undefined ? { payloadType, type } : { payloadType, type, parameter };
    });

const extmap: fc.Arbitrary<AttributeValues['extmap']> = record(
  {
    id: fc.integer({ min: 0, max: 65535 }),
    direction,
    encrypt: fc.boolean(),
    uri: fc
      .tuple(
        fc.constantFrom(
          'urn:ietf:params:rtp-hdrext:',
          'http://www.webrtc.org/experiments/rtp-hdrext/',
          'x:',
        ),
        visible,
      )
      .map(([scheme, rest]) => scheme + rest)
      .filter((uri) => uri !== 'urn:ietf:params:rtp-hdrext:encrypt'),
    attributes: spaced(visible),
  },
  { requiredKeys: ['id', 'encrypt', 'uri'] },
);

const ssrc: fc.Arbitrary<AttributeValues['ssrc']> = record(
  {
    ssrc: uint32,
    attribute: fc.oneof(fc.constantFrom('cname', 'msid', 'mslabel', 'label'), token),
    value: freeText,
  },
  { requiredKeys: ['ssrc', 'attribute'] },
);

const ssrcGroup: fc.Arbitrary<AttributeValues['ssrc-group']> = record({
  semantics: fc.oneof(fc.constantFrom('FID', 'SIM', 'FEC-FR'), token),
  ssrcs: fc.array(uint32, { maxLength: 4 }),
});

const msid: fc.Arbitrary<AttributeValues['msid']> = record(
  { streamId: fc.oneof(fc.constant('-'), visible), trackId: visible },
  { requiredKeys: ['streamId'] },
);

const rid = (pts: number[]): fc.Arbitrary<AttributeValues['rid']> =>
  fc
    .record({
      id: ridId,
      direction: fc.constantFrom('send', 'recv' as const),
      payloadTypes: fc.option(fc.array(fc.constantFrom(...pts), { minLength: 1, maxLength: 3 }), {
        nil: undefined,
      }),
      others: fc.array(
        record(
          {
            name: ridId.filter((n) => n !== 'pt'),
            value: parameterValue.filter((v) => !/ /.test(v)),
          },
          { requiredKeys: ['name'] },
        ),
        { maxLength: 3 },
      ),
    })
    .map(({ id, direction, payloadTypes, others }) => {
      if (payloadTypes === undefined) return { id, direction, restrictions: others };
      const pt = { name: 'pt', value: payloadTypes.join(',') };
      return { id, direction, payloadTypes, restrictions: [pt, ...others] };
    });

const streams: fc.Arbitrary<SimulcastStream[]> = fc.array(
  fc.array(record({ rid: ridId, paused: fc.boolean() }), {
    minLength: 1,
    maxLength: 3,
  }),
  { minLength: 1, maxLength: 3 },
);

const simulcast: fc.Arbitrary<AttributeValues['simulcast']> = fc
  .tuple(fc.constantFrom('send', 'recv' as const), streams, fc.option(streams, { nil: undefined }))
  .map(([first, a, b]) => {
    const second = first === 'send' ? 'recv' : 'send';
    return b === undefined ? { first, [first]: a } : { first, [first]: a, [second]: b };
  });

/** Known candidate extensions with values the grammar accepts, and the field each sets. */
const KNOWN_EXTENSIONS: Record<string, [keyof Candidate, fc.Arbitrary<string | number>]> = {
  raddr: ['relatedAddress', fc.constantFrom('0.0.0.0', '192.168.0.196', '::')],
  rport: ['relatedPort', port],
  tcptype: ['tcpType', fc.constantFrom('active', 'passive', 'so')],
  generation: ['generation', uint32],
  ufrag: ['ufrag', visible],
  'network-id': ['networkId', uint32],
  'network-cost': ['networkCost', uint32],
};

const extension = fc.oneof(
  ...Object.entries(KNOWN_EXTENSIONS).map(([name, [, value]]) =>
    value.map((v): [string, string | number] => [name, v]),
  ),
  fc
    .tuple(
      token.filter((n) => !Object.hasOwn(KNOWN_EXTENSIONS, n)),
      visible,
    )
    .map((pair): [string, string | number] => pair),
);

const candidate: fc.Arbitrary<Candidate> = fc
  .record({
    foundation: chars(ICE_CHARS, 1, 32),
    component: fc.integer({ min: 0, max: 65535 }),
    transport: fc.oneof(fc.constantFrom('udp', 'UDP', 'tcp', 'TCP'), token),
    priority: uint32,
    address: fc.oneof(
      fc.constantFrom('192.168.0.196', '2001:db8::1', '5e4b8d4c-4e1a-4c6a-9f3b-3c1e8f2b7a10.local'),
      visible,
    ),
    port,
    type: fc.oneof(fc.constantFrom('host', 'srflx', 'prflx', 'relay'), token),
    extensions: fc.uniqueArray(extension, { selector: ([name]) => name, maxLength: 5 }),
  })
  .map(({ extensions, ...base }) => {
    const out: Candidate = { ...base, extensions: [] };
    for (const [name, value] of extensions) {
      out.extensions.push([name, String(value)]);
      const known = Object.hasOwn(KNOWN_EXTENSIONS, name) ? KNOWN_EXTENSIONS[name] : undefined;
      if (known) (out as unknown as Record<string, unknown>)[known[0]] = value;
    }
    return out;
  });

const DIGEST_BYTES: [string, number][] = [
  ['sha-1', 20],
  ['sha-224', 28],
  ['sha-256', 32],
  ['SHA-256', 32],
  ['sha-384', 48],
  ['sha-512', 64],
  ['md5', 16],
];

const hexBytes = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n }).chain((bytes) =>
    fc.boolean().map((upper) =>
      bytes
        .map((b) => b.toString(16).padStart(2, '0'))
        .map((h) => (upper ? h.toUpperCase() : h))
        .join(':'),
    ),
  );

const fingerprint: fc.Arbitrary<AttributeValues['fingerprint']> = fc.oneof(
  fc
    .constantFrom(...DIGEST_BYTES)
    .chain(([algorithm, n]) => hexBytes(n).map((fp) => ({ algorithm, fingerprint: fp }))),
  fc
    .tuple(
      token.filter((t) => !DIGEST_BYTES.some(([a]) => a.toLowerCase() === t.toLowerCase())),
      fc.integer({ min: 1, max: 8 }).chain(hexBytes),
    )
    .map(([algorithm, fp]) => ({ algorithm, fingerprint: fp })),
);

const setup: fc.Arbitrary<AttributeValues['setup']> = record({
  role: fc.constantFrom('active', 'passive', 'actpass', 'holdconn' as const),
});

const iceText = fc.oneof(visible, chars([...'0123456789'], 1, 6));

const bandwidth: fc.Arbitrary<Bandwidth> = record({
  type: fc.oneof(fc.constantFrom('AS', 'TIAS', 'CT', 'RR', 'RS'), chars([...ID_CHARS, '.', '+'])),
  bandwidth: fc.integer({ min: 0, max: 999_999_999_999_999 }),
});

const origin: fc.Arbitrary<Origin> = record({
  username: fc.oneof(fc.constant('-'), visible),
  sessionId: fc.oneof(fc.constant('18446744069414584320'), bigDecimal),
  sessionVersion: bigDecimal,
  netType: fc.constant('IN'),
  addrType: fc.constantFrom('IP4', 'IP6'),
  address: fc.oneof(fc.constantFrom('127.0.0.1', '0.0.0.0', '::1'), visible),
});

/** One generated media section: its m= line and attribute values by name. */
interface MediaModel {
  media: Media;
  bandwidths: Bandwidth[];
  attributes: Partial<{ [K in AttributeName]: AttributeValues[K][] }>;
}

const list = <T>(arb: fc.Arbitrary<T>, maxLength = 3) => fc.array(arb, { maxLength });

const rtpSection = (mid: string): fc.Arbitrary<MediaModel> =>
  fc
    .tuple(
      fc.constantFrom('audio', 'video'),
      port,
      fc.uniqueArray(payloadType, { minLength: 1, maxLength: 4 }),
    )
    .chain(([kind, mediaPort, pts]) =>
      record({
        media: fc.constant<Media>({
          media: kind,
          port: mediaPort,
          protocol: 'UDP/TLS/RTP/SAVPF',
          formats: pts.map(String),
        }),
        bandwidths: list(bandwidth, 2),
        attributes: record({
          mid: fc.constant([{ mid }]),
          rtpmap: fc.tuple(...pts.map(rtpmap)),
          fmtp: fc.subarray(pts).chain((sub) => fc.tuple(...sub.map(fmtp))),
          'rtcp-fb': list(rtcpFb(pts), 4),
          extmap: list(extmap),
          ssrc: list(ssrc),
          'ssrc-group': list(ssrcGroup, 2),
          msid: list(msid, 2),
          rid: list(rid(pts)),
          simulcast: list(simulcast, 1),
          candidate: list(candidate),
          'ice-ufrag': list(
            iceText.map((ufrag) => ({ ufrag })),
            1,
          ),
          'ice-pwd': list(
            iceText.map((pwd) => ({ pwd })),
            1,
          ),
          fingerprint: list(fingerprint, 2),
          setup: list(setup, 1),
        }),
      }),
    );

const dataSection = (mid: string): fc.Arbitrary<MediaModel> =>
  record({
    media: port.map((p) => ({
      media: 'application',
      port: p,
      protocol: 'UDP/DTLS/SCTP',
      formats: ['webrtc-datachannel'],
    })),
    bandwidths: list(bandwidth, 1),
    attributes: record({
      mid: fc.constant([{ mid }]),
      'sctp-port': list(
        port.map((p) => ({ port: p })),
        1,
      ),
      'max-message-size': list(
        fc.integer({ min: 0, max: 999_999_999_999_999 }).map((size) => ({ size })),
        1,
      ),
      candidate: list(candidate),
    }),
  });

const sessionModel = fc.uniqueArray(token, { minLength: 1, maxLength: 3 }).chain((mids) =>
  record({
    origin,
    bandwidths: list(bandwidth, 2),
    eol: fc.constantFrom('\r\n', '\n'),
    attributes: record({
      group: fc.oneof(
        fc.constant([{ semantics: 'BUNDLE', mids }]),
        fc.constant([{ semantics: 'BUNDLE', mids: [] }]),
        list(record({ semantics: token, mids: list(visible) }), 2),
      ),
      'msid-semantic': list(
        record({
          leadingSpace: fc.boolean(),
          semantic: fc.constantFrom('WMS', 'foo'),
          streamIds: list(visible),
          trailingSpace: fc.boolean(),
        }),
        1,
      ),
      'ice-ufrag': list(
        iceText.map((ufrag) => ({ ufrag })),
        1,
      ),
      'ice-pwd': list(
        iceText.map((pwd) => ({ pwd })),
        1,
      ),
      fingerprint: list(fingerprint, 2),
      setup: list(setup, 1),
    }),
    media: fc.tuple(...mids.map((mid) => fc.oneof(rtpSection(mid), dataSection(mid)))),
  }),
);

type SessionModel = typeof sessionModel extends fc.Arbitrary<infer T> ? T : never;

function attributeLines(attributes: Readonly<Record<string, readonly unknown[]>>): string[] {
  const out: string[] = [];
  for (const [name, values] of Object.entries(attributes)) {
    const rule = attributeRule(name);
    assert.ok(rule, name);
    for (const v of values) out.push(`a=${name}:${rule.format(v)}`);
  }
  return out;
}

/** Writes a model with the grammar's own `format` functions. */
function writeModel(model: SessionModel): string {
  const lines = [
    'v=0',
    `o=${LINE_RULES.o.format(model.origin)}`,
    's=-',
    ...model.bandwidths.map((b) => `b=${LINE_RULES.b.format(b)}`),
    't=0 0',
    ...attributeLines(model.attributes),
  ];
  for (const m of model.media) {
    lines.push(`m=${LINE_RULES.m.format(m.media)}`);
    for (const b of m.bandwidths) lines.push(`b=${LINE_RULES.b.format(b)}`);
    lines.push(...attributeLines(m.attributes));
  }
  return lines.map((l) => l + model.eol).join('');
}

test('generated models written with the grammar parse strict, serialize unchanged, read back equal', () => {
  fc.assert(
    fc.property(sessionModel, (model) => {
      const text = writeModel(model);
      const desc = parse(text);
      assert.equal(serialize(desc), text);
      assert.deepEqual(
        desc.warnings.map((w) => w.code),
        model.eol === '\n' ? ['SDP_ERR_LF_LINE_ENDING'] : [],
      );
      assert.deepEqual(desc.unknownAttributes(), []);
      assert.deepEqual(desc.session.origin, model.origin);
      assert.deepEqual(desc.session.bandwidths, model.bandwidths);
      for (const [name, values] of Object.entries(model.attributes)) {
        assert.deepEqual(desc.session.attributes(name as AttributeName), values, `a=${name}`);
      }
      assert.equal(desc.media.length, model.media.length);
      model.media.forEach((m, i) => {
        const section = desc.media[i];
        assert.ok(section);
        assert.deepEqual(section.media, m.media);
        assert.deepEqual(section.bandwidths, m.bandwidths);
        for (const [name, values] of Object.entries(m.attributes)) {
          assert.deepEqual(section.attributes(name as AttributeName), values, `a=${name}`);
        }
      });
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
});

// ---------------------------------------------------------------------------------------------
// (d) linear time
// ---------------------------------------------------------------------------------------------

const CANDIDATE_LINE_BYTES = 200;

/** A description with `n` distinct candidate lines of exactly 200 bytes each (CRLF included). */
function candidateSdp(n: number): string {
  const head = [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    'a=mid:0',
    'a=rtpmap:111 opus/48000/2',
  ];
  const lines = [...head];
  for (let i = 0; i < n; i++) {
    const host = `${(i * 2654435761).toString(16).padStart(8, '0').slice(-8)}-4e1a-4c6a-9f3b-3c1e8f2b7a10.local`;
    const line = `a=candidate:${i} 1 udp ${2122260223 - i} ${host} ${1024 + (i % 60000)} typ host generation 0 ufrag EsAw network-id ${i % 7} network-cost 10 x-pad `;
    lines.push(line.padEnd(CANDIDATE_LINE_BYTES - 2, 'z'));
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

function bestTime(runs: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

test('parse time is linear: 10,000 candidates (~2 MB) cost per candidate what 1,000 do', () => {
  const limits = { maxBytes: 4 * 1024 * 1024, maxLines: 50_000 };
  const small = candidateSdp(1_000);
  const large = candidateSdp(10_000);
  assert.ok(large.length > 1_990_000, `${large.length} bytes`);

  // Both sizes parse, and the large one keeps every candidate.
  assert.equal(parse(large, { limits }).media[0]?.attributes('candidate').length, 10_000);
  for (let i = 0; i < 5; i++) parse(small, { limits });

  const smallMs = bestTime(5, () => parse(small, { limits }));
  const largeMs = bestTime(3, () => parse(large, { limits }));
  const ratio = largeMs / 10_000 / (smallMs / 1_000);
  assert.ok(
    ratio < 4,
    `per-candidate time grew ${ratio.toFixed(2)}x (${smallMs} ms vs ${largeMs} ms)`,
  );
  assert.ok(largeMs < 2_000, `parsing 2 MB took ${largeMs} ms`);

  for (const mode of ['strict', 'lenient'] as const) {
    assert.throws(
      () => parse(large, { mode }),
      (e) => e instanceof SdpParseError && e.code === 'SDP_ERR_TOO_LARGE' && e.line === 1,
    );
  }
});
