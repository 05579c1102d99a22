import type { ReportFilter, TouchpointDetail } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { propRealSql } from './json-prop-sql';
import { num, webWhere } from './web-events';

type Count = string | number;

/**
 * The review_submit detail of queries/get-touchpoint-detail.ts in ClickHouse: reviews, the mean of
 * the readable ratings (1–5; NULL when none), each rounded rating's count (half away from zero,
 * as SQLite's round: ClickHouse's rounds a tie to even) and the same per page.
 */
export async function reviewDetail(
  ctx: ChContext,
  f: ReportFilter,
  limit: number,
): Promise<Extract<TouchpointDetail, { kind: 'review_submit' }>> {
  const reviews = sql`(SELECT path, ${propRealSql('rating')} AS r, ifNull(r BETWEEN 1 AND 5, 0) AS ok
    FROM ${table(ctx, 'events')} WHERE ${webWhere(f)} AND name = 'review_submit')`;
  const average = sql`if(countIf(ok) = 0, NULL, sumIf(r, ok) / countIf(ok))`;
  const [total, ratings, rows] = await Promise.all([
    queryRows<{ count: Count; average: number | null }>(
      ctx,
      sql`SELECT count() AS count, ${average} AS average FROM ${reviews}`,
    ),
    queryRows<{ rating: Count; count: Count }>(
      ctx,
      sql`SELECT toInt64(floor(r + 0.5)) AS rating, count() AS count FROM ${reviews} WHERE ok
      GROUP BY rating ORDER BY rating`,
    ),
    queryRows<{ path: string | null; count: Count; average: number | null }>(
      ctx,
      sql`SELECT path, count() AS count, ${average} AS average FROM ${reviews}
      GROUP BY path ORDER BY count DESC, path NULLS FIRST LIMIT ${Math.trunc(limit)}`,
    ),
  ]);
  return {
    kind: 'review_submit',
    count: num(total[0]?.count),
    average: total[0]?.average ?? null,
    ratings: ratings.map((x) => ({ rating: num(x.rating), count: num(x.count) })),
    rows: rows.map((x) => ({ path: x.path, count: num(x.count), average: x.average })),
  };
}
