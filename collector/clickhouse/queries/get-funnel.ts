import { dayLabel, dayNumber } from '../../funnels/day-number';
import { MIN_GROUP } from '../../funnels/min-group';
import { stepLabel } from '../../funnels/step-label';
import { stepReportsFromTimes } from '../../funnels/step-report';
import { weakestLink } from '../../funnels/weakest-link';
import type { FunnelQuery, FunnelResult } from '../../reports/types';
import { ident, joinSql, type Sql, sql } from '../sql';
import { type ChContext, queryRows, queryWithTotals } from './ch-context';
import { funnelUnitsSql } from './funnel-units-sql';
import { interpolatedQuantileSql } from './quantile-sql';

const rate = (a: number, b: number) => (b ? a / b : 0);

interface FunnelRow {
  value?: string | null;
  entered: (string | number)[];
  times?: (number | null)[];
  eDays?: [(string | number)[], (string | number)[]];
  cDays?: [(string | number)[], (string | number)[]];
}

/**
 * collector/queries/get-funnel.ts computed in ClickHouse: one query walks every unit
 * (funnelUnitsSql) and aggregates entered counts, the times' median and p75, the breakdown groups
 * (GROUP BY ... WITH TOTALS) and the daily trend (sumMap over each unit's days).
 */
export async function getFunnel(ctx: ChContext, q: FunnelQuery): Promise<FunnelResult> {
  const n = q.steps.length;
  const mode = q.mode ?? 'ordered';
  const countBy = q.countBy ?? 'visitor';
  const wantTrend = q.trend ?? true;
  const off = q.utcOffsetMinutes ?? 0;
  const units = funnelUnitsSql(ctx, {
    siteId: q.siteId,
    steps: q.steps,
    exclusions: q.exclusions,
    mode,
    windowMs: q.windowMs,
    from: q.from,
    to: q.to,
    countBy,
    breakdown: q.breakdown,
    trendOffsetMinutes: wantTrend ? off : undefined,
  });
  const entered = joinSql(
    Array.from({ length: n }, (_, k) => sql`countIf(level >= ${k + 1})`),
    ', ',
  );
  const times: Sql[] = [];
  for (let k = 2; k <= n; k++) {
    const sorted = sql`arraySort(groupArrayIf(${ident(`g${k}`)}, level >= ${k}))`;
    times.push(interpolatedQuantileSql(sorted, 0.5), interpolatedQuantileSql(sorted, 0.75));
  }
  const days = (col: string) =>
    sql`sumMap(${ident(col)}, arrayMap(x -> toUInt64(1), ${ident(col)})) AS ${ident(col)}`;
  const select = joinSql(
    [
      ...(q.breakdown ? [sql`bestDim AS value`] : []),
      sql`[${entered}] AS entered`,
      ...(times.length ? [sql`[${joinSql(times, ', ')}] AS times`] : []),
      ...(wantTrend ? [days('eDays'), days('cDays')] : []),
    ],
    ', ',
  );
  let total: FunnelRow;
  let groups: FunnelRow[] = [];
  if (q.breakdown) {
    const r = await queryWithTotals<FunnelRow>(
      ctx,
      sql`SELECT ${select} FROM (${units}) GROUP BY value WITH TOTALS`,
    );
    groups = r.rows;
    total = r.totals ?? { entered: new Array(n).fill(0), times: [], eDays: [[], []], cDays: [[], []] };
  } else {
    const [row] = await queryRows<FunnelRow>(ctx, sql`SELECT ${select} FROM (${units})`);
    total = row ?? { entered: new Array(n).fill(0) };
  }
  const counts = total.entered.map(Number);
  const t = total.times ?? [];
  const steps = stepReportsFromTimes(
    counts,
    counts.map((_, k) => (k === 0 ? [null, null] : [t[2 * (k - 1)] ?? null, t[2 * (k - 1) + 1] ?? null])),
    q.steps.map(stepLabel),
  );
  const result: FunnelResult = {
    from: q.from,
    to: q.to,
    mode,
    countBy,
    windowMs: q.windowMs,
    steps,
    weakest: weakestLink(
      counts,
      steps.map((x) => x.label),
      countBy === 'session' ? 'sessions' : 'visitors',
    ),
    conversion: rate(counts[n - 1]!, counts[0]!),
  };
  if (q.breakdown) {
    result.breakdown = {
      by: q.breakdown,
      groups: groups
        .map((g) => {
          const e = g.entered.map(Number);
          return {
            value: g.value ?? null,
            entered: e,
            conversion: rate(e[n - 1]!, e[0]!),
            tooSmall: e[0]! < MIN_GROUP,
          };
        })
        // The SQLite engine's order: largest first; ties by value, unset last.
        .sort(
          (a, b) =>
            b.entered[0]! - a.entered[0]! ||
            (a.value === null
              ? 1
              : b.value === null
                ? -1
                : a.value < b.value
                  ? -1
                  : a.value > b.value
                    ? 1
                    : 0),
        ),
    };
  }
  if (q.compare) {
    const len = q.to - q.from;
    const prev = await getFunnel(ctx, {
      ...q,
      from: q.from - len,
      to: q.from,
      compare: false,
      breakdown: undefined,
      trend: false,
    });
    result.comparison = {
      from: prev.from,
      to: prev.to,
      entered: prev.steps.map((s) => s.entered),
      conversion: prev.conversion,
      change: result.conversion - prev.conversion,
    };
  }
  if (wantTrend) {
    const day0 = dayNumber(q.from, off);
    const nDays = Math.max(0, dayNumber(q.to - 1, off) - day0 + 1);
    const byDay = (m: FunnelRow['eDays']) => {
      const out = new Map<number, number>();
      if (m) for (let i = 0; i < m[0].length; i++) out.set(Number(m[0][i]), Number(m[1][i]));
      return out;
    };
    const e = byDay(total.eDays);
    const c = byDay(total.cDays);
    result.trend = [];
    for (let d = 0; d < nDays; d++) {
      const en = e.get(day0 + d) ?? 0;
      const co = c.get(day0 + d) ?? 0;
      if (en || co)
        result.trend.push({ day: dayLabel(day0 + d), entered: en, converted: co, conversion: rate(co, en) });
    }
  }
  return result;
}
