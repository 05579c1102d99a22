import { HASH_ROUTE, scrub } from '../clean-url.js';
import { guard, on } from '../guard.js';
import type { Emit } from '../types.js';
import { notFound } from './not-found.js';
import { siteSearch } from './site-search.js';

/** What makes a page a new page: the path, plus the route of hash-routed apps. Not the query. */
const pageKey = () => location.pathname + (HASH_ROUTE.test(location.hash) ? location.hash.split('?')[0] : '');

/**
 * pageview on load (after activation when prerendered), on history changes that change the page
 * (a router's replaceState + pushState for one navigation counts once), on back/forward, on hash
 * routes, and on bfcache restores. Also not_found and site_search, which belong to a page view.
 * `leave` runs with the URL of the page the router leaves, before the new pageview.
 */
export const watchPageviews = (emit: Emit, leave: (leftUrl: string) => void): void => {
  let key = '';
  let href = '';
  const view = (restored?: unknown) => {
    if (pageKey() == key && !restored) return;
    const left = href;
    if (left) leave(left);
    key = pageKey();
    href = location.href;
    const referrer = left ? undefined : document.referrer;
    emit('pageview', { title: scrub(document.title) }, referrer);
    if (notFound(document)) emit('not_found', {}, left || document.referrer);
    const search = siteSearch(href);
    search && emit(...search);
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    // The router's call runs unguarded, exactly as before; only our look afterwards is guarded.
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      guard(view)();
      return result;
    };
  }
  on('popstate', () => view(), window);
  on('hashchange', () => view(), window);
  on<PageTransitionEvent>('pageshow', (e) => e.persisted && view(1), window);
  // A prerendered page is not a visit until the user activates it.
  (document as { prerendering?: boolean }).prerendering ? on('prerenderingchange', () => view()) : view();
};
