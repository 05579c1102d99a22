import type { Db } from '../db/open-database';
import { listSites } from '../store/sites';
import { compactDatabase } from './compact-database';
import { type PruneResult, pruneSite } from './prune-site';

export const DAY_MS = 86_400_000;

export interface SitePruned extends PruneResult {
  site: string;
  before: number;
}

/**
 * Applies every site's `retention_days` (sites without one keep everything) and, with `compact`,
 * gives the space back when anything went. The running collector calls it daily without
 * compacting (VACUUM would hold up ingest; new events reuse the freed pages); `touchpoint prune`
 * compacts.
 */
export function pruneExpired(
  db: Db,
  now = Date.now(),
  { compact = true }: { compact?: boolean } = {},
): SitePruned[] {
  const done: SitePruned[] = [];
  for (const site of listSites(db)) {
    if (!site.retentionDays) continue;
    const before = now - site.retentionDays * DAY_MS;
    done.push({ site: site.publicId, before, ...pruneSite(db, site.id, before) });
  }
  if (compact && done.some((d) => d.events > 0)) compactDatabase(db);
  return done;
}
