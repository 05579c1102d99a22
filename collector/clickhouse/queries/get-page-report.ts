import type { StepCondition } from '../../model';
import type { PageReport, PageRow, ReportFilter } from '../../reports/types';
import { ratio } from '../../visits/bounce';
import { sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { pageSessions } from './page-sessions';
import { pageStats } from './page-stats';
import { pageViewSessions } from './page-view-sessions';
import { num } from './web-events';

type Count = string | number;
type Row = Record<
  'pageviews' | 'sessions' | 'visitors' | 'conversions' | 'seconds' | 'depth_sum' | 'depth_n',
  Count
> & { path: string; bounces?: Count };

/**
 * queries/get-page-report.ts in ClickHouse: top, entry and exit pages of the range (read its
 * comment for what each counts), each list ordered and cut in SQL as the SQLite engine orders it
 * (its key count, then visitors, then path). Every row carries its page's pageviews, engaged
 * seconds per pageview and average deepest scroll (pageViewSessions, summed per page).
 */
export async function getPageReport(
  ctx: ChContext,
  f: ReportFilter,
  converted: StepCondition,
  limit = 100,
): Promise<PageReport> {
  const n = Math.trunc(limit);
  const sessionList = (by: 'entry' | 'exit') =>
    queryRows<Row>(
      ctx,
      sql`SELECT path, sessions, bounces, visitors, conversions, pageviews, seconds, depth_sum, depth_n
      FROM ${pageSessions(ctx, f, converted, by)}
      ANY LEFT JOIN (SELECT page AS path, sum(pv) AS pageviews, sum(secs) AS seconds,
        sumIf(depth, has_depth) AS depth_sum, countIf(has_depth) AS depth_n
        FROM ${pageViewSessions(ctx, f)} GROUP BY page) USING path
      ORDER BY sessions DESC, visitors DESC, path LIMIT ${n}`,
    );
  const [top, entry, exit] = await Promise.all([
    queryRows<Row>(
      ctx,
      sql`SELECT path, pageviews, sessions, visitors, conversions, seconds, depth_sum, depth_n FROM ${pageStats(ctx, f, converted)}
      WHERE pageviews > 0 ORDER BY pageviews DESC, visitors DESC, path LIMIT ${n}`,
    ),
    sessionList('entry'),
    sessionList('exit'),
  ]);
  const row =
    (bounce: boolean) =>
    (r: Row): PageRow => {
      const pageviews = num(r.pageviews);
      const sessions = num(r.sessions);
      const visitors = num(r.visitors);
      const conversions = num(r.conversions);
      const depthN = num(r.depth_n);
      return {
        path: r.path,
        pageviews,
        sessions,
        visitors,
        conversions,
        conversionRate: ratio(conversions, visitors),
        engagedSeconds: pageviews > 0 ? num(r.seconds) / pageviews : null,
        scrollDepth: depthN > 0 ? num(r.depth_sum) / depthN : null,
        bounceRate: bounce ? ratio(num(r.bounces), sessions) : null,
      };
    };
  return {
    from: f.from,
    to: f.to,
    top: top.map(row(false)),
    entry: entry.map(row(true)),
    exit: exit.map(row(false)),
  };
}
