import type Database from 'better-sqlite3';
import * as v from 'valibot';
import { matchesUrl, patternToGlob } from '../funnels/page-pattern';
import { stepConditionSchema } from '../goals/step-condition';
import { propFilterSql } from '../queries/prop-filter-sql';

interface GoalRow { id: number; name: string; kind: string; definition: string; value: number | null }

/**
 * Copies the site's goal definitions into the export and records every exported event that meets
 * a goal's condition as a conversion (the goals engine's own condition: names, page pattern, prop
 * filters). Works on the export's `events`, so conversions are exactly those inside the range.
 * A definition this build cannot read is exported with no conversions rather than failing the export.
 */
export function copyGoals(out: Database.Database, siteId: number): { goals: number; conversions: number } {
  // A file from before the goals migration simply has none.
  const hasGoals = out.prepare("SELECT 1 FROM src.sqlite_master WHERE type = 'table' AND name = 'goals'").get();
  if (!hasGoals) return { goals: 0, conversions: 0 };
  const goals = out.prepare('SELECT id, name, kind, definition, value FROM src.goals WHERE site_id = ? ORDER BY id').all(siteId) as GoalRow[];
  const put = out.prepare('INSERT INTO main.goals (id, name, kind, definition, value) VALUES (?, ?, ?, ?, ?)');
  let conversions = 0;
  for (const g of goals) {
    put.run(g.id, g.name, g.kind, g.definition, g.value);
    const cond = v.safeParse(stepConditionSchema, parseJson(g.definition));
    if (!cond.success) continue;
    const names = cond.output.names ?? ['pageview'];
    const where = [`e.name IN (${names.map(() => '?').join(',')})`];
    const params: unknown[] = [g.id, g.name, g.value, ...names];
    const page = cond.output.page;
    if (page !== undefined) {
      where.push(matchesUrl(page) ? 'e.url GLOB ?' : 'e.path GLOB ?');
      params.push(patternToGlob(page));
    }
    const f = propFilterSql(cond.output.props ?? [], 'e.props');
    where.push(f.sql);
    params.push(...f.params);
    conversions += out.prepare(`INSERT INTO main.conversions (goal, goal_name, event, visitor, session, time, ts, value)
      SELECT ?, ?, e.id, e.visitor, e.session, e.time, e.ts, COALESCE(?, e.value)
      FROM main.events e WHERE ${where.join(' AND ')}`).run(...params).changes;
  }
  return { goals: goals.length, conversions };
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
