/**
 * Line icons as inline SVG (24x24, stroked with `currentColor`), drawn from path data so the
 * pages need no icon font or image requests. Icons are decorative: the control that holds one
 * carries the accessible name.
 */

/** The path data of each icon, in a 24x24 box. */
const ICONS = {
  logo: [
    'M3 6a2 2 0 1 0 4 0 2 2 0 1 0-4 0',
    'M17 18a2 2 0 1 0 4 0 2 2 0 1 0-4 0',
    'M7 6c6 0 4 12 10 12',
    'M3 18h5',
    'M16 6h5',
  ],
  mic: [
    'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z',
    'M19 11a7 7 0 0 1-14 0',
    'M12 18v3',
  ],
  'mic-off': [
    'M3 3l18 18',
    'M9 9v3a3 3 0 0 0 5.1 2.1',
    'M15 9.4V6a3 3 0 0 0-5.9-.8',
    'M17 16.9A7 7 0 0 1 5 11',
    'M19 11a7 7 0 0 1-.4 2.3',
    'M12 18v3',
  ],
  video: ['M15 10l5-3v10l-5-3z', 'M3 7h12v10H3z'],
  'video-off': ['M3 3l18 18', 'M15 10l5-3v10l-3-1.8', 'M11 7h4v4', 'M3 7h2m10 10H3V7'],
  leave: [
    'M10 14a9 9 0 0 1-4-4l2-2-2-4H3a1 1 0 0 0-1 1 19 19 0 0 0 17 17 1 1 0 0 0 1-1v-3l-4-2-2 2z',
  ],
  link: [
    'M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7',
    'M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7',
  ],
  send: ['M22 2L11 13', 'M22 2l-7 20-4-9-9-4z'],
  users: [
    'M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2',
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
    'M23 21v-2a4 4 0 0 0-3-3.9',
    'M16 3.1a4 4 0 0 1 0 7.8',
  ],
  alert: [
    'M12 9v4',
    'M12 17h.01',
    'M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  ],
  close: ['M18 6L6 18', 'M6 6l12 12'],
  volume: ['M11 5L6 9H2v6h4l5 4z', 'M15.5 8.5a5 5 0 0 1 0 7', 'M19 5a10 10 0 0 1 0 14'],
  chat: ['M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z'],
} as const satisfies Record<string, readonly string[]>;

/** The name of an icon. */
export type IconName = keyof typeof ICONS;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An `<svg>` element drawing `name`, hidden from assistive technology. */
export function icon(name: IconName, size = 20): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [attribute, value] of [
    ['viewBox', '0 0 24 24'],
    ['width', String(size)],
    ['height', String(size)],
    ['fill', 'none'],
    ['stroke', 'currentColor'],
    ['stroke-width', '2'],
    ['stroke-linecap', 'round'],
    ['stroke-linejoin', 'round'],
    ['aria-hidden', 'true'],
    ['focusable', 'false'],
    ['class', `icon icon-${name}`],
  ]) {
    svg.setAttribute(attribute as string, value as string);
  }
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}
