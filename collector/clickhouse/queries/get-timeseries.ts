import type { ReportFilter, Timeseries } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { num, TECHNICAL, webWhere } from './web-events';

type Count = string | number;

/** queries/get-timeseries.ts in ClickHouse: visitors, pageviews and touchpoints per bucket from `f.from`. */
export async function getTimeseries(ctx: ChContext, f: ReportFilter, bucketMs: number): Promise<Timeseries> {
  const bucket = Number.isInteger(bucketMs)
    ? sql`intDiv(ts - ${f.from}, ${bucketMs})`
    : sql`toInt64(floor((ts - ${f.from}) / ${bucketMs}))`;
  const rows = await queryRows<{ b: Count; visitors: Count; pageviews: Count; touchpoints: Count }>(
    ctx,
    sql`SELECT ${bucket} AS b, uniqExact(visitor) AS visitors, countIf(name = 'pageview') AS pageviews,
      countIf(name != 'pageview') AS touchpoints
    FROM ${table(ctx, 'events')} WHERE ${webWhere(f)} AND NOT has(${TECHNICAL}, name) GROUP BY b`,
  );
  const n = Math.max(1, Math.ceil((f.to - f.from) / bucketMs));
  const out: Timeseries = { t: [], visitors: [], pageviews: [], touchpoints: [] };
  for (let i = 0; i < n; i++) {
    out.t.push(f.from + i * bucketMs);
    out.visitors.push(0);
    out.pageviews.push(0);
    out.touchpoints.push(0);
  }
  for (const r of rows) {
    const b = num(r.b);
    if (b < 0 || b >= n) continue;
    out.visitors[b] = num(r.visitors);
    out.pageviews[b] = num(r.pageviews);
    out.touchpoints[b] = num(r.touchpoints);
  }
  return out;
}
