import type { StepCondition } from '../../model';
import type { ReportFilter } from '../../reports/types';
import { type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { lastConversions } from './last-conversions';
import { pageMatchSql } from './page-match-sql';
import { sessionFilterSql } from './session-filter-sql';
import { sessionVisits } from './session-visits';

/**
 * The entry- or exit-pages half of queries/get-page-report.ts, one row per page that sessions
 * started in the range (and passing the filters) entered or left by: `sessions`, `bounces`,
 * `visitors` behind them and `conversions` (of those visitors, the ones whose last conversion in
 * the range is at or after the first such session started). A session whose first (last) pageview
 * has no path is left out, as in the SQLite engine. `f.page` picks the pages.
 */
export function pageSessions(
  ctx: ChContext,
  f: ReportFilter,
  converted: StepCondition,
  by: 'entry' | 'exit',
): Sql {
  const page = by === 'entry' ? sql`entry` : sql`exit`;
  let where = sql`pageviews > 0 AND ${page} IS NOT NULL AND ${sessionFilterSql(f)}`;
  if (f.page !== undefined) where = sql`${where} AND ${pageMatchSql(page, f.page, f.pageMatch)}`;
  const byVisitor = sql`(SELECT assumeNotNull(${page}) AS page, sv AS visitor, count() AS v_sessions,
      countIf(bounce) AS v_bounces, min(start) AS v_first
    FROM ${sessionVisits(ctx, f.siteId, f.from, f.to)} WHERE ${where} GROUP BY page, visitor)`;
  return sql`(SELECT page AS path, sum(v_sessions) AS sessions, sum(v_bounces) AS bounces, count() AS visitors,
      countIf(lc >= v_first) AS conversions
    FROM ${byVisitor} ANY LEFT JOIN ${lastConversions(ctx, f.siteId, f.from, f.to, converted)} USING visitor
    GROUP BY page)`;
}
