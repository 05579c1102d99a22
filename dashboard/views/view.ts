import type { SiteInfo } from '../sites';
import type { ViewState } from '../state';

export interface ViewContext {
  state: ViewState;
  site: SiteInfo;
  sites: SiteInfo[];
  /** Read-only share-link viewer: no setup, no editing. */
  shared: boolean;
  /** Reloads the site list (after the setup page added one). */
  reloadSites: () => Promise<void>;
}

/** Renders into `root` (already empty); may re-render parts of it later (polling, forms). */
export type View = (root: HTMLElement, ctx: ViewContext) => Promise<void>;
