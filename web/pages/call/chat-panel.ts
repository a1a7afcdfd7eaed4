/**
 * The chat panel: a live log (`data-testid="chat-log"`) and a form to send
 * (`chat-input`, `chat-send`). Messages are shown as text, never parsed as HTML.
 */
import { h } from '../../shared/dom.ts';
import { icon } from '../../shared/icons.ts';
import type { ChatEntry } from './call-ui.ts';
import { MAX_CHAT_LENGTH } from './chat-message.ts';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The chat panel; `send` returns whether the message went out. */
export class ChatPanel {
  readonly element: HTMLElement;
  readonly #log: HTMLOListElement;
  readonly #input: HTMLInputElement;
  readonly #empty: HTMLElement;
  readonly #scroll: HTMLElement;

  constructor(send: (text: string) => boolean) {
    this.#log = h('ol', {
      class: 'chat-log',
      'data-testid': 'chat-log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Messages',
    });
    this.#empty = h(
      'p',
      { class: 'chat-empty' },
      'Messages go straight to each participant over WebRTC data channels; the server never sees them.',
    );
    this.#input = h('input', {
      type: 'text',
      id: 'chat-input',
      class: 'chat-input',
      'data-testid': 'chat-input',
      autocomplete: 'off',
      maxlength: MAX_CHAT_LENGTH,
      placeholder: 'Message everyone',
      'aria-label': 'Message',
    });
    const button = h(
      'button',
      {
        type: 'submit',
        class: 'btn btn-primary chat-send',
        'data-testid': 'chat-send',
        'aria-label': 'Send message',
      },
      icon('send', 18),
    );
    const form = h('form', { class: 'chat-form' }, this.#input, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (send(this.#input.value)) this.#input.value = '';
      this.#input.focus();
    });
    this.#scroll = h('div', { class: 'chat-scroll' }, this.#empty, this.#log);
    this.element = h(
      'aside',
      { class: 'chat card', 'aria-labelledby': 'chat-title' },
      h('div', { class: 'chat-header' }, icon('chat', 18), h('h2', { id: 'chat-title' }, 'Chat')),
      this.#scroll,
      form,
    );
  }

  /** Appends one line to the log and scrolls to it. */
  add(entry: ChatEntry): void {
    this.#empty.hidden = true;
    const time = new Date(entry.at);
    const when = h('time', { datetime: time.toISOString() }, TIME.format(time));
    const item =
      entry.from === 'system'
        ? h('li', { class: 'chat-entry chat-system' }, `${entry.name} ${entry.text}`, ' · ', when)
        : h(
            'li',
            { class: `chat-entry chat-${entry.from}` },
            h(
              'div',
              { class: 'chat-meta' },
              h('span', { class: 'chat-author' }, entry.from === 'self' ? 'You' : entry.name),
              when,
            ),
            h('p', { class: 'chat-text' }, entry.text),
          );
    this.#log.append(item);
    // Scroll the panel only: scrolling the item into view would move the whole page on phones.
    this.#scroll.scrollTop = this.#scroll.scrollHeight;
  }

  /** Empties the log (a new call). */
  clear(): void {
    this.#log.replaceChildren();
    this.#empty.hidden = false;
  }
}
