/**
 * Syntax highlighting of SDP lines as data: a line becomes a list of tokens whose texts,
 * joined, give the line back unchanged. The grammar followed is RFC 8866 section 5
 * (`<type>=<value>`, with `a=<name>[:<value>]` attributes); anything else is one plain token.
 */

/** What a piece of a line is, for styling. */
export type SdpTokenKind =
  /** The type letter before `=`. */
  | 'type'
  /** `=`, `:` and the separators inside values. */
  | 'punct'
  /** An attribute name (`rtpmap` in `a=rtpmap:...`). */
  | 'attribute'
  /** A word of special meaning: media kinds, directions, candidate types. */
  | 'keyword'
  /** A decimal number. */
  | 'number'
  /** Any other word of a value. */
  | 'value'
  /** A line that does not follow `<type>=<value>`. */
  | 'plain';

/** One piece of a highlighted line. */
export interface SdpToken {
  readonly kind: SdpTokenKind;
  readonly text: string;
}

/** Words shown as keywords wherever they appear in a value. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'audio',
  'video',
  'application',
  'text',
  'message',
  'sendrecv',
  'sendonly',
  'recvonly',
  'inactive',
  'actpass',
  'active',
  'passive',
  'holdconn',
  'host',
  'srflx',
  'prflx',
  'relay',
  'typ',
  'BUNDLE',
  'LS',
  'FID',
  'WMS',
  'IN',
  'IP4',
  'IP6',
]);

/** Attribute names that are keywords in themselves (direction flags). */
const KEYWORD_ATTRIBUTES: ReadonlySet<string> = new Set([
  'sendrecv',
  'sendonly',
  'recvonly',
  'inactive',
]);

const LINE = /^([a-z])=/;
const VALUE_PIECES = /(\s+|[/:;=,])/;
const NUMBER = /^\d+$/;

/** Splits an SDP value into words and separators, each with its kind. */
export function highlightValue(value: string): SdpToken[] {
  const out: SdpToken[] = [];
  for (const piece of value.split(VALUE_PIECES)) {
    if (piece === '') continue;
    if (VALUE_PIECES.test(piece)) out.push({ kind: 'punct', text: piece });
    else if (NUMBER.test(piece)) out.push({ kind: 'number', text: piece });
    else if (KEYWORDS.has(piece)) out.push({ kind: 'keyword', text: piece });
    else out.push({ kind: 'value', text: piece });
  }
  return out;
}

/** Highlights one SDP line (without its terminator). */
export function highlightLine(line: string): SdpToken[] {
  const head = LINE.exec(line);
  if (!head) return line === '' ? [] : [{ kind: 'plain', text: line }];
  const type = head[1] as string;
  const out: SdpToken[] = [
    { kind: 'type', text: type },
    { kind: 'punct', text: '=' },
  ];
  const rest = line.slice(2);
  if (type !== 'a') return [...out, ...highlightValue(rest)];
  const colon = rest.indexOf(':');
  const name = colon < 0 ? rest : rest.slice(0, colon);
  if (name !== '') {
    out.push({ kind: KEYWORD_ATTRIBUTES.has(name) ? 'keyword' : 'attribute', text: name });
  }
  if (colon < 0) return out;
  out.push({ kind: 'punct', text: ':' });
  return [...out, ...highlightValue(rest.slice(colon + 1))];
}

/** Splits a description into its lines, without terminators and without a final empty one. */
export function sdpLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
