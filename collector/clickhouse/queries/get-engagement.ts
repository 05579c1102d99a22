import type { Engagement, ReportFilter } from '../../reports/types';
import { ratio } from '../../visits/bounce';
import { sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { sessionFilterSql } from './session-filter-sql';
import { sessionVisits } from './session-visits';
import { num } from './web-events';

type Count = string | number;

/**
 * queries/get-engagement.ts in ClickHouse: time on site and bounce rate of the sessions that
 * started in the range (their events after it included); `f.page` filters by landing page.
 */
export async function getEngagement(ctx: ChContext, f: ReportFilter): Promise<Engagement> {
  // Aliases apart from the columns they sum: current servers' analyzer reads a same-name alias inside its own aggregate.
  const rows = await queryRows<Record<'sessions' | 'bounces' | 'total_seconds' | 'total_pageviews', Count>>(
    ctx,
    sql`SELECT count() AS sessions, countIf(bounce) AS bounces, sum(seconds) AS total_seconds,
      sum(pageviews) AS total_pageviews
    FROM ${sessionVisits(ctx, f.siteId, f.from, f.to)} WHERE ${sessionFilterSql(f, { landingPage: true })}`,
  );
  const sessions = num(rows[0]?.sessions);
  const bounces = num(rows[0]?.bounces);
  return {
    sessions,
    bounces,
    bounceRate: ratio(bounces, sessions),
    timeOnSiteSeconds: ratio(num(rows[0]?.total_seconds), sessions),
    pageviewsPerSession: ratio(num(rows[0]?.total_pageviews), sessions),
  };
}
