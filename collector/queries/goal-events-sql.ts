import { conditionSql } from '../conditions/condition-sql';
import type { StepCondition } from '../model';

export interface GoalEventsSql {
  /** `FROM events e WHERE …`: the events of a page, event or contact goal in [from, to). */
  from: string;
  fromParams: unknown[];
  /** What one conversion is worth: the event's own value, else the goal's (bind `valueParams`). */
  value: string;
  valueParams: unknown[];
}

/**
 * The conversions of a single-event goal as SQL over `events e`. The goals API, attribution and
 * the SQLite export all read conversions through it, so they count and value the same events.
 */
export function goalEventsSql(
  cond: StepCondition,
  goalValue: number | null,
  q: { siteId: number; from: number; to: number },
): GoalEventsSql {
  const c = conditionSql(cond);
  return {
    from: `FROM events e WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND ${c.sql}`,
    fromParams: [q.siteId, q.from, q.to, ...c.params],
    value: 'coalesce(e.value, ?)',
    valueParams: [goalValue],
  };
}
