import type { Db } from '../db/open-database';
import { dayLabel, dayNumber } from '../funnels/day-number';
import { goalCondition } from '../goals/goal-condition';
import type { Goal } from '../model';
import type { GoalDay, GoalStats, GoalStatsQuery } from '../reports/types';
import { forEachCompositeConversion } from './for-each-composite-conversion';
import { goalEventsSql } from './goal-events-sql';

const DAY = 86_400_000;
const rate = (a: number, b: number) => (b ? a / b : 0);

/**
 * Conversions of a goal in [from, to): a matching event (page/event/contact goals; its `value`,
 * else the goal's) or a session that completed the composite goal's steps in order (counted on
 * the day its first step happened; the goal's value each).
 */
export function getGoalStats(db: Db, siteId: number, goal: Goal, q: GoalStatsQuery): GoalStats {
  const off = (q.utcOffsetMinutes ?? 0) * 60_000;
  const base = db
    .prepare(`SELECT count(DISTINCT visitor_id) AS visitors, count(*) AS sessions FROM sessions
    WHERE site_id = ? AND start_ts >= ? AND start_ts < ?`)
    .get(siteId, q.from, q.to) as { visitors: number; sessions: number };
  const cond = goalCondition(goal.definition);
  let totals: { conversions: number; visitors: number; sessions: number; value: number };
  let byDay: GoalDay[];
  if (cond) {
    const g = goalEventsSql(cond, goal.value ?? 0, { siteId, ...q });
    totals = db
      .prepare(`SELECT count(*) AS conversions, count(DISTINCT e.visitor_id) AS visitors,
      count(DISTINCT e.session_id) AS sessions, total(${g.value}) AS value ${g.from}`)
      .get(...g.valueParams, ...g.fromParams) as typeof totals;
    byDay = (
      db
        .prepare(`SELECT CAST((e.ts + ?) / ${DAY} AS INTEGER) AS d, count(*) AS conversions, count(DISTINCT e.visitor_id) AS visitors,
      total(${g.value}) AS value ${g.from} GROUP BY d ORDER BY d`)
        .all(off, ...g.valueParams, ...g.fromParams) as {
        d: number;
        conversions: number;
        visitors: number;
        value: number;
      }[]
    ).map((r) => ({ day: dayLabel(r.d), conversions: r.conversions, visitors: r.visitors, value: r.value }));
  } else {
    const def = goal.definition as Extract<Goal['definition'], { kind: 'composite' }>;
    const visitors = new Set<number>();
    const days = new Map<number, { conversions: number; visitors: Set<number> }>();
    let conversions = 0;
    forEachCompositeConversion(db, siteId, def, q, (c) => {
      conversions++;
      visitors.add(c.visitor);
      const d = dayNumber(c.ts, q.utcOffsetMinutes ?? 0);
      const e = days.get(d) ?? { conversions: 0, visitors: new Set<number>() };
      e.conversions++;
      e.visitors.add(c.visitor);
      days.set(d, e);
    });
    const value = goal.value ?? 0;
    totals = { conversions, visitors: visitors.size, sessions: conversions, value: conversions * value };
    byDay = [...days.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([d, e]) => ({
        day: dayLabel(d),
        conversions: e.conversions,
        visitors: e.visitors.size,
        value: e.conversions * value,
      }));
  }
  return {
    goalId: goal.id,
    from: q.from,
    to: q.to,
    conversions: totals.conversions,
    convertedVisitors: totals.visitors,
    convertedSessions: totals.sessions,
    visitors: base.visitors,
    sessions: base.sessions,
    visitorConversionRate: rate(totals.visitors, base.visitors),
    sessionConversionRate: rate(totals.sessions, base.sessions),
    value: totals.value,
    byDay,
  };
}
