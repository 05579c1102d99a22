import type { PageMatch } from '../../model';
import { type Sql, sql } from '../sql';

/**
 * conditions/page-match.ts's report filter "page is / contains / starts with `page`" over a path
 * column (`column` is our own column name, never input). Case-sensitive, byte-wise like SQLite's
 * instr and GLOB; a NULL path matches nothing (the result is NULL, which WHERE drops).
 */
export function pageMatchSql(column: Sql, page: string, match: PageMatch = 'exact'): Sql {
  switch (match) {
    case 'contains':
      return sql`position(${column}, ${page}) > 0`;
    case 'prefix':
      return sql`startsWith(${column}, ${page})`;
    default:
      return sql`${column} = ${page}`;
  }
}
