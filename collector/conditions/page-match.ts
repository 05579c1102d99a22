import type { PageMatch } from '../model';

/** A literal as a GLOB operand: `*`, `?` and `[` match only themselves. */
const globLiteral = (s: string): string => s.replace(/[*?[]/g, (ch) => `[${ch}]`);

/**
 * The report filter "page is / contains / starts with `page`" as SQL over a path column, value
 * bound. Case-sensitive, like paths and page patterns.
 */
export function pageMatchSql(column: string, page: string, match: PageMatch = 'exact') {
  switch (match) {
    case 'contains':
      return { sql: `instr(${column}, ?) > 0`, params: [page] as unknown[] };
    case 'prefix':
      return { sql: `${column} GLOB ?`, params: [`${globLiteral(page)}*`] as unknown[] };
    default:
      return { sql: `${column} = ?`, params: [page] as unknown[] };
  }
}

/** The same test in plain code, for paths read outside SQL (dictionaries, packed blocks). */
export function pageMatches(path: string | null, page: string, match: PageMatch = 'exact'): boolean {
  if (path === null) return false;
  if (match === 'contains') return path.includes(page);
  if (match === 'prefix') return path.startsWith(page);
  return path === page;
}
