import type { StepCondition } from '../../model';
import { type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { conditionSql } from './condition-sql';
import { resolvedEvents, tsRange } from './site-events';

/**
 * queries/goal-events-sql.ts in ClickHouse: the events of a page, event or contact goal in
 * [from, to) (every origin), as a subquery with `v` (the resolved visitor), `ts`, `seq`,
 * `session` and `val`, what the conversion is worth: the event's own value, else the goal's.
 */
export function goalEvents(
  ctx: ChContext,
  cond: StepCondition,
  goalValue: number | null,
  q: { siteId: number; from: number; to: number },
): Sql {
  return resolvedEvents(
    ctx,
    q.siteId,
    sql`ts, seq, session, ifNull(value, toFloat64(${goalValue ?? 0})) AS val`,
    sql`${tsRange(q.from, q.to)} AND ${conditionSql(cond)}`,
  );
}
