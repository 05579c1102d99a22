import { rate, VITAL_THRESHOLDS } from '../../queries/summarize-vitals';
import type { ReportFilter, VitalSummary } from '../../reports/types';
import { joinSql, sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { nearestRankIndexSql } from './quantile-sql';
import { num, webWhere } from './web-events';

type Count = string | number;

const METRICS = Object.keys(VITAL_THRESHOLDS);

/**
 * queries/get-page-speed.ts in ClickHouse: web vitals per page and metric, p75 by nearest rank and
 * the good / needs-improvement / poor counts from the thresholds, all in SQL. As in the SQLite
 * engine, a sample counts when its `metric` is a known one and its `value` a JSON number (or a
 * boolean, which SQLite's json_extract reads as 1 or 0); a value sent as text is skipped.
 */
export async function getPageSpeed(ctx: ChContext, f: ReportFilter): Promise<VitalSummary[]> {
  const raw = sql`visitParamExtractRaw(ifNull(props, ''), 'value')`;
  const first = sql`substring(${raw}, 1, 1)`;
  const value = sql`multiIf(${raw} = 'true', 1., ${raw} = 'false', 0., ${raw} = '' OR ${raw} = 'null' OR ${first} = '"' OR ${first} = '{' OR ${first} = '[', NULL, toFloat64OrNull(${raw}))`;
  const metricRaw = sql`visitParamExtractRaw(ifNull(props, ''), 'metric')`;
  const metric = sql`if(substring(${metricRaw}, 1, 1) = '"', visitParamExtractString(ifNull(props, ''), 'metric'), '')`;
  const good = joinSql(
    METRICS.map((m) => sql`metric = ${m}, value <= ${VITAL_THRESHOLDS[m]![0]}`),
    ', ',
  );
  const fair = joinSql(
    METRICS.map((m) => sql`metric = ${m}, value <= ${VITAL_THRESHOLDS[m]![1]}`),
    ', ',
  );
  const sorted = sql`arraySort(groupArray(value))`;
  const rows = await queryRows<{
    path: string;
    metric: string;
    samples: Count;
    p75: number;
    good: Count;
    fair: Count;
  }>(
    ctx,
    sql`SELECT path, metric, count() AS samples, ${sorted}[${nearestRankIndexSql(sorted, 0.75)}] AS p75,
      countIf(multiIf(${good}, 0)) AS good, countIf(multiIf(${fair}, 0)) AS fair
    FROM (SELECT ifNull(path, '') AS path, ${metric} AS metric, assumeNotNull(${value}) AS value, ${value} IS NOT NULL AS ok
      FROM ${table(ctx, 'events')} WHERE ${webWhere(f)} AND name = 'web_vital')
    WHERE ok AND has(${METRICS}, metric) AND isFinite(value)
    GROUP BY path, metric`,
  );
  return rows
    .map((r): VitalSummary => {
      const samples = num(r.samples);
      const good = num(r.good);
      const fair = num(r.fair);
      return {
        path: r.path,
        metric: r.metric,
        samples,
        p75: r.p75,
        rating: rate(r.metric, r.p75),
        good,
        needsImprovement: fair - good,
        poor: samples - fair,
      };
    })
    .sort(
      (a, b) => b.samples - a.samples || a.path.localeCompare(b.path) || a.metric.localeCompare(b.metric),
    );
}
