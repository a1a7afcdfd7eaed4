/**
 * The frame every page shares: a skip link, the header with the product name and the
 * navigation between the pages ({@link APP_PAGES}), and the page's `<main>`.
 *
 * @example
 * ```ts
 * import '../../shared/base.css';
 * const main = mountLayout('call'); // the page's <main id="main">, header inserted before it
 * ```
 */
import './layout.css';
import { h } from './dom.ts';
import { icon } from './icons.ts';
import { APP_PAGES, type AppPageId } from './pages.ts';

/** The header: product name, then one link per page, the current one marked. */
export function renderHeader(current: AppPageId): HTMLElement {
  const links = APP_PAGES.map((page) =>
    h(
      'li',
      {},
      h(
        'a',
        {
          href: page.path,
          class: 'app-nav-link',
          'aria-current': page.id === current ? 'page' : undefined,
        },
        page.label,
      ),
    ),
  );
  return h(
    'header',
    { class: 'app-header' },
    h(
      'div',
      { class: 'app-header-inner' },
      h('a', { href: '/', class: 'app-brand' }, icon('logo', 22), h('span', {}, 'Switchboard')),
      h('nav', { class: 'app-nav', 'aria-label': 'Pages' }, h('ul', {}, links)),
    ),
  );
}

/**
 * Puts the skip link and header before the page's `<main id="main">` (created when the
 * markup has none) and returns that main element.
 */
export function mountLayout(current: AppPageId): HTMLElement {
  let main = document.getElementById('main');
  if (!main) {
    main = h('main', { id: 'main' });
    document.body.append(main);
  }
  main.tabIndex = -1;
  main.classList.add('app-main');
  const skip = h('a', { href: '#main', class: 'skip-link' }, 'Skip to content');
  document.body.prepend(skip, renderHeader(current));
  return main;
}
