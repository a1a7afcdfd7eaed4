/**
 * Tiny DOM helpers shared by the pages: an element builder that never parses strings as HTML,
 * and lookups that fail loudly when the page's markup lacks an element.
 *
 * @example
 * ```ts
 * const button = h('button', { type: 'button', class: 'btn', 'data-testid': 'join' }, 'Join');
 * const input = byId('room', HTMLInputElement);
 * ```
 */

/** Attribute values: `true` sets an empty attribute, `false`/`undefined` leaves it out. */
export type Attributes = Record<string, string | number | boolean | undefined>;

/** What may be appended: nodes, text, nested lists; `false`, `null` and `undefined` are skipped. */
export type Child = Node | string | number | false | null | undefined | readonly Child[];

/** Appends children (text as text nodes, lists flattened) to `parent`. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (Array.isArray(child)) append(parent, ...child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Sets (or, for `false`/`undefined`, removes) each attribute of `attributes` on `el`. */
export function setAttributes(el: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

/** Creates an element with attributes and children: `h('li', { class: 'x' }, 'text')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttributes(el, attributes);
  append(el, ...children);
  return el;
}

/** Replaces every child of `el` with `children`. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/**
 * The element with `id`, checked to be of `type`; throws when the markup lacks it, which is a
 * bug of the page, not something a user can cause.
 */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new TypeError(`#${id} is missing or not a ${type.name}`);
  return el;
}
