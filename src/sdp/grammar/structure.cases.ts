/**
 * Cases of the checks `parse` makes over whole descriptions: line order, required lines, line
 * syntax, line endings and limits. Run by structure.test.ts and counted by coverage.test.ts.
 * Data only: importing this module registers no tests.
 */
import { DEFAULT_LIMITS, type ParseOptions, type SdpErrorCode } from '../index.ts';
import { crlf, M, O, S, T, V } from './table-harness.ts';

// ---------------------------------------------------------------------------------------------
// Structure: order, required lines, line syntax
// ---------------------------------------------------------------------------------------------

export interface StructureCase {
  name: string;
  text: string;
  code: SdpErrorCode;
  line: number;
  column: number;
}
export const STRUCTURE: StructureCase[] = [
  { name: 'v= missing', text: crlf([O, S, T]), code: 'SDP_ERR_MISSING_LINE', line: 1, column: 1 },
  { name: 'o= missing', text: crlf([V, S, T]), code: 'SDP_ERR_MISSING_LINE', line: 2, column: 1 },
  { name: 's= missing', text: crlf([V, O, T]), code: 'SDP_ERR_MISSING_LINE', line: 3, column: 1 },
  {
    name: 't= missing, reported at the first m= line',
    text: crlf([V, O, S, 'c=IN IP4 0.0.0.0', M, 'a=mid:0']),
    code: 'SDP_ERR_MISSING_LINE',
    line: 5,
    column: 1,
  },
  {
    name: 't= missing without media, reported at the last line',
    text: crlf([V, O, S, 'a=tool:x']),
    code: 'SDP_ERR_MISSING_LINE',
    line: 4,
    column: 1,
  },
  {
    name: 'c= after t= at session level',
    text: crlf([V, O, S, T, 'c=IN IP4 0.0.0.0']),
    code: 'SDP_ERR_LINE_ORDER',
    line: 5,
    column: 1,
  },
  {
    name: 'r= before t=',
    text: crlf([V, O, S, 'r=1 2 3', T]),
    code: 'SDP_ERR_LINE_ORDER',
    line: 4,
    column: 1,
  },
  {
    name: 'k= after a= at session level',
    text: crlf([V, O, S, T, 'a=tool:x', 'k=prompt']),
    code: 'SDP_ERR_LINE_ORDER',
    line: 6,
    column: 1,
  },
  {
    name: 'b= after a= at media level',
    text: crlf([V, O, S, T, M, 'a=mid:0', 'b=AS:1']),
    code: 'SDP_ERR_LINE_ORDER',
    line: 7,
    column: 1,
  },
  {
    name: 't= at media level',
    text: crlf([V, O, S, T, M, T]),
    code: 'SDP_ERR_LINE_ORDER',
    line: 6,
    column: 1,
  },
  {
    name: 'duplicate s=',
    text: crlf([V, O, S, 's=again', T]),
    code: 'SDP_ERR_DUPLICATE_LINE',
    line: 4,
    column: 1,
  },
  {
    name: 'duplicate v=',
    text: crlf([V, V, O, S, T]),
    code: 'SDP_ERR_DUPLICATE_LINE',
    line: 2,
    column: 1,
  },
  {
    name: 'duplicate i= at media level',
    text: crlf([V, O, S, T, M, 'i=a', 'i=b']),
    code: 'SDP_ERR_DUPLICATE_LINE',
    line: 7,
    column: 1,
  },
  {
    name: 'blank line',
    text: crlf([V, O, S, '', T]),
    code: 'SDP_ERR_BLANK_LINE',
    line: 4,
    column: 1,
  },
  {
    name: 'f= line',
    text: crlf([V, O, S, T, 'f=x']),
    code: 'SDP_ERR_UNKNOWN_LINE_TYPE',
    line: 5,
    column: 1,
  },
  {
    name: ';comment line',
    text: crlf([V, O, S, '; a comment', T]),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 4,
    column: 1,
  },
  {
    name: 'upper-case type letter',
    text: crlf([V, O, S, T, 'A=b']),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 5,
    column: 1,
  },
  {
    name: 'line without "="',
    text: crlf([V, O, S, T, 'a']),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 5,
    column: 1,
  },
  {
    name: 'space before "="',
    text: crlf([V, O, S, T, 'a =b']),
    code: 'SDP_ERR_LINE_SYNTAX',
    line: 5,
    column: 1,
  },
  {
    name: 'NUL inside a line',
    text: crlf([V, O, S, T, M, 'a=mid:a\0b']),
    code: 'SDP_ERR_CONTROL_CHARACTER',
    line: 6,
    column: 8,
  },
  {
    name: 'lone CR inside a line',
    text: crlf([V, O, S, T, 's=x\ry']),
    code: 'SDP_ERR_CONTROL_CHARACTER',
    line: 5,
    column: 4,
  },
  {
    name: 'CR CR LF line ending',
    text: `${crlf([V, O, S, T, M])}a=mid:0\r\r\n`,
    code: 'SDP_ERR_CONTROL_CHARACTER',
    line: 6,
    column: 8,
  },
  {
    name: 'byte order mark',
    text: `\uFEFF${crlf([V, O, S, T])}`,
    code: 'SDP_ERR_BOM',
    line: 1,
    column: 1,
  },
];

// ---------------------------------------------------------------------------------------------
// Line endings
// ---------------------------------------------------------------------------------------------

export interface EndingCase {
  name: string;
  text: string;
  warnings: [code: SdpErrorCode, line: number, column: number][];
}
export const ENDINGS: EndingCase[] = [
  { name: 'CRLF throughout', text: crlf([V, O, S, T, M]), warnings: [] },
  {
    name: 'LF throughout',
    text: [V, O, S, T, M, ''].join('\n'),
    warnings: [['SDP_ERR_LF_LINE_ENDING', 1, 4]],
  },
  {
    name: 'CRLF, then LF from line 3',
    text: `${V}\r\n${O}\r\n${S}\n${T}\n`,
    warnings: [['SDP_ERR_LF_LINE_ENDING', 3, 4]],
  },
  {
    name: 'no final newline',
    text: crlf([V, O, S, T]) + M,
    warnings: [['SDP_ERR_NO_FINAL_NEWLINE', 5, M.length + 1]],
  },
  {
    name: 'LF and no final newline',
    text: [V, O, S, T].join('\n'),
    warnings: [
      ['SDP_ERR_LF_LINE_ENDING', 1, 4],
      ['SDP_ERR_NO_FINAL_NEWLINE', 4, 6],
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Limits: fatal in both modes
// ---------------------------------------------------------------------------------------------

export interface LimitCase {
  name: string;
  text: () => string;
  limits?: ParseOptions['limits'];
  code: SdpErrorCode;
  line: number;
  column: number;
}

export const LIMITS: LimitCase[] = [
  {
    name: 'maxBytes: 50',
    text: () => crlf([V, O, S, T]),
    limits: { maxBytes: 50 },
    code: 'SDP_ERR_TOO_LARGE',
    line: 1,
    column: 1,
  },
  {
    name: 'default maxBytes (1 MiB) + 1',
    text: () => {
      const head = crlf([V, O, S, T, M]);
      const filler = 'a=x-pad:'.padEnd(1000, 'x');
      const body = crlf(
        Array(Math.ceil((DEFAULT_LIMITS.maxBytes - head.length) / 1002)).fill(filler),
      );
      return (head + body).slice(0, DEFAULT_LIMITS.maxBytes + 1);
    },
    code: 'SDP_ERR_TOO_LARGE',
    line: 1,
    column: 1,
  },
  {
    name: 'maxLines: 4',
    text: () => crlf([V, O, S, T, M]),
    limits: { maxLines: 4 },
    code: 'SDP_ERR_TOO_MANY_LINES',
    line: 5,
    column: 1,
  },
  {
    name: 'default maxLines (20,000) + 1',
    text: () => crlf([V, O, S, T, M, ...Array(DEFAULT_LIMITS.maxLines - 5 + 1).fill('a=rtcp-mux')]),
    code: 'SDP_ERR_TOO_MANY_LINES',
    line: DEFAULT_LIMITS.maxLines + 1,
    column: 1,
  },
  {
    name: 'maxLineLength: 10',
    text: () => crlf([V, O, S, T]),
    limits: { maxLineLength: 10 },
    code: 'SDP_ERR_LINE_TOO_LONG',
    line: 2,
    column: 11,
  },
  {
    name: 'default maxLineLength (16 KiB) + 1',
    text: () => crlf([V, O, S, T, M, `a=x-long:${'y'.repeat(DEFAULT_LIMITS.maxLineLength - 8)}`]),
    code: 'SDP_ERR_LINE_TOO_LONG',
    line: 6,
    column: DEFAULT_LIMITS.maxLineLength + 1,
  },
  {
    name: 'maxMediaSections: 1',
    text: () => crlf([V, O, S, T, M, 'a=mid:0', M, 'a=mid:1']),
    limits: { maxMediaSections: 1 },
    code: 'SDP_ERR_TOO_MANY_MEDIA',
    line: 7,
    column: 1,
  },
  {
    name: 'default maxMediaSections (512) + 1',
    text: () => crlf([V, O, S, T, ...Array(DEFAULT_LIMITS.maxMediaSections + 1).fill(M)]),
    code: 'SDP_ERR_TOO_MANY_MEDIA',
    line: 4 + DEFAULT_LIMITS.maxMediaSections + 1,
    column: 1,
  },
];
