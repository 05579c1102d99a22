import { dayLabel } from '../../funnels/day-number';
import { goalCondition } from '../../goals/goal-condition';
import type { Goal } from '../../model';
import type { GoalStats, GoalStatsQuery } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { compositeConversions } from './composite-conversions';
import { derivedSessions } from './derived-sessions';
import { goalEvents } from './goal-events';
import { num } from './web-events';

const DAY = 86_400_000;
const rate = (a: number, b: number) => (b ? a / b : 0);
type Count = string | number;

/**
 * queries/get-goal-stats.ts in ClickHouse: a goal's conversions in [from, to), by day, against the
 * visitors and sessions whose session started in the range.
 */
export async function getGoalStats(
  ctx: ChContext,
  siteId: number,
  goal: Goal,
  q: GoalStatsQuery,
): Promise<GoalStats> {
  const off = (q.utcOffsetMinutes ?? 0) * 60_000;
  const cond = goalCondition(goal.definition);
  const value = goal.value ?? 0;
  // One row per conversion: visitor, session (0 for none), time, value.
  const conversions = cond
    ? sql`(SELECT v, session, ts, val FROM ${goalEvents(ctx, cond, value, { siteId, ...q })})`
    : sql`(SELECT uv AS v, toUInt64(0) AS session, ts, toFloat64(${value}) AS val
        FROM ${compositeConversions(ctx, siteId, goal.definition as Extract<Goal['definition'], { kind: 'composite' }>, q)})`;
  // A composite conversion is a session: each counts as one converted session.
  const sessions = cond ? sql`uniqExactIf(session, session != 0)` : sql`count()`;
  const [base, totals, days] = await Promise.all([
    queryRows<{ visitors: Count; sessions: Count }>(
      ctx,
      sql`SELECT uniqExact(sv) AS visitors, count() AS sessions FROM ${derivedSessions(ctx, siteId, q.from, q.to)}`,
    ),
    queryRows<{ conversions: Count; visitors: Count; sessions: Count; value: number }>(
      ctx,
      sql`SELECT count() AS conversions, uniqExact(v) AS visitors, ${sessions} AS sessions, sum(val) AS value FROM ${conversions}`,
    ),
    queryRows<{ d: Count; conversions: Count; visitors: Count; value: number }>(
      ctx,
      sql`SELECT intDiv(ts + ${off}, ${DAY}) AS d, count() AS conversions, uniqExact(v) AS visitors, sum(val) AS value
      FROM ${conversions} GROUP BY d ORDER BY d`,
    ),
  ]);
  const b = { visitors: num(base[0]?.visitors), sessions: num(base[0]?.sessions) };
  const t = totals[0];
  const conv = { conversions: num(t?.conversions), visitors: num(t?.visitors), sessions: num(t?.sessions) };
  return {
    goalId: goal.id,
    from: q.from,
    to: q.to,
    conversions: conv.conversions,
    convertedVisitors: conv.visitors,
    convertedSessions: conv.sessions,
    visitors: b.visitors,
    sessions: b.sessions,
    visitorConversionRate: rate(conv.visitors, b.visitors),
    sessionConversionRate: rate(conv.sessions, b.sessions),
    // A composite conversion is worth the goal's value: multiplied, as the SQLite engine does.
    value: cond ? Number(t?.value ?? 0) : conv.conversions * value,
    byDay: days.map((r) => ({
      day: dayLabel(num(r.d)),
      conversions: num(r.conversions),
      visitors: num(r.visitors),
      value: cond ? Number(r.value) : num(r.conversions) * value,
    })),
  };
}
