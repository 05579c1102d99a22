import type { Db } from '../db/open-database';
import { listSites } from '../store/sites';
import { compactDatabase } from './compact-database';
import { pruneSite, type PruneResult } from './prune-site';

export const DAY_MS = 86_400_000;

export interface SitePruned extends PruneResult {
  site: string;
  before: number;
}

/**
 * Applies every site's `retention_days` (sites without one keep everything) and compacts the
 * file when anything went. Meant to run once a day from the server, e.g.
 * `setInterval(() => pruneExpired(db), DAY_MS).unref()` on the writer connection.
 */
export function pruneExpired(db: Db, now = Date.now()): SitePruned[] {
  const done: SitePruned[] = [];
  for (const site of listSites(db)) {
    if (!site.retentionDays) continue;
    const before = now - site.retentionDays * DAY_MS;
    done.push({ site: site.publicId, before, ...pruneSite(db, site.id, before) });
  }
  if (done.some((d) => d.events > 0)) compactDatabase(db);
  return done;
}
