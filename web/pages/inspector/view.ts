/**
 * The inspector's output pieces: the one-line verdict under an editor, its list of
 * diagnostics (each a button that jumps to its line), and the validation panel.
 */
import { h } from '../../shared/dom.ts';
import type { SdpInspection } from '../../shared/sdp/inspect.ts';
import type { Diagnostic } from './diagnostics.ts';

/** How many diagnostics an editor lists before folding the rest. */
const SHOWN = 6;

const LEVEL_LABEL: Readonly<Record<Diagnostic['level'], string>> = {
  error: 'error',
  warning: 'warning',
  problem: 'problem',
};

/** The verdict line: does the text parse strictly, and how many lines it has. */
export function statusLine(inspection: SdpInspection | undefined): HTMLElement[] {
  if (inspection === undefined) return [h('span', { class: 'muted' }, 'Empty.')];
  const lines = inspection.description?.sections().reduce((n, s) => n + s.lines.length, 0);
  const parts: HTMLElement[] = [];
  const { error } = inspection;
  if (error) {
    parts.push(
      h(
        'span',
        { class: 'badge badge--bad', 'data-testid': 'strict-verdict' },
        'strict parse failed',
      ),
      h('span', {}, `${error.code} at line ${error.line}, column ${error.column}`),
    );
  } else {
    parts.push(
      h('span', { class: 'badge badge--good', 'data-testid': 'strict-verdict' }, 'parses strictly'),
    );
  }
  if (lines !== undefined) parts.push(h('span', { class: 'muted' }, `${lines} lines`));
  if (inspection.description) {
    parts.push(h('span', { class: 'muted' }, `${inspection.description.media.length} m-sections`));
  }
  return parts;
}

function diagnosticButton(d: Diagnostic, reveal: (line: number, column?: number) => void) {
  const where = d.line === undefined ? 'session' : `L${d.line}${d.column ? `:${d.column}` : ''}`;
  const content = [
    h('span', { class: `level level--${d.level}` }, LEVEL_LABEL[d.level]),
    h('span', { class: 'where' }, where),
    h('code', { class: 'code' }, d.code),
    h('span', { class: 'message' }, d.message),
  ];
  const attributes = { class: 'diagnostic', 'data-code': d.code, 'data-line': d.line };
  if (d.line === undefined) return h('div', attributes, content);
  const line = d.line;
  const button = h(
    'button',
    { ...attributes, type: 'button', title: `Go to line ${line}` },
    content,
  );
  button.addEventListener('click', () => reveal(line, d.column));
  return button;
}

/** The list under an editor. */
export function diagnosticItems(
  list: readonly Diagnostic[],
  reveal: (line: number, column?: number) => void,
): HTMLElement[] {
  const items = list.map((d) => h('li', { 'data-level': d.level }, diagnosticButton(d, reveal)));
  if (items.length <= SHOWN) return items;
  const rest = items.splice(SHOWN);
  return [
    ...items,
    h(
      'li',
      {},
      h(
        'details',
        {},
        h('summary', {}, `${rest.length} more`),
        h('ul', { class: 'diagnostics' }, rest),
      ),
    ),
  ];
}

/** One description's block in the validation panel. */
export function problemsBlock(
  title: string,
  type: string,
  inspection: SdpInspection,
  reveal: (line: number) => void,
): HTMLElement {
  const { problems } = inspection;
  const heading = h('h3', {}, title, ' ', h('span', { class: 'muted' }, `as ${type}`));
  if (inspection.description === undefined) {
    return h(
      'div',
      { class: 'problems-block' },
      heading,
      h('p', { class: 'muted' }, 'Nothing to validate.'),
    );
  }
  if (problems.length === 0) {
    return h(
      'div',
      { class: 'problems-block', 'data-testid': 'no-problems' },
      heading,
      h('p', { class: 'ok' }, `No problems: a browser would accept it as the remote ${type}.`),
    );
  }
  const rows = problems.map((p) => {
    const where = p.line === undefined ? '' : `line ${p.line}`;
    const cell =
      p.line === undefined
        ? h('td', { class: 'muted' }, p.mid === undefined ? 'session' : `mid ${p.mid}`)
        : h(
            'td',
            {},
            h('button', { type: 'button', class: 'link', 'data-line': p.line }, where),
            p.mid === undefined ? '' : h('span', { class: 'muted' }, ` mid ${p.mid}`),
          );
    const button = cell.querySelector('button');
    if (button && p.line !== undefined) {
      const line = p.line;
      button.addEventListener('click', () => reveal(line));
    }
    return h(
      'tr',
      { 'data-testid': 'problem', 'data-code': p.code },
      h('td', {}, h('code', { class: 'problem-code' }, p.code)),
      h('td', {}, p.message),
      cell,
    );
  });
  return h(
    'div',
    { class: 'problems-block' },
    heading,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data problems' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'code'), h('th', {}, 'problem'), h('th', {}, 'where')),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}
