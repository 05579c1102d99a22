import type { Db } from '../db/open-database';
import type { ReportFilter, Timeseries } from '../reports/types';
import { eventFilterSql, NOT_TECHNICAL_SQL } from './event-filter';

/** Visitors, pageviews and touchpoints per bucket of `bucketMs`, counted from `f.from`. */
export function getTimeseries(db: Db, f: ReportFilter, bucketMs: number): Timeseries {
  const q = eventFilterSql(f);
  const rows = db
    .prepare(
      `SELECT CAST((e.ts - ?) / ? AS INTEGER) AS b, COUNT(DISTINCT e.visitor_id) AS visitors,
            SUM(n.name = 'pageview') AS pageviews, SUM(n.name <> 'pageview') AS touchpoints
     ${q.from} WHERE ${q.where} AND ${NOT_TECHNICAL_SQL} GROUP BY b`,
    )
    .all(f.from, bucketMs, ...q.params) as {
    b: number;
    visitors: number;
    pageviews: number;
    touchpoints: number;
  }[];
  const n = Math.max(1, Math.ceil((f.to - f.from) / bucketMs));
  const out: Timeseries = { t: [], visitors: [], pageviews: [], touchpoints: [] };
  for (let i = 0; i < n; i++) {
    out.t.push(f.from + i * bucketMs);
    out.visitors.push(0);
    out.pageviews.push(0);
    out.touchpoints.push(0);
  }
  for (const r of rows) {
    if (r.b < 0 || r.b >= n) continue;
    out.visitors[r.b] = r.visitors;
    out.pageviews[r.b] = r.pageviews;
    out.touchpoints[r.b] = r.touchpoints;
  }
  return out;
}
