import type { Touch } from '../types.js';

/**
 * A page that shows search results: a non-empty q, query, search or text parameter in the query
 * string (`location.search`). Only the parameter name is sent, never the term.
 */
export const siteSearch = (search: string): Touch | false => {
  const param = /[?&](q|query|search|text)=[^&]/.exec(search)?.[1];
  return !!param && ['site_search', { param }];
};
