import type { Db } from '../db/open-database';
import type { ConfigWrites } from './config-writes';
import { getSavedFunnel, MAX_SAVED_FUNNELS_PER_SITE, type SavedFunnel } from './saved-funnels';

/**
 * Saved funnel changes through `writes` (this file, or the cluster's PostgreSQL and then this
 * file), read back from `db`; the per-site limit is checked on this node's copy (see goal-writes.ts).
 */
export async function addSavedFunnel<D>(
  writes: ConfigWrites,
  db: Db,
  siteId: number,
  input: { name: string; definition: D },
  now = Date.now(),
): Promise<SavedFunnel<D> | undefined> {
  const count = db
    .prepare('SELECT count(*) FROM saved_funnels WHERE site_id = ?')
    .pluck()
    .get(siteId) as number;
  if (count >= MAX_SAVED_FUNNELS_PER_SITE) return undefined;
  const id = await writes.insert('saved_funnels', {
    site_id: siteId,
    name: input.name,
    definition: JSON.stringify(input.definition),
    created_at: now,
    updated_at: now,
  });
  return getSavedFunnel<D>(db, siteId, id);
}

export async function changeSavedFunnel<D>(
  writes: ConfigWrites,
  db: Db,
  siteId: number,
  id: number,
  patch: { name?: string | undefined; definition?: D | undefined },
  now = Date.now(),
): Promise<SavedFunnel<D> | undefined> {
  const saved = getSavedFunnel<D>(db, siteId, id);
  if (!saved) return undefined;
  await writes.update(
    'saved_funnels',
    { id, site_id: siteId },
    {
      name: patch.name ?? saved.name,
      definition: JSON.stringify(patch.definition ?? saved.definition),
      updated_at: now,
    },
  );
  return getSavedFunnel<D>(db, siteId, id);
}

export async function removeSavedFunnel(writes: ConfigWrites, siteId: number, id: number): Promise<boolean> {
  return (await writes.delete('saved_funnels', { id, site_id: siteId })) > 0;
}
