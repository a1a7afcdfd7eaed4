/**
 * The SDP inspector page: one description, or an offer and its answer, inspected as you
 * type (debounced): parse errors and warnings marked at their lines, validation problems,
 * the typed summary, and for a pair what was negotiated.
 */
import '../../shared/base.css';
import '../../shared/sdp/sdp.css';
import '../../shared/sdp/page.css';
import './inspector.css';
import { explain } from 'switchboard/negotiation';
import { byId, h, replaceChildren } from '../../shared/dom.ts';
import { mountLayout } from '../../shared/layout.ts';
import { type DescriptionType, inspectSdp, type SdpInspection } from '../../shared/sdp/inspect.ts';
import { marksByLine } from '../../shared/sdp/line-marks.ts';
import { renderExplanation } from '../../shared/sdp/render-explanation.ts';
import { renderSummary } from '../../shared/sdp/render-summary.ts';
import { summarizeDescription } from '../../shared/sdp/summary.ts';
import { diagnostics } from './diagnostics.ts';
import { EXAMPLES } from './examples.ts';
import { SdpEditor } from './sdp-editor.ts';
import { diagnosticItems, problemsBlock, statusLine } from './view.ts';

/** Quiet time after the last keystroke before the page inspects again. */
const DEBOUNCE_MS = 180;

const main = mountLayout('inspector');

const ui = {
  main,
  examples: byId('examples', HTMLElement),
  type: byId('sdp-type', HTMLSelectElement),
  role: byId('sdp-role', HTMLElement),
  problems: byId('problems', HTMLElement),
  explanationSection: byId('explanation-section', HTMLElement),
  explanation: byId('explanation', HTMLElement),
  summary: byId('summary', HTMLElement),
  summarySwitch: byId('summary-switch', HTMLElement),
};

/** One of the two inputs with its editor and outputs. */
interface Side {
  readonly editor: SdpEditor;
  readonly status: HTMLElement;
  readonly list: HTMLElement;
}

function side(name: 'sdp' | 'answer'): Side {
  const input = byId(`${name}-input`, HTMLTextAreaElement);
  return {
    editor: new SdpEditor(byId(`${name}-editor`, HTMLElement), input),
    status: byId(`${name}-status`, HTMLElement),
    list: byId(`${name}-diagnostics`, HTMLElement),
  };
}

const first = side('sdp');
const second = side('answer');
let summaryOf: 'sdp' | 'answer' = 'sdp';
let timer: ReturnType<typeof setTimeout> | undefined;

/** Inspects one side and draws its editor marks, verdict and diagnostics. */
function inspectSide(s: Side, type: DescriptionType): SdpInspection | undefined {
  const text = s.editor.textarea.value;
  const inspection = text.trim() === '' ? undefined : inspectSdp(text, type);
  const list = inspection === undefined ? [] : diagnostics(inspection);
  s.editor.render(marksByLine(list));
  replaceChildren(s.status, statusLine(inspection));
  s.status.dataset.state =
    inspection === undefined ? 'empty' : inspection.error === undefined ? 'ok' : 'error';
  replaceChildren(
    s.list,
    diagnosticItems(list, (line, column) => s.editor.revealLine(line, column)),
  );
  return inspection;
}

/** With an answer present the first description is its offer; the type select follows. */
function syncType(): boolean {
  const pair = second.editor.textarea.value.trim() !== '';
  ui.type.disabled = pair;
  if (pair) ui.type.value = 'offer';
  return pair;
}

function update(): void {
  clearTimeout(timer);
  ui.main.setAttribute('aria-busy', 'false');
  const pair = syncType();
  const firstType = ui.type.value === 'answer' ? 'answer' : 'offer';
  ui.role.textContent = pair ? '(offer)' : `(${firstType})`;
  const a = inspectSide(first, firstType);
  const b = inspectSide(second, 'answer');

  const blocks: HTMLElement[] = [];
  if (a) blocks.push(problemsBlock(pair ? 'Offer' : 'Description', firstType, a, reveal(first)));
  if (b) blocks.push(problemsBlock('Answer', 'answer', b, reveal(second)));
  if (blocks.length === 0) blocks.push(h('p', { class: 'muted' }, 'Paste a description above.'));
  replaceChildren(ui.problems, blocks);

  const both = a?.description !== undefined && b?.description !== undefined;
  ui.explanationSection.hidden = !both;
  replaceChildren(
    ui.explanation,
    both && a.description && b.description
      ? renderExplanation(explain(a.description, b.description))
      : null,
  );

  if (!b && summaryOf === 'answer') summaryOf = 'sdp';
  for (const button of ui.summarySwitch.querySelectorAll('button')) {
    const which = button.dataset.which;
    button.setAttribute('aria-pressed', String(which === summaryOf));
    if (which === 'answer') button.disabled = !b;
    if (which === 'sdp') button.textContent = pair ? 'Offer' : 'Description';
  }
  const shown = summaryOf === 'answer' ? b : a;
  replaceChildren(
    ui.summary,
    shown?.description
      ? renderSummary(summarizeDescription(shown.description))
      : h('p', { class: 'muted' }, 'Nothing to summarise yet.'),
  );
}

function reveal(s: Side): (line: number) => void {
  return (line) => s.editor.revealLine(line);
}

/** Inspects again once typing pauses; the page says it is busy until then. */
function scheduleUpdate(): void {
  clearTimeout(timer);
  ui.main.setAttribute('aria-busy', 'true');
  timer = setTimeout(update, DEBOUNCE_MS);
}

for (const s of [first, second]) s.editor.textarea.addEventListener('input', scheduleUpdate);
second.editor.textarea.addEventListener('input', syncType);
ui.type.addEventListener('change', update);

ui.summarySwitch.addEventListener('click', (event) => {
  const button = (event.target as Element).closest('button');
  if (!button || button.disabled) return;
  summaryOf = button.dataset.which === 'answer' ? 'answer' : 'sdp';
  update();
});

for (const example of EXAMPLES) {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-outline btn-sm',
      title: example.description,
      'data-testid': `example-${example.id}`,
    },
    example.label,
  );
  button.addEventListener('click', () => {
    first.editor.textarea.value = example.sdp;
    second.editor.textarea.value = example.answer;
    ui.type.value = example.type;
    summaryOf = 'sdp';
    update();
  });
  ui.examples.append(button);
}
const clear = h('button', { type: 'button', class: 'btn btn-sm', 'data-testid': 'clear' }, 'Clear');
clear.addEventListener('click', () => {
  first.editor.textarea.value = '';
  second.editor.textarea.value = '';
  update();
  first.editor.textarea.focus();
});
ui.examples.append(clear);

update();
