import type { PageCount } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { tsRange } from './site-events';
import { num } from './web-events';

/** queries/list-pages.ts in ClickHouse: pages viewed (web pageviews) since `from`, most viewed first. */
export async function listPages(
  ctx: ChContext,
  siteId: number,
  from: number,
  limit = 500,
): Promise<PageCount[]> {
  const rows = await queryRows<{ path: string; pageviews: string; visitors: string }>(
    ctx,
    sql`SELECT assumeNotNull(path) AS path, count() AS pageviews, uniqExact(visitor) AS visitors
    FROM ${table(ctx, 'events')}
    WHERE site_id = ${siteId} AND ${tsRange(from, Infinity)} AND origin = 'web' AND name = 'pageview' AND path IS NOT NULL
    GROUP BY path ORDER BY pageviews DESC, path LIMIT ${Math.trunc(limit)}`,
  );
  return rows.map((r) => ({ path: r.path, pageviews: num(r.pageviews), visitors: num(r.visitors) }));
}
