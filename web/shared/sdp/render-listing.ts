/**
 * An SDP text as a numbered, highlighted listing, with lines marked: the strict parse
 * error (`data-testid="error-line"`), lenient warnings, validation problems, or lines a
 * renegotiation changed. Each line carries `data-line` (1-based, as the parser counts).
 */
import { h } from '../dom.ts';
import { highlightLine, sdpLines } from './highlight.ts';
import { bySeverity, type LineMark, MARKED_LINE_TESTID } from './line-marks.ts';

/** Options of {@link renderListing}. */
export interface ListingOptions {
  /** Accessible name of the listing. */
  readonly label: string;
  readonly testid?: string;
  /** Marks by 1-based line number. */
  readonly marks?: ReadonlyMap<number, readonly LineMark[]>;
}

function note(mark: LineMark): HTMLElement {
  const column = mark.column === undefined ? undefined : `col ${mark.column}`;
  return h(
    'div',
    { class: `sdp-note sdp-note--${mark.level}`, 'data-testid': `${mark.level}-note` },
    mark.code ? h('code', { class: 'sdp-note__code' }, mark.code) : null,
    column ? h('span', { class: 'sdp-note__column' }, column) : null,
    mark.message ? h('span', { class: 'sdp-note__message' }, mark.message) : null,
  );
}

function lineText(text: string): HTMLElement {
  const code = h('span', { class: 'sdp-text' });
  for (const token of highlightLine(text)) {
    code.appendChild(h('span', { class: `tok-${token.kind}` }, token.text));
  }
  return code;
}

/** Renders `text` as a listing. */
export function renderListing(text: string, options: ListingOptions): HTMLElement {
  const lines = sdpLines(text);
  const list = h('ol', {
    class: 'sdp-listing',
    'aria-label': options.label,
    'data-testid': options.testid,
  });
  lines.forEach((line, i) => {
    const number = i + 1;
    const marks = bySeverity(options.marks?.get(number));
    const top = marks[0]?.level;
    const item = h(
      'li',
      {
        class: top ? `sdp-line is-${top}` : 'sdp-line',
        'data-line': number,
        'data-testid': top ? MARKED_LINE_TESTID[top] : undefined,
      },
      h('span', { class: 'sdp-ln', 'aria-hidden': 'true' }, number),
      lineText(line),
      marks.filter((m) => m.code || m.message).map(note),
    );
    list.appendChild(item);
  });
  if (lines.length === 0) list.appendChild(h('li', { class: 'sdp-line is-empty' }, '(empty)'));
  return list;
}
