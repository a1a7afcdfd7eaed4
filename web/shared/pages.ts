/**
 * The pages of the web app, in navigation order: the header's links and the build's output
 * paths both come from this table (scripts/build-web.ts keeps them in step with web/pages/).
 */

/** One page of the app. */
export interface AppPage {
  /** The directory under web/pages/. */
  readonly id: string;
  /** The path it is served at. */
  readonly path: string;
  /** Its name in the navigation. */
  readonly label: string;
}

/** Every page, in navigation order. */
export const APP_PAGES: readonly AppPage[] = Object.freeze([
  { id: 'call', path: '/', label: 'Call' },
  { id: 'tutorial', path: '/tutorial', label: 'Tutorial' },
  { id: 'inspector', path: '/inspector', label: 'SDP inspector' },
]);

/** The id of a page in {@link APP_PAGES}. */
export type AppPageId = 'call' | 'tutorial' | 'inspector';
