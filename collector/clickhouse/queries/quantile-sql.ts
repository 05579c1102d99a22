import { type Sql, sql } from '../sql';

/**
 * funnels/quantile.ts's definition (linear between closest ranks, "type 7") over an ascending
 * array, NULL when empty. The arithmetic is written in the same order as the TypeScript, in
 * Float64, so both engines give the same double, not just a close one: ClickHouse's own
 * quantile functions sample (quantile) or pick a rank (quantileExact).
 */
export function interpolatedQuantileSql(sorted: Sql, q: number): Sql {
  const pos = sql`((toFloat64(length(${sorted})) - 1) * ${q})`;
  const lo = sql`floor(${pos})`;
  const below = sql`toFloat64(${sorted}[toUInt64(${lo}) + 1])`;
  const above = sql`toFloat64(${sorted}[toUInt64(${lo}) + 2])`;
  return sql`if(length(${sorted}) = 0, NULL, if(${lo} = ${pos}, ${below}, ${below} + (${above} - ${below}) * (${pos} - ${lo})))`;
}

/** queries/summarize-vitals.ts's nearest-rank percentile: the 1-based index into an ascending array (0 when empty). */
export function nearestRankIndexSql(sorted: Sql, p: number): Sql {
  return sql`if(length(${sorted}) = 0, 0, least(length(${sorted}), toUInt64(greatest(1, ceil(${p} * length(${sorted}))))))`;
}
