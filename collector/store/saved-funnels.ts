import type { Db } from '../db/open-database';

/** Saved funnels a site may have: a long list for a marketer, still one small response. */
export const MAX_SAVED_FUNNELS_PER_SITE = 100;

/** A funnel kept under a name; `definition` is what the funnel route takes, without the range. */
export interface SavedFunnel<D = Record<string, unknown>> {
  id: number;
  siteId: number;
  name: string;
  definition: D;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  site_id: number;
  name: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

const toSaved = <D>(r: Row): SavedFunnel<D> => ({
  id: r.id,
  siteId: r.site_id,
  name: r.name,
  definition: JSON.parse(r.definition) as D,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listSavedFunnels<D>(db: Db, siteId: number): SavedFunnel<D>[] {
  return (
    db.prepare('SELECT * FROM saved_funnels WHERE site_id = ? ORDER BY name, id').all(siteId) as Row[]
  ).map((r) => toSaved<D>(r));
}

export function getSavedFunnel<D>(db: Db, siteId: number, id: number): SavedFunnel<D> | undefined {
  const row = db.prepare('SELECT * FROM saved_funnels WHERE site_id = ? AND id = ?').get(siteId, id) as
    | Row
    | undefined;
  return row && toSaved<D>(row);
}

/** Saves a funnel; undefined when the site already has MAX_SAVED_FUNNELS_PER_SITE. */
export function createSavedFunnel<D>(
  db: Db,
  siteId: number,
  input: { name: string; definition: D },
  now = Date.now(),
): SavedFunnel<D> | undefined {
  return db.transaction(() => {
    const count = db
      .prepare('SELECT count(*) FROM saved_funnels WHERE site_id = ?')
      .pluck()
      .get(siteId) as number;
    if (count >= MAX_SAVED_FUNNELS_PER_SITE) return undefined;
    const info = db
      .prepare(
        'INSERT INTO saved_funnels (site_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(siteId, input.name, JSON.stringify(input.definition), now, now);
    return getSavedFunnel<D>(db, siteId, Number(info.lastInsertRowid));
  })();
}

export function updateSavedFunnel<D>(
  db: Db,
  siteId: number,
  id: number,
  patch: { name?: string | undefined; definition?: D | undefined },
  now = Date.now(),
): SavedFunnel<D> | undefined {
  const saved = getSavedFunnel<D>(db, siteId, id);
  if (!saved) return undefined;
  db.prepare('UPDATE saved_funnels SET name = ?, definition = ?, updated_at = ? WHERE id = ?').run(
    patch.name ?? saved.name,
    JSON.stringify(patch.definition ?? saved.definition),
    now,
    id,
  );
  return getSavedFunnel<D>(db, siteId, id);
}

export function deleteSavedFunnel(db: Db, siteId: number, id: number): boolean {
  return db.prepare('DELETE FROM saved_funnels WHERE site_id = ? AND id = ?').run(siteId, id).changes > 0;
}
