import type { Db } from '../db/open-database';

export interface DeletedSite {
  events: number;
  sessions: number;
  visitors: number;
}

/** Tables that hold a site's rows, emptied in the last transaction (children before parents). */
const SITE_TABLES = [
  'leads',
  'funnel_cols',
  'funnel_blocks',
  'funnel_dirty',
  'funnel_paths',
  'goals',
  'saved_funnels',
  'share_links',
] as const;

/**
 * Deletes a site and everything stored for it: events (in chunks, so a running collector's
 * writer waits milliseconds between them, not the whole deletion), sessions, visitors, lead
 * links, goals, saved funnels, share links and the funnel engine's blocks; then the site itself,
 * in one last transaction with whatever arrived meanwhile, so no row of it is left. Space goes
 * back to the file system only by `compactDatabase` afterwards.
 */
export async function deleteSite(db: Db, siteId: number, { chunk = 5000 } = {}): Promise<DeletedSite> {
  const delEvents = db.prepare(
    'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE site_id = ? LIMIT ?)',
  );
  let events = 0;
  for (;;) {
    const n = db.transaction(() => delEvents.run(siteId, chunk).changes)();
    events += n;
    if (n < chunk) break;
    await new Promise((r) => setImmediate(r)); // let other requests in between chunks
  }
  return db.transaction(() => {
    events += db.prepare('DELETE FROM events WHERE site_id = ?').run(siteId).changes;
    const sessions = db.prepare('DELETE FROM sessions WHERE site_id = ?').run(siteId).changes;
    for (const t of SITE_TABLES) db.prepare(`DELETE FROM ${t} WHERE site_id = ?`).run(siteId);
    const visitors = db.prepare('DELETE FROM visitors WHERE site_id = ?').run(siteId).changes;
    db.prepare('DELETE FROM sites WHERE id = ?').run(siteId);
    return { events, sessions, visitors };
  })();
}
