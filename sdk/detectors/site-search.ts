/**
 * A page that shows search results: a non-empty q, query, search or text parameter in the query
 * string (`location.search`). Returns that parameter's name, the only thing `site_search` sends
 * (never the term); like notFound, the pageview detector emits it.
 */
export const siteSearch = (search: string): string | undefined =>
  /[?&](q|query|search|text)=[^&]/.exec(search)?.[1];
