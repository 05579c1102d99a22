import type Database from 'better-sqlite3';
import * as v from 'valibot';
import { goalCondition } from '../goals/goal-condition';
import { goalDefinitionSchema } from '../goals/goal-schema';
import { forEachCompositeConversion } from '../queries/for-each-composite-conversion';
import { goalEventsSql } from '../queries/goal-events-sql';
import { withSourceTables } from './with-source-tables';

interface GoalRow {
  id: number;
  name: string;
  kind: string;
  definition: string;
  value: number | null;
}

const ISO = (col: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${col} / 1000.0, 'unixepoch')`;

/**
 * Copies the site's goal definitions into the export and records their conversions in [from, to)
 * exactly as `GET goals/:id` counts them, through the same code (goalCondition, goalEventsSql,
 * forEachCompositeConversion) run on the source database: one row per converting event of a page,
 * event or contact goal, worth the event's value, else the goal's; one row per session that
 * completes a composite goal, naming the step-1 event of its first completed attempt, worth the
 * goal's value. A definition this build cannot read is exported with no conversions rather than
 * failing the export.
 */
export function copyGoals(
  out: Database.Database,
  siteId: number,
  range: { from: number; to: number },
): { goals: number; conversions: number } {
  // A file from before the goals migration simply has none.
  const hasGoals = out
    .prepare("SELECT 1 FROM src.sqlite_master WHERE type = 'table' AND name = 'goals'")
    .get();
  if (!hasGoals) return { goals: 0, conversions: 0 };
  const goals = out
    .prepare('SELECT id, name, kind, definition, value FROM src.goals WHERE site_id = ? ORDER BY id')
    .all(siteId) as GoalRow[];
  const put = out.prepare(
    'INSERT INTO main.goals (id, name, kind, definition, value) VALUES (?, ?, ?, ?, ?)',
  );
  const putConversion =
    out.prepare(`INSERT INTO main.conversions (goal, goal_name, event, visitor, session, time, ts, value)
    VALUES (?, ?, ?, ?, ?, ${ISO('?')}, ?, ?)`);
  let conversions = 0;
  withSourceTables(out, () => {
    for (const g of goals) {
      put.run(g.id, g.name, g.kind, g.definition, g.value);
      const def = v.safeParse(goalDefinitionSchema, parseJson(g.definition));
      if (!def.success) continue;
      const cond = goalCondition(def.output);
      if (cond) {
        const q = goalEventsSql(cond, g.value, { siteId, ...range });
        conversions += out
          .prepare(`INSERT INTO main.conversions (goal, goal_name, event, visitor, session, time, ts, value)
          SELECT ?, ?, e.id, e.visitor_id, e.session_id, ${ISO('e.ts')}, e.ts, ${q.value} ${q.from}`)
          .run(g.id, g.name, ...q.valueParams, ...q.fromParams).changes;
      } else if (def.output.kind === 'composite') {
        forEachCompositeConversion(out, siteId, def.output, range, (c) => {
          conversions += putConversion.run(
            g.id,
            g.name,
            c.event,
            c.visitor,
            c.session,
            c.ts,
            c.ts,
            g.value,
          ).changes;
        });
      }
    }
  });
  return { goals: goals.length, conversions };
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
