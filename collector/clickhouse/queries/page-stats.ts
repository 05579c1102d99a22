import type { StepCondition } from '../../model';
import type { ReportFilter } from '../../reports/types';
import { type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { lastConversions } from './last-conversions';
import { pageViewSessions } from './page-view-sessions';

/**
 * The top-pages half of queries/get-page-report.ts, one row per page with events in the range
 * (pageViewSessions): `pageviews`, `sessions` and `visitors` that viewed it, `conversions` (of
 * those visitors, the ones whose last conversion in the range is at or after their first view of
 * it), engaged `seconds`, and `depth_sum` / `depth_n`, each session's deepest scroll of it summed
 * and counted.
 */
export function pageStats(ctx: ChContext, f: ReportFilter, converted: StepCondition): Sql {
  const byVisitor = sql`(SELECT page, visitor, sum(pv) AS v_pv, minIf(first, pv > 0) AS v_first,
      countIf(pv > 0) AS v_sessions, sum(secs) AS v_secs, sumIf(depth, has_depth) AS v_depth_sum,
      countIf(has_depth) AS v_depth_n
    FROM ${pageViewSessions(ctx, f)} GROUP BY page, visitor)`;
  return sql`(SELECT page AS path, sum(v_pv) AS pageviews, sum(v_sessions) AS sessions, countIf(v_pv > 0) AS visitors,
      countIf(v_pv > 0 AND lc >= v_first) AS conversions, sum(v_secs) AS seconds, sum(v_depth_sum) AS depth_sum,
      sum(v_depth_n) AS depth_n
    FROM ${byVisitor} ANY LEFT JOIN ${lastConversions(ctx, f.siteId, f.from, f.to, converted)} USING visitor
    GROUP BY page)`;
}
