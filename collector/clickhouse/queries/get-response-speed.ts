import type { ResponseSpeed, ResponseSpeedQuery } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { interpolatedQuantileSql } from './quantile-sql';
import { resolvedEvents, tsRange } from './site-events';
import { num } from './web-events';

type Count = string | number;

/**
 * queries/get-response-speed.ts in ClickHouse: each request in [from, to) paired with the first
 * later answer (any time after) of the same visitor or, when it carries a lead id, the same lead.
 * Each visitor's and each lead's answer times are one sorted array; a request takes the first
 * element after its own time.
 */
export async function getResponseSpeed(
  ctx: ChContext,
  siteId: number,
  q: ResponseSpeedQuery,
): Promise<ResponseSpeed> {
  const standardMs = q.standardMs ?? 15 * 60_000;
  const answers = [...(q.answerNames ?? ['callback_made', 'call_answered'])];
  const requests = resolvedEvents(
    ctx,
    siteId,
    sql`ts AS rts, ifNull(lead, '') AS rl`,
    sql`${tsRange(q.from, q.to)} AND name = ${q.requestName ?? 'callback_request'}`,
  );
  // Answers come after a request, so after `from`; there is no upper bound.
  const after = sql`${tsRange(q.from + 1, Infinity)} AND has(${answers}, name)`;
  const byVisitor = sql`(SELECT v, arraySort(groupArray(ts)) AS vts FROM ${resolvedEvents(ctx, siteId, sql`ts`, after)} GROUP BY v)`;
  const byLead = sql`(SELECT assumeNotNull(lead) AS rl, arraySort(groupArray(ts)) AS lts FROM ${table(ctx, 'events')}
    WHERE site_id = ${siteId} AND ${after} AND lead IS NOT NULL AND lead != '' GROUP BY rl)`;
  const paired = sql`SELECT rts, arrayFirstIndex(x -> x > rts, vts) AS iv, arrayFirstIndex(x -> x > rts, lts) AS il,
      multiIf(iv > 0 AND (rl = '' OR il = 0 OR vts[iv] <= lts[il]), vts[iv] - rts,
        rl != '' AND il > 0, lts[il] - rts, toInt64(-1)) AS time
    FROM (SELECT * FROM (SELECT * FROM ${requests} ANY LEFT JOIN ${byVisitor} USING v) ANY LEFT JOIN ${byLead} USING rl)`;
  const times = sql`arraySort(groupArrayIf(time, time >= 0))`;
  const [r] = await queryRows<{
    requests: Count;
    answered: Count;
    within: Count;
    median: number | null;
    p90: number | null;
  }>(
    ctx,
    sql`SELECT count() AS requests, countIf(time >= 0) AS answered, countIf(time >= 0 AND time <= ${standardMs}) AS within,
      ${interpolatedQuantileSql(times, 0.5)} AS median, ${interpolatedQuantileSql(times, 0.9)} AS p90
    FROM (${paired})`,
  );
  const requestsN = num(r?.requests);
  const answered = num(r?.answered);
  const within = num(r?.within);
  return {
    from: q.from,
    to: q.to,
    standardMs,
    requests: requestsN,
    answered,
    unanswered: requestsN - answered,
    medianMs: r?.median ?? null,
    p90Ms: r?.p90 ?? null,
    withinStandard: within,
    withinStandardShare: requestsN ? within / requestsN : 0,
  };
}
