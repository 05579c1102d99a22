import type { ReportFilter } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { type ChContext, table } from './ch-context';
import { engagedSecondsSql, scrollDepthSql } from './engagement-sql';
import { pageMatchSql } from './page-match-sql';
import { sessionFilterSql } from './session-filter-sql';
import { tsRange } from './site-events';

/**
 * The page report's per-page figures at their finest grain: one row per page and session with
 * pageviews or measured views in the range (sessions that pass the filters; `f.page` picks the
 * pages): `pv`, its `first` view's time, engaged `secs` of its engagement events, and `depth`, the
 * deepest scroll of its measured views (`has_depth`: an engagement event with seconds or scroll,
 * which is when the packed blocks keep one, as queries/get-page-report.ts reads them).
 */
export function pageViewSessions(ctx: ChContext, f: ReportFilter): Sql {
  const pageview = sql`name = 'pageview'`;
  const secs = engagedSecondsSql;
  const measured = sql`(name = 'engagement' AND (${secs} > 0 OR ${scrollDepthSql} > 0))`;
  let where = sql`site_id = ${f.siteId} AND ${tsRange(f.from, f.to)} AND session != 0 AND path IS NOT NULL
    AND (${pageview} OR ${measured}) AND ${sessionFilterSql(f)}`;
  if (f.page !== undefined) where = sql`${where} AND ${pageMatchSql(sql`path`, f.page, f.pageMatch)}`;
  return sql`(SELECT assumeNotNull(path) AS page, session, any(visitor) AS visitor,
      countIf(${pageview}) AS pv, minIf(ts, ${pageview}) AS first, sumIf(${secs}, ${measured}) AS secs,
      maxIf(${scrollDepthSql}, ${measured}) AS depth, countIf(${measured}) > 0 AS has_depth
    FROM ${table(ctx, 'events')} WHERE ${where} GROUP BY page, session)`;
}
