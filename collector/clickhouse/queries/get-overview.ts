import type { Overview, ReportFilter } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { num, TECHNICAL, webWhere } from './web-events';

type Count = string | number;

/** queries/get-overview.ts in ClickHouse: headline numbers and touchpoints by kind. */
export async function getOverview(ctx: ChContext, f: ReportFilter): Promise<Overview> {
  const where = sql`${webWhere(f)} AND NOT has(${TECHNICAL}, name)`;
  const [totals, byKind] = await Promise.all([
    queryRows<Record<'visitors' | 'sessions' | 'pageviews' | 'touchpoints', Count>>(
      ctx,
      sql`SELECT uniqExact(visitor) AS visitors, uniqExactIf(session, session != 0) AS sessions,
        countIf(name = 'pageview') AS pageviews, countIf(name != 'pageview') AS touchpoints
      FROM ${table(ctx, 'events')} WHERE ${where}`,
    ),
    queryRows<{ name: string; count: Count; visitors: Count }>(
      ctx,
      sql`SELECT name, count() AS count, uniqExact(visitor) AS visitors FROM ${table(ctx, 'events')}
      WHERE ${where} GROUP BY name ORDER BY count DESC, name LIMIT 200`,
    ),
  ]);
  const t = totals[0];
  return {
    visitors: num(t?.visitors),
    sessions: num(t?.sessions),
    pageviews: num(t?.pageviews),
    touchpoints: num(t?.touchpoints),
    byKind: byKind.map((r) => ({ name: r.name, count: num(r.count), visitors: num(r.visitors) })),
  };
}
