import type { Db } from '../db/open-database';
import type { Goal } from '../model';
import type { ConfigWrites } from '../store/config-writes';
import type { GoalPatch, NewGoal } from './goal-schema';
import { getGoal, MAX_GOALS_PER_SITE } from './goal-store';

/**
 * Goal changes through `writes` (this file, or the cluster's PostgreSQL and then this file), read
 * back from `db`. The per-site limit is checked on this node's copy: two nodes adding the last
 * goal at the same instant may both pass it, a goal over a soft limit, not a broken invariant.
 */
export async function addGoal(
  writes: ConfigWrites,
  db: Db,
  siteId: number,
  g: NewGoal,
  now = Date.now(),
): Promise<Goal | undefined> {
  const count = db.prepare('SELECT count(*) FROM goals WHERE site_id = ?').pluck().get(siteId) as number;
  if (count >= MAX_GOALS_PER_SITE) return undefined;
  const id = await writes.insert('goals', {
    site_id: siteId,
    name: g.name,
    kind: g.definition.kind,
    definition: JSON.stringify(g.definition),
    value: g.value ?? null,
    currency: g.currency ?? null,
    created_at: now,
    updated_at: now,
  });
  return getGoal(db, siteId, id);
}

export async function changeGoal(
  writes: ConfigWrites,
  db: Db,
  siteId: number,
  id: number,
  patch: GoalPatch,
  now = Date.now(),
): Promise<Goal | undefined> {
  const goal = getGoal(db, siteId, id);
  if (!goal) return undefined;
  const def = patch.definition ?? goal.definition;
  await writes.update(
    'goals',
    { id, site_id: siteId },
    {
      name: patch.name ?? goal.name,
      kind: def.kind,
      definition: JSON.stringify(def),
      value: patch.value !== undefined ? patch.value : goal.value,
      currency: patch.currency !== undefined ? patch.currency : goal.currency,
      updated_at: now,
    },
  );
  return getGoal(db, siteId, id);
}

export async function removeGoal(writes: ConfigWrites, siteId: number, id: number): Promise<boolean> {
  return (await writes.delete('goals', { id, site_id: siteId })) > 0;
}
