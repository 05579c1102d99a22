import { afterCall } from '../after-call.js';
import { hashRoute, scrub } from '../clean-url.js';
import { guard, on } from '../guard.js';
import type { Emit } from '../types.js';
import { notFound } from './not-found.js';
import { siteSearch } from './site-search.js';

/** What makes a page a new page: the path, plus the route of hash-routed apps. Not the query. */
const pageKey = () => location.pathname + hashRoute(location.hash);

/**
 * pageview on load (after activation when prerendered), on history changes that change the page
 * (a router's replaceState + pushState for one navigation counts once), on back/forward, on hash
 * routes, and on bfcache restores. Also not_found and site_search, which belong to a page view.
 * `leave` runs with the URL of the page the router leaves, before the new pageview.
 */
export const watchPageviews = (emit: Emit, leave: (leftUrl: string) => void): void => {
  let key: string;
  let href = '';
  const view = guard((restored?: boolean) => {
    const next = pageKey();
    if (next == key && !restored) return;
    key = next;
    const left = href;
    if (left) leave(left);
    href = location.href;
    emit('pageview', { title: scrub(document.title) }, href, left ? undefined : document.referrer);
    if (notFound()) emit('not_found', {}, href, left || document.referrer);
    const param = siteSearch(location.search);
    if (param) emit('site_search', { param });
  });
  // The router's call runs exactly as before, its errors included; only our look afterwards is guarded.
  afterCall(history, 'pushState', view);
  afterCall(history, 'replaceState', view);
  on('popstate hashchange', () => view());
  on<PageTransitionEvent>('pageshow', (e) => e.persisted && view(true));
  // A prerendered page is not a visit until the user activates it.
  if ((document as { prerendering?: boolean }).prerendering) on('prerenderingchange', () => view());
  else view();
};
