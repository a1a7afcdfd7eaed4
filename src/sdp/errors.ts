/**
 * The error catalogue of `switchboard/sdp`.
 *
 * Every problem the parser can report has a stable code here. Codes are never reused
 * for another meaning; a retired code stays in the table with `retired: true`.
 * docs/errors.md is kept in sync with this table by a test.
 */

/** One entry of the catalogue: the code's meaning, as printed in docs/errors.md. */
export interface SdpErrorInfo {
  /** Short description; the first sentence of the docs entry. */
  readonly summary: string;
  /** In lenient mode, is this problem downgraded to a warning (true) or still fatal? */
  readonly recoverable: boolean;
}

/** All codes `parse` can throw (strict) or report as warnings (lenient). */
export const SDP_ERRORS = {
  SDP_ERR_TOO_LARGE: {
    summary: 'The input is longer than `limits.maxBytes`.',
    recoverable: false,
  },
  SDP_ERR_TOO_MANY_LINES: {
    summary: 'The input has more lines than `limits.maxLines`.',
    recoverable: false,
  },
  SDP_ERR_LINE_TOO_LONG: {
    summary: 'A line is longer than `limits.maxLineLength`.',
    recoverable: false,
  },
  SDP_ERR_TOO_MANY_MEDIA: {
    summary: 'There are more m= sections than `limits.maxMediaSections`.',
    recoverable: false,
  },
  SDP_ERR_EMPTY: {
    summary: 'The input holds no SDP lines at all.',
    recoverable: false,
  },
  SDP_ERR_BOM: {
    summary: 'The input starts with a byte order mark (U+FEFF).',
    recoverable: true,
  },
  SDP_ERR_BLANK_LINE: {
    summary: 'An empty line; RFC 8866 has no place for one.',
    recoverable: true,
  },
  SDP_ERR_LINE_SYNTAX: {
    summary: 'A line is not of the form `<letter>=<value>`.',
    recoverable: true,
  },
  SDP_ERR_UNKNOWN_LINE_TYPE: {
    summary: 'A line type letter that RFC 8866 does not define (e.g. `f=`).',
    recoverable: true,
  },
  SDP_ERR_CONTROL_CHARACTER: {
    summary: 'A NUL or lone CR inside a line; RFC 8866 text excludes them.',
    recoverable: true,
  },
  SDP_ERR_MISSING_LINE: {
    summary: 'A required line (v=, o=, s= or t=) is missing.',
    recoverable: true,
  },
  SDP_ERR_LINE_ORDER: {
    summary: 'A line appears out of the order RFC 8866 section 5 prescribes.',
    recoverable: true,
  },
  SDP_ERR_DUPLICATE_LINE: {
    summary: 'A line that may appear once per section appears again.',
    recoverable: true,
  },
  SDP_ERR_BAD_VALUE: {
    summary: 'The value of a line or a known attribute does not match its grammar.',
    recoverable: true,
  },
  SDP_ERR_ATTRIBUTE_SCOPE: {
    summary: 'A media-level-only attribute at session level, or the reverse.',
    recoverable: true,
  },
  SDP_ERR_LF_LINE_ENDING: {
    summary: 'Lines end with LF instead of CRLF (accepted; reported as a warning).',
    recoverable: true,
  },
  SDP_ERR_NO_FINAL_NEWLINE: {
    summary: 'The last line has no line terminator (accepted; reported as a warning).',
    recoverable: true,
  },
} as const satisfies Record<string, SdpErrorInfo>;

/** A stable error code of `switchboard/sdp`. */
export type SdpErrorCode = keyof typeof SDP_ERRORS;

/** Where a problem sits in the input: all positions are 1-based. */
export interface SdpPosition {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column (UTF-16 code unit) within the line. */
  readonly column: number;
  /** The offending line's text, without its terminator. */
  readonly text: string;
}

/** A deviation that lenient mode accepted, or that both modes tolerate (LF, final EOL). */
export interface SdpWarning extends SdpPosition {
  readonly code: SdpErrorCode;
  readonly message: string;
}

/**
 * Thrown by `parse` when the input is not an acceptable session description.
 * `code` is stable (see docs/errors.md); `line`/`column` are 1-based.
 */
export class SdpParseError extends Error implements SdpWarning {
  override readonly name = 'SdpParseError';
  readonly code: SdpErrorCode;
  readonly line: number;
  readonly column: number;
  readonly text: string;

  constructor(problem: SdpWarning, options?: { cause?: unknown }) {
    super(`${problem.line}:${problem.column}: ${problem.message}`, options);
    this.code = problem.code;
    this.line = problem.line;
    this.column = problem.column;
    this.text = problem.text;
  }
}

/** Is `value` an `SdpParseError`? Works across module copies too. */
export function isSdpParseError(value: unknown): value is SdpParseError {
  return (
    value instanceof SdpParseError ||
    (value instanceof Error && value.name === 'SdpParseError' && 'code' in value)
  );
}

/**
 * A grammar failure inside one value, before it is placed in a line.
 * `offset` is 0-based from the start of the value.
 */
export class GrammarError extends Error {
  constructor(
    message: string,
    readonly offset = 0,
  ) {
    super(message);
  }
}
