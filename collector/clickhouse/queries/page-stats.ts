import type { StepCondition } from '../../model';
import type { ReportFilter } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { type ChContext, table } from './ch-context';
import { engagedSecondsSql, scrollDepthSql } from './engagement-sql';
import { lastConversions } from './last-conversions';
import { pageMatchSql } from './page-match-sql';
import { sessionFilterSql } from './session-filter-sql';
import { tsRange } from './site-events';

/**
 * The top-pages half of queries/get-page-report.ts, one row per page with events in the range
 * (of sessions that pass the filters): `pageviews`, `sessions` and `visitors` that viewed it,
 * `conversions` (of those visitors, the ones whose last conversion in the range is at or after
 * their first view of it), engaged `seconds` of its engagement events, and `depth_sum` /
 * `depth_n`: the deepest scroll of each session's measured views of it (an engagement event with
 * seconds or scroll, as the packed blocks keep one), summed and counted. `f.page` picks the pages.
 */
export function pageStats(ctx: ChContext, f: ReportFilter, converted: StepCondition): Sql {
  const pageview = sql`name = 'pageview'`;
  const secs = engagedSecondsSql;
  const measured = sql`(name = 'engagement' AND (${secs} > 0 OR ${scrollDepthSql} > 0))`;
  let where = sql`site_id = ${f.siteId} AND ${tsRange(f.from, f.to)} AND session != 0 AND path IS NOT NULL
    AND (${pageview} OR ${measured}) AND ${sessionFilterSql(f)}`;
  if (f.page !== undefined) where = sql`${where} AND ${pageMatchSql(sql`path`, f.page, f.pageMatch)}`;
  // Per page and session, then per page and visitor (with the visitor's last conversion), then per page.
  const bySession = sql`(SELECT assumeNotNull(path) AS page, session, any(visitor) AS visitor,
      countIf(${pageview}) AS pv, minIf(ts, ${pageview}) AS first, sumIf(${secs}, ${measured}) AS secs,
      maxIf(${scrollDepthSql}, ${measured}) AS depth, countIf(${measured}) > 0 AS has_depth
    FROM ${table(ctx, 'events')} WHERE ${where} GROUP BY page, session)`;
  const byVisitor = sql`(SELECT page, visitor, sum(pv) AS v_pv, minIf(first, pv > 0) AS v_first,
      countIf(pv > 0) AS v_sessions, sum(secs) AS v_secs, sumIf(depth, has_depth) AS v_depth_sum,
      countIf(has_depth) AS v_depth_n
    FROM ${bySession} GROUP BY page, visitor)`;
  return sql`(SELECT page AS path, sum(v_pv) AS pageviews, sum(v_sessions) AS sessions, countIf(v_pv > 0) AS visitors,
      countIf(v_pv > 0 AND lc >= v_first) AS conversions, sum(v_secs) AS seconds, sum(v_depth_sum) AS depth_sum,
      sum(v_depth_n) AS depth_n
    FROM ${byVisitor} ANY LEFT JOIN ${lastConversions(ctx, f.siteId, f.from, f.to, converted)} USING visitor
    GROUP BY page)`;
}
