import type { Db } from '../db/open-database';
import type { Goal, GoalDefinition } from '../model';
import type { GoalPatch, NewGoal } from './goal-schema';

/** Goals a site may have: enough for any marketer, small enough to list in one response. */
export const MAX_GOALS_PER_SITE = 200;

interface GoalRow {
  id: number;
  site_id: number;
  name: string;
  definition: string;
  value: number | null;
  currency: string | null;
  created_at: number;
  updated_at: number;
}

const toGoal = (r: GoalRow): Goal => ({
  id: r.id,
  siteId: r.site_id,
  name: r.name,
  value: r.value,
  currency: r.currency,
  definition: JSON.parse(r.definition) as GoalDefinition,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listGoals(db: Db, siteId: number): Goal[] {
  return (db.prepare('SELECT * FROM goals WHERE site_id = ? ORDER BY id').all(siteId) as GoalRow[]).map(
    toGoal,
  );
}

export function getGoal(db: Db, siteId: number, id: number): Goal | undefined {
  const row = db.prepare('SELECT * FROM goals WHERE site_id = ? AND id = ?').get(siteId, id) as
    | GoalRow
    | undefined;
  return row && toGoal(row);
}

/** Creates a goal; undefined when the site already has MAX_GOALS_PER_SITE. */
export function createGoal(db: Db, siteId: number, g: NewGoal, now = Date.now()): Goal | undefined {
  return db.transaction(() => {
    const count = db.prepare('SELECT count(*) FROM goals WHERE site_id = ?').pluck().get(siteId) as number;
    if (count >= MAX_GOALS_PER_SITE) return undefined;
    const info = db
      .prepare(
        'INSERT INTO goals (site_id, name, kind, definition, value, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        siteId,
        g.name,
        g.definition.kind,
        JSON.stringify(g.definition),
        g.value ?? null,
        g.currency ?? null,
        now,
        now,
      );
    return getGoal(db, siteId, Number(info.lastInsertRowid));
  })();
}

export function updateGoal(
  db: Db,
  siteId: number,
  id: number,
  patch: GoalPatch,
  now = Date.now(),
): Goal | undefined {
  const goal = getGoal(db, siteId, id);
  if (!goal) return undefined;
  const def = patch.definition ?? goal.definition;
  db.prepare(
    'UPDATE goals SET name = ?, kind = ?, definition = ?, value = ?, currency = ?, updated_at = ? WHERE id = ?',
  ).run(
    patch.name ?? goal.name,
    def.kind,
    JSON.stringify(def),
    patch.value !== undefined ? patch.value : goal.value,
    patch.currency !== undefined ? patch.currency : goal.currency,
    now,
    id,
  );
  return getGoal(db, siteId, id);
}

export function deleteGoal(db: Db, siteId: number, id: number): boolean {
  return db.prepare('DELETE FROM goals WHERE site_id = ? AND id = ?').run(siteId, id).changes > 0;
}
