import type { ResponseSlot, ResponseSpeed, ResponseSpeedQuery } from '../../reports/types';
import { clockLabel, clockZone, weekdayName } from '../../response/local-clock';
import { sql } from '../sql';
import { callbackPairsSql } from './callback-pairs';
import { type ChContext, queryRows } from './ch-context';
import { localClockSql } from './local-clock-sql';
import { interpolatedQuantileSql } from './quantile-sql';
import { num } from './web-events';

type Count = string | number;
interface SlotRow {
  g: Count;
  requests: Count;
  ans: Count;
  within: Count;
  median: number | null;
  p90: number | null;
}

/**
 * queries/get-response-speed.ts in ClickHouse: the callback pairs (callback-pairs.ts) counted in
 * one pass three ways at once, all requests, by local hour and by local weekday, each group with
 * its waits' median and p90 by the shared quantile definition.
 */
export async function getResponseSpeed(
  ctx: ChContext,
  siteId: number,
  q: ResponseSpeedQuery,
): Promise<ResponseSpeed> {
  const standardMs = q.standardMs ?? 15 * 60_000;
  const zone = clockZone(q);
  const clock = localClockSql(sql`ts`, zone, q.from, q.to);
  // Group 0: every request; 1–24: by hour; 25–31: by weekday.
  const groups = sql`arrayJoin([toInt64(0), toInt64(1 + ${clock.hour}), toInt64(25 + ${clock.weekday})])`;
  const rows = await queryRows<SlotRow>(
    ctx,
    sql`SELECT g, requests, ans, within,
        ${interpolatedQuantileSql(sql`w`, 0.5)} AS median, ${interpolatedQuantileSql(sql`w`, 0.9)} AS p90
      FROM (SELECT g, count() AS requests, sum(answered) AS ans,
          countIf(answered = 1 AND answeredAt - ts <= ${standardMs}) AS within,
          arraySort(groupArrayIf(toFloat64(answeredAt - ts), answered = 1)) AS w
        FROM (SELECT ts, answered, answeredAt, ${groups} AS g FROM ${callbackPairsSql(ctx, siteId, q)})
        GROUP BY g)`,
  );
  const byGroup = new Map(rows.map((r) => [num(r.g), r]));
  const slot = (g: number, label: string): ResponseSlot => {
    const r = byGroup.get(g);
    const requests = num(r?.requests);
    const within = num(r?.within);
    return {
      label,
      requests,
      answered: num(r?.ans),
      withinStandard: within,
      late: requests - within,
      medianMs: r?.median ?? null,
    };
  };
  const all = byGroup.get(0);
  const requests = num(all?.requests);
  const answered = num(all?.ans);
  const within = num(all?.within);
  return {
    from: q.from,
    to: q.to,
    standardMs,
    requests,
    answered,
    unanswered: requests - answered,
    medianMs: all?.median ?? null,
    p90Ms: all?.p90 ?? null,
    withinStandard: within,
    withinStandardShare: requests ? within / requests : 0,
    clock: clockLabel(zone),
    byHour: Array.from({ length: 24 }, (_, h) => slot(1 + h, `${String(h).padStart(2, '0')}:00`)),
    byWeekday: Array.from({ length: 7 }, (_, d) => slot(25 + d, weekdayName(d))),
  };
}
