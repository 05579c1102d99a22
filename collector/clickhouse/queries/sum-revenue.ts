import { byRevenue } from '../../attribution/conversion-rows';
import type { Revenue } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { orderedSumSql } from './ordered-sum-sql';
import { resolvedEvents, tsRange } from './site-events';
import { num } from './web-events';

type Count = string | number;

/**
 * The events queries/sum-revenue.ts counts: valued events in [from, to) that came from the site's
 * server or an import, with `v` (the resolved visitor), `ts`, `seq`, `name` and `val`.
 */
export const revenueEvents = (ctx: ChContext, siteId: number, q: { from: number; to: number }): Sql =>
  resolvedEvents(
    ctx,
    siteId,
    sql`ts, seq, name, assumeNotNull(value) AS val`,
    sql`${tsRange(q.from, q.to)} AND origin != 'web' AND value IS NOT NULL`,
  );

/** queries/sum-revenue.ts's revenue in ClickHouse: the total and by name, each added in (ts, row) order. */
export async function sumRevenue(
  ctx: ChContext,
  siteId: number,
  q: { from: number; to: number },
): Promise<Omit<Revenue, 'currency'>> {
  const rows = revenueEvents(ctx, siteId, q);
  const sum = orderedSumSql([sql`ts`, sql`seq`], sql`val`);
  const [totals, byName] = await Promise.all([
    queryRows<{ total: number; events: Count; visitors: Count }>(
      ctx,
      sql`SELECT ${sum} AS total, count() AS events, uniqExact(v) AS visitors FROM ${rows}`,
    ),
    queryRows<{ name: string; events: Count; value: number }>(
      ctx,
      sql`SELECT name, count() AS events, ${sum} AS value FROM ${rows} GROUP BY name`,
    ),
  ]);
  return {
    total: Number(totals[0]?.total ?? 0),
    events: num(totals[0]?.events),
    visitors: num(totals[0]?.visitors),
    byName: byName
      .map((r) => ({ name: r.name, events: num(r.events), value: Number(r.value) }))
      .sort(byRevenue),
  };
}
