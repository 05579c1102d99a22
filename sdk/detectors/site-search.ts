import type { Touch } from '../types.js';

/** Query parameters that carry an on-site search. */
const SEARCH_PARAMS = ['q', 'query', 'search', 'text'];

/** A page that shows search results: only the parameter name is sent, never the term. */
export const siteSearch = (href: string): Touch | false => {
  const query = new URL(href).searchParams;
  const param = SEARCH_PARAMS.find((name) => query.get(name));
  return !!param && ['site_search', { param }];
};
