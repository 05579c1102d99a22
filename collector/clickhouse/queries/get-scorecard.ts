import type { StepCondition } from '../../model';
import { TECHNICAL_EVENTS } from '../../queries/event-filter';
import { NEGATIVE_SIGNALS } from '../../queries/get-scorecard';
import type { Scorecard, ScorecardRow } from '../../reports/types';
import { rateTouchpoint } from '../../scorecard/rate-touchpoint';
import { joinSql, sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { conditionSql } from './condition-sql';
import { resolvedEvents, tsRange } from './site-events';
import { num } from './web-events';

type Count = string | number;
const TECHNICAL = new Set<string>(TECHNICAL_EVENTS);

/**
 * queries/get-scorecard.ts in ClickHouse: per event name, how the visitors who met it relate to the
 * goal (a visitor converts at their first goal event in [from, to)). The per-visitor and
 * per-visitor-and-name facts are two GROUP BYs joined on the visitor; the rates are the SQLite
 * engine's arithmetic on the same counts.
 */
export async function getScorecard(
  ctx: ChContext,
  siteId: number,
  goal: StepCondition,
  range: { from: number; to: number },
): Promise<Scorecard> {
  const { from, to } = range;
  const negative = joinSql(NEGATIVE_SIGNALS.map(conditionSql), ' OR ');
  const events = resolvedEvents(
    ctx,
    siteId,
    sql`ts, name, session, ${conditionSql(goal)} AS goal, ${negative} AS neg`,
    tsRange(from, to),
  );
  const perVisitor = sql`SELECT v, countIf(goal) > 0 AS conv, minIf(ts, goal) AS cts,
      groupUniqArrayIf(session, neg AND session != 0) AS negs
    FROM ${events} GROUP BY v`;
  const perName = sql`SELECT v, name, count() AS c, min(ts) AS first, groupUniqArrayIf(session, session != 0) AS ss
    FROM ${events} GROUP BY v, name`;
  const [totals, names] = await Promise.all([
    queryRows<{ visitors: Count; converted: Count }>(
      ctx,
      sql`SELECT count() AS visitors, countIf(conv) AS converted FROM (${perVisitor})`,
    ),
    queryRows<{
      name: string;
      events: Count;
      visitors: Count;
      touched: Count;
      touchedConv: Count;
      negative: Count;
    }>(
      ctx,
      sql`SELECT name, sum(c) AS events, count() AS visitors, countIf(NOT conv OR first < cts) AS touched,
        countIf(conv AND first < cts) AS touchedConv, countIf(hasAny(ss, negs)) AS negative
      FROM (${perName}) ANY INNER JOIN (${perVisitor}) USING v GROUP BY name`,
    ),
  ]);
  const visitors = num(totals[0]?.visitors);
  const converted = num(totals[0]?.converted);
  const rows: ScorecardRow[] = names
    .filter((r) => !TECHNICAL.has(r.name))
    .map((r) => {
      const s = {
        events: num(r.events),
        visitors: num(r.visitors),
        touched: num(r.touched),
        touchedConv: num(r.touchedConv),
        negative: num(r.negative),
      };
      const conversionTouched = s.touched ? s.touchedConv / s.touched : 0;
      const untouched = visitors - s.touched;
      const conversionNotTouched = untouched ? (converted - s.touchedConv) / untouched : 0;
      const lift = conversionNotTouched ? conversionTouched / conversionNotTouched : null;
      const negativeShare = s.visitors ? s.negative / s.visitors : 0;
      return {
        name: r.name,
        events: s.events,
        visitors: s.visitors,
        shareOfConverted: converted ? s.touchedConv / converted : 0,
        conversionTouched,
        conversionNotTouched,
        lift,
        negativeShare,
        rating: rateTouchpoint(lift, negativeShare, s.touched),
      };
    })
    .sort((a, b) => b.visitors - a.visitors || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { from, to, visitors, convertedVisitors: converted, rows };
}
