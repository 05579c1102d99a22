import { goalCondition } from '../../goals/goal-condition';
import type { AttributionModel, Goal } from '../../model';
import { joinSql, type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { compositeConversions } from './composite-conversions';
import { derivedSessions } from './derived-sessions';
import { goalEvents } from './goal-events';
import { orderedSumSql } from './ordered-sum-sql';
import { revenueEvents } from './sum-revenue';

type CompositeGoal = Extract<Goal['definition'], { kind: 'composite' }>;

export interface CreditQuery {
  from: number;
  to: number;
  lookbackMs: number;
  model: AttributionModel;
}

/** Each converted visitor's first conversion of a goal: `k`, `v`, `cts`, and no row or value. */
function firsts(ctx: ChContext, siteId: number, k: string, goal: Goal, q: CreditQuery): Sql {
  const cond = goalCondition(goal.definition);
  const rows = cond
    ? sql`(SELECT v, ts FROM ${goalEvents(ctx, cond, 0, { siteId, ...q })})`
    : sql`(SELECT uv AS v, ts FROM ${compositeConversions(ctx, siteId, goal.definition as CompositeGoal, q)})`;
  return sql`SELECT ${k} AS k, v, toInt64(min(ts)) AS cts, toUInt64(0) AS cseq, toFloat64(0) AS cval
    FROM ${rows} GROUP BY v`;
}

/**
 * What get-conversions.ts credits, in ClickHouse: one row per converted visitor of each goal
 * (`k` = `leads` for any contact, `g<id>` per goal) and per paying visitor (`k` = `revenue`, `cval`
 * their values' sum in (ts, row) order, dated by their first valued event `cts`, `cseq`), with `t`,
 * the visitor's sessions that started within the lookback up to it in (start, session) order,
 * and `c`, the one of them `model` credits (attribution/attribute-touches.ts): the first, the
 * last, or the last not `direct`, else the last. `c` = (start, session, channel, source, no
 * campaign, campaign); meaningless when `t` is empty (unattributed).
 */
export function conversionCredits(
  ctx: ChContext,
  siteId: number,
  goals: readonly { k: string; goal: Goal }[],
  q: CreditQuery,
): Sql {
  const revenue = sql`SELECT 'revenue' AS k, v, toInt64(min(ts)) AS cts,
      toUInt64(argMin(seq, (ts, seq))) AS cseq, toFloat64(${orderedSumSql([sql`ts`, sql`seq`], sql`val`)}) AS cval
    FROM ${revenueEvents(ctx, siteId, q)} GROUP BY v`;
  const all = joinSql([...goals.map((g) => firsts(ctx, siteId, g.k, g.goal, q)), revenue], ' UNION ALL ');
  const sessions = sql`(SELECT sv AS v, start, session, ifNull(channel, '') AS ch,
      ifNull(utm_source, ifNull(referrer_host, '(direct)')) AS src,
      toUInt8(utm_campaign IS NULL) AS nocamp, ifNull(utm_campaign, '') AS camp
    FROM ${derivedSessions(ctx, siteId, q.from - q.lookbackMs, q.to)})`;
  const touches = sql`SELECT k, v, cts, cseq, cval,
      arraySort(groupArrayIf((start, session, ch, src, nocamp, camp),
        session != 0 AND start >= cts - ${q.lookbackMs} AND start <= cts)) AS t
    FROM (SELECT * FROM (${all}) ALL LEFT JOIN ${sessions} USING v) GROUP BY k, v, cts, cseq, cval`;
  const credited =
    q.model === 'firstTouch'
      ? sql`t[1]`
      : q.model === 'lastTouch'
        ? sql`t[-1]`
        : sql`if(length(arrayFilter(x -> tupleElement(x, 3) != 'direct', t)) > 0,
            arrayFilter(x -> tupleElement(x, 3) != 'direct', t)[-1], t[-1])`;
  return sql`(SELECT k, v, cts, cseq, cval, t, ${credited} AS c FROM (${touches}))`;
}
