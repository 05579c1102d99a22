import type { Db } from '../db/open-database';
import { goalCondition } from '../goals/goal-condition';
import type { Goal } from '../model';
import { forEachCompositeConversion } from './for-each-composite-conversion';
import { goalEventsSql } from './goal-events-sql';

/** visitor → time and value of their first conversion of `goal` in [from, to). */
export function firstConversions(
  db: Db,
  siteId: number,
  goal: Pick<Goal, 'definition' | 'value'>,
  q: { from: number; to: number },
): Map<number, { ts: number; value: number }> {
  const out = new Map<number, { ts: number; value: number }>();
  const cond = goalCondition(goal.definition);
  if (cond) {
    const g = goalEventsSql(cond, goal.value ?? 0, { siteId, ...q });
    // min(ts) picks the row of the first conversion for the bare `value` column (SQLite rule).
    // `+e.visitor_id`: grouping by the bare column lets SQLite walk events_by_visitor, i.e. every
    // event the site ever stored, to skip a sort; the goal's events of the range through
    // events_by_name and a small sort are far fewer rows (docs/performance.md, dashboard views).
    const rows = db
      .prepare(`SELECT e.visitor_id, min(e.ts), ${g.value} ${g.from} GROUP BY +e.visitor_id`)
      .raw(true)
      .all(...g.valueParams, ...g.fromParams) as [number, number, number][];
    for (const [v, ts, value] of rows) out.set(v, { ts, value });
    return out;
  }
  const def = goal.definition as Extract<Goal['definition'], { kind: 'composite' }>;
  forEachCompositeConversion(db, siteId, def, q, (c) => {
    const prev = out.get(c.visitor);
    if (!prev || c.ts < prev.ts) out.set(c.visitor, { ts: c.ts, value: goal.value ?? 0 });
  });
  return out;
}
