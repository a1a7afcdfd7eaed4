/**
 * A text area for SDP with highlighting and line marks drawn behind it: the text area keeps
 * the caret, selection and every keyboard behaviour (its text is transparent), and an overlay
 * with the same metrics shows line numbers, syntax colours and the marked lines. The overlay
 * follows the text area's scrolling. Lines do not wrap, so line N of the text is line N of
 * the overlay.
 */
import './sdp-editor.css';
import { h } from '../../shared/dom.ts';
import { highlightLine, sdpLines } from '../../shared/sdp/highlight.ts';
import { bySeverity, type LineMark, MARKED_LINE_TESTID } from '../../shared/sdp/line-marks.ts';

/** One SDP text area with its overlay. */
export class SdpEditor {
  readonly #gutter: HTMLElement;
  readonly #code: HTMLElement;

  /** Wraps `textarea`, which must sit inside `root` (an element styled `.editor`). */
  constructor(
    readonly root: HTMLElement,
    readonly textarea: HTMLTextAreaElement,
  ) {
    this.#gutter = h('div', { class: 'editor__gutter' });
    this.#code = h('div', { class: 'editor__code' });
    root.prepend(
      h('div', { class: 'editor__overlay', 'aria-hidden': 'true' }, this.#gutter, this.#code),
    );
    textarea.wrap = 'off';
    textarea.spellcheck = false;
    textarea.addEventListener('scroll', () => this.#follow());
  }

  /** Redraws the overlay for the current text with `marks` (by 1-based line). */
  render(marks: ReadonlyMap<number, readonly LineMark[]>): void {
    const lines = sdpLines(this.textarea.value);
    const numbers: HTMLElement[] = [];
    const rows: HTMLElement[] = [];
    lines.forEach((text, i) => {
      const line = i + 1;
      const top = bySeverity(marks.get(line))[0];
      const level = top?.level;
      numbers.push(h('div', { class: level ? `ed-ln is-${level}` : 'ed-ln' }, line));
      rows.push(
        h(
          'div',
          {
            class: level ? `ed-line is-${level}` : 'ed-line',
            'data-line': line,
            'data-testid': level ? MARKED_LINE_TESTID[level] : undefined,
            'data-code': top?.code,
            title: top?.message,
          },
          highlightLine(text).map((t) => h('span', { class: `tok-${t.kind}` }, t.text)),
          // Keeps an empty line one line tall.
          text === '' ? '\u200b' : null,
        ),
      );
    });
    this.#gutter.replaceChildren(...numbers);
    this.#code.replaceChildren(...rows);
    this.root.classList.toggle('is-empty', lines.length === 0);
    this.#follow();
  }

  /** Selects line `line` in the text area, scrolls to it and focuses it. */
  revealLine(line: number, column = 1): void {
    const value = this.textarea.value;
    let start = 0;
    for (let n = 1; n < line; n++) {
      const next = value.indexOf('\n', start);
      if (next < 0) break;
      start = next + 1;
    }
    const end = value.indexOf('\n', start);
    const lineEnd = end < 0 ? value.length : end;
    this.textarea.focus();
    this.textarea.setSelectionRange(Math.min(start + column - 1, lineEnd), lineEnd);
    const lineHeight = Number.parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    this.textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
    this.#follow();
  }

  #follow(): void {
    const { scrollTop, scrollLeft } = this.textarea;
    this.#gutter.style.transform = `translateY(${-scrollTop}px)`;
    this.#code.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
  }
}
