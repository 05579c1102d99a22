import { byShare } from '../../attribution/share-order';
import { goalCondition } from '../../goals/goal-condition';
import type { AttributionModel, Goal } from '../../model';
import type { Attribution, AttributionQuery, AttributionShare } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { compositeConversions } from './composite-conversions';
import { derivedSessions } from './derived-sessions';
import { goalEvents } from './goal-events';
import { num } from './web-events';

const DAY = 86_400_000;
const MODELS: AttributionModel[] = ['firstTouch', 'lastTouch', 'lastSignificant'];
type Count = string | number;

/**
 * queries/get-attribution.ts in ClickHouse. Each converted visitor's first conversion in the range
 * (its value from the same row; ties within a millisecond go to the row stored first, as in
 * SQLite) is joined to the visitor's sessions that started in the lookback before it; the first,
 * last and last non-direct session (attribution/attribute-touches.ts) take the credit, tallied
 * per model, channel and source in SQL.
 */
export async function getAttribution(
  ctx: ChContext,
  siteId: number,
  goal: Goal,
  q: AttributionQuery,
): Promise<Attribution> {
  const lookback = q.lookbackMs ?? 90 * DAY;
  const cond = goalCondition(goal.definition);
  const firsts: Sql = cond
    ? sql`(SELECT v, min(ts) AS cts, argMin(val, (ts, seq)) AS cval
        FROM ${goalEvents(ctx, cond, goal.value ?? 0, { siteId, ...q })} GROUP BY v)`
    : sql`(SELECT uv AS v, min(ts) AS cts, toFloat64(${goal.value ?? 0}) AS cval
        FROM ${compositeConversions(ctx, siteId, goal.definition as Extract<Goal['definition'], { kind: 'composite' }>, q)} GROUP BY uv)`;
  const sessions = sql`(SELECT sv AS v, start, session, ifNull(channel, '') AS ch,
      ifNull(utm_source, ifNull(referrer_host, '(direct)')) AS src
    FROM ${derivedSessions(ctx, siteId, q.from - lookback, q.to)})`;
  // Per conversion: its touches in (start, session) order, the order of the SQLite query.
  const touches = sql`SELECT v, any(cval) AS cval,
      arraySort(groupArrayIf((start, session, ch, src), session != 0 AND start >= cts - ${lookback} AND start <= cts)) AS t
    FROM (SELECT * FROM ${firsts} ALL LEFT JOIN ${sessions} USING v) GROUP BY v`;
  const credited = sql`SELECT cval, t[1] AS f, t[-1] AS l,
      arrayFilter(x -> tupleElement(x, 3) != 'direct', t) AS sig,
      if(length(sig) > 0, sig[-1], l) AS s
    FROM (${touches}) WHERE length(t) > 0`;
  const [counts, rows] = await Promise.all([
    queryRows<{ conversions: Count; attributed: Count }>(
      ctx,
      sql`SELECT count() AS conversions, countIf(length(t) > 0) AS attributed FROM (${touches})`,
    ),
    queryRows<{ m: string; ch: string; src: string; n: Count; value: number }>(
      ctx,
      sql`SELECT tupleElement(x, 1) AS m, tupleElement(x, 2) AS ch, tupleElement(x, 3) AS src, count() AS n, sum(cval) AS value
      FROM (SELECT cval, arrayJoin([('firstTouch', tupleElement(f, 3), tupleElement(f, 4)),
          ('lastTouch', tupleElement(l, 3), tupleElement(l, 4)),
          ('lastSignificant', tupleElement(s, 3), tupleElement(s, 4))]) AS x FROM (${credited}))
      GROUP BY m, ch, src`,
    ),
  ]);
  const conversions = num(counts[0]?.conversions);
  const total = num(counts[0]?.attributed);
  const share = (channel: string, source: string, n: number, value: number): AttributionShare => ({
    channel,
    source,
    conversions: n,
    value,
    share: total ? n / total : 0,
  });
  const models = {} as Attribution['models'];
  for (const m of MODELS) {
    const mine = rows.filter((r) => r.m === m);
    const channels = new Map<string, [number, number]>();
    for (const r of mine) {
      const e = channels.get(r.ch) ?? [0, 0];
      e[0] += num(r.n);
      e[1] += Number(r.value);
      channels.set(r.ch, e);
    }
    models[m] = {
      byChannel: [...channels].map(([ch, [n, value]]) => share(ch, '', n, value)).sort(byShare),
      bySource: mine.map((r) => share(r.ch, r.src, num(r.n), Number(r.value))).sort(byShare),
    };
  }
  return { goalId: goal.id, from: q.from, to: q.to, conversions, unattributed: conversions - total, models };
}
