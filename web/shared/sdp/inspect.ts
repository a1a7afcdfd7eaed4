/**
 * One SDP text looked at every way `switchboard/sdp` can: the strict parse (the first error,
 * with its line and column), the lenient parse (every tolerated deviation as a warning, and
 * a model to summarise), and `validate` (what a browser would refuse when applying it).
 */
import {
  isSdpParseError,
  parse,
  type SdpErrorCode,
  type SdpProblem,
  type SdpWarning,
  type SessionDescription,
  validate,
} from 'switchboard/sdp';

/** How a description is applied, which changes some `validate` rules (a=setup). */
export type DescriptionType = 'offer' | 'answer';

/** A parse error or warning as plain data. */
export interface SdpIssue {
  readonly code: SdpErrorCode;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly text: string;
}

/** Everything the inspector shows about one text. */
export interface SdpInspection {
  /** The text as parsed (see {@link toWireText}). */
  readonly text: string;
  /** Strict mode's verdict: the first problem, or undefined when the text parses. */
  readonly error: SdpIssue | undefined;
  /** Lenient mode's warnings: every deviation it accepted, in source order. */
  readonly warnings: readonly SdpIssue[];
  /** The lenient model, unless even lenient mode gave up (e.g. an empty input). */
  readonly description: SessionDescription | undefined;
  /** `validate` on the lenient model. */
  readonly problems: readonly SdpProblem[];
}

function issue(p: SdpWarning): SdpIssue {
  // SdpParseError's message leads with `line:column: `, which the issue carries apart.
  const at = `${p.line}:${p.column}: `;
  const message = p.message.startsWith(at) ? p.message.slice(at.length) : p.message;
  return { code: p.code, message, line: p.line, column: p.column, text: p.text };
}

/**
 * The text of a text area as it would travel: text areas keep only LF line ends, so every
 * line end becomes CRLF; trailing blank lines are dropped and the last line gets its CRLF.
 * Line numbers stay those of the input.
 */
export function toWireText(input: string): string {
  const body = input.replace(/\r?\n/g, '\r\n').replace(/(?:\r\n[ \t]*)+$/, '');
  return body === '' ? '' : `${body}\r\n`;
}

/** Parses `input` (after {@link toWireText}) strictly and leniently, and validates it. */
export function inspectSdp(input: string, type: DescriptionType): SdpInspection {
  const text = toWireText(input);
  let error: SdpIssue | undefined;
  try {
    parse(text);
  } catch (e) {
    if (!isSdpParseError(e)) throw e;
    error = issue(e);
  }
  let description: SessionDescription | undefined;
  let warnings: SdpIssue[] = [];
  try {
    description = parse(text, { mode: 'lenient' });
    warnings = description.warnings.map(issue);
  } catch (e) {
    // Only unrecoverable codes (size limits, empty input) stop lenient mode too.
    if (!isSdpParseError(e)) throw e;
  }
  const problems = description === undefined ? [] : validate(description, { type });
  return { text, error, warnings, description, problems };
}
