/**
 * Plain-text presentation helpers of the CLI: aligned tables, indentation, compiler-style
 * problem lines, and optional emphasis when the output is a terminal.
 */

/** Text emphasis; identity functions when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
}

/** A `Style` that uses ANSI escapes when `enabled` (stdout is a TTY and NO_COLOR is unset). */
export function createStyle(enabled: boolean): Style {
  if (!enabled) return { bold: (t) => t, dim: (t) => t };
  return {
    bold: (t) => `\u001b[1m${t}\u001b[22m`,
    dim: (t) => `\u001b[2m${t}\u001b[22m`,
  };
}

/**
 * Lays rows out in columns separated by `gap` spaces; the last cell of a row is not
 * padded, and empty trailing cells are dropped so no line ends in spaces.
 */
export function table(rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) => {
    let last = row.length;
    while (last > 0 && row[last - 1] === '') last--;
    const cells = row.slice(0, last);
    return cells
      .map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join(' '.repeat(gap));
  });
}

/** Prefixes every line with `depth * 2` spaces. */
export function indent(lines: readonly string[], depth = 1): string[] {
  const pad = '  '.repeat(depth);
  return lines.map((l) => (l === '' ? l : pad + l));
}

/** `1 section`, `3 sections`. */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** Shortens `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * A problem in the `file:line:column: code message` form editors and CI annotators
 * recognise. Positions below 1 are shown as 1.
 */
export function problemLine(
  file: string,
  line: number,
  column: number,
  code: string,
  message: string,
): string {
  return `${file}:${Math.max(1, line)}:${Math.max(1, column)}: ${code} ${message}`;
}
