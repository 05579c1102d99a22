import type { StepCondition } from '../../model';
import { type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { conditionSql } from './condition-sql';
import { resolvedEvents, tsRange } from './site-events';

/**
 * Each visitor's last conversion in [from, to): `visitor` and `lc`, the time of their last event
 * (any origin, offline ones through their lead's link) that matches `converted`. A visitor
 * without one has no row (a LEFT JOIN gives 0, before any event).
 */
export function lastConversions(
  ctx: ChContext,
  siteId: number,
  from: number,
  to: number,
  converted: StepCondition,
): Sql {
  const events = resolvedEvents(
    ctx,
    siteId,
    sql`ts`,
    sql`${tsRange(from, to)} AND ${conditionSql(converted)}`,
  );
  return sql`(SELECT v AS visitor, max(ts) AS lc FROM ${events} GROUP BY v)`;
}
