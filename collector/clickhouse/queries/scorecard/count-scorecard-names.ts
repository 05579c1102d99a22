import type { NameTally } from '../../../scorecard/scorecard-tallies';
import { sql } from '../../sql';
import { type ChContext, queryRows } from '../ch-context';
import { orderedSumSql } from '../ordered-sum-sql';
import { num } from '../web-events';
import { type ScorecardRange, scorecardEvents } from './scorecard-events';

type Count = string | number;

export interface NameCounts extends NameTally {
  webVisitors: number;
  touched: number;
  touchedConverted: number;
}

/**
 * get-scorecard.ts's per-name counts in ClickHouse: events and visitors (any origin and web), the
 * web visitors who met the name before converting or without converting, and the values of names
 * that have events from outside the site (added in (ts, row) order).
 */
export async function countScorecardNames(
  ctx: ChContext,
  q: ScorecardRange,
  visitors: ReturnType<typeof sql>,
): Promise<NameCounts[]> {
  const events = scorecardEvents(ctx, q);
  const [counts, values] = await Promise.all([
    queryRows<{
      name: string;
      events: Count;
      web: Count;
      visitors: Count;
      webVisitors: Count;
      touched: Count;
      touchedConverted: Count;
    }>(
      ctx,
      sql`SELECT name, sum(n) AS events, sum(wn) AS web, count() AS visitors, countIf(wn > 0) AS webVisitors,
          countIf(wn > 0 AND (conv = 0 OR wfirst < conv)) AS touched,
          countIf(wn > 0 AND conv != 0 AND wfirst < conv) AS touchedConverted
        FROM (SELECT v, name, count() AS n, countIf(session != 0) AS wn, minIf(ts, session != 0) AS wfirst
          FROM ${events} GROUP BY v, name)
        ANY LEFT JOIN ${visitors} USING v
        GROUP BY name`,
    ),
    queryRows<{ name: string; total: number }>(
      ctx,
      sql`SELECT name, ${orderedSumSql([sql`ts`, sql`seq`], sql`assumeNotNull(value)`)} AS total
        FROM ${events} WHERE value IS NOT NULL GROUP BY name`,
    ),
  ]);
  const totals = new Map(values.map((r) => [r.name, Number(r.total)]));
  return counts.map((r) => {
    const events = num(r.events);
    const webEvents = num(r.web);
    return {
      name: r.name,
      events,
      visitors: num(r.visitors),
      webEvents,
      // As the SQLite engine: only names with events from outside the site carry a value.
      value: events > webEvents ? (totals.get(r.name) ?? 0) : 0,
      webVisitors: num(r.webVisitors),
      touched: num(r.touched),
      touchedConverted: num(r.touchedConverted),
    };
  });
}
