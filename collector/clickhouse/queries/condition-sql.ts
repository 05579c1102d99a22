import type { FunnelStepCondition } from '../../model';
import { joinSql, type Sql, sql } from '../sql';
import { pagePatternSql } from './page-pattern-sql';
import { propFilterSql } from './prop-filter-sql';

/**
 * The event's name is one of `names`. `has` rather than `IN (…)`: 18.16 fails a UNION ALL whose
 * branches compute an `IN` (error 171, "non constant in source stream"), and a handful of names
 * is as fast to scan as to hash.
 */
export const nameIn = (names: readonly string[]): Sql => sql`has(${names}, name)`;

/**
 * A predicate (0 or 1, never NULL) over `events` columns that holds when the event matches `cond`:
 * the ClickHouse form of conditions/condition-sql.ts (names, page pattern, prop filters). For a
 * landing step it holds for every pageview of a session that landed on the pattern; the funnel
 * keeps only each session's first (funnel-units-sql.ts), which needs the session's other rows.
 */
export function conditionSql(cond: FunnelStepCondition): Sql {
  if (cond.landing !== undefined)
    return sql`(${nameIn(['pageview'])} AND ifNull(${pagePatternSql(cond.landing, 'landing_path')}, 0))`;
  const parts = [nameIn(cond.names ?? ['pageview'])];
  if (cond.page !== undefined) parts.push(sql`ifNull(${pagePatternSql(cond.page)}, 0)`);
  if (cond.props?.length) parts.push(propFilterSql(cond.props));
  return sql`(${joinSql(parts, ' AND ')})`;
}
