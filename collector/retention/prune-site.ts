import type { Db } from '../db/open-database';

export interface PruneResult {
  events: number;
  sessions: number;
  visitors: number;
  leads: number;
}

export interface PruneOptions {
  /** Events deleted per transaction, so a running collector's writer waits milliseconds, not minutes. */
  chunk?: number;
}

/**
 * Deletes one site's events older than `before` (ms), then the sessions, visitors and lead links
 * left without events. Sessions and visitors that still have newer events stay. Space is given
 * back to the file system only by `compactDatabase` afterwards.
 */
export function pruneSite(
  db: Db,
  siteId: number,
  before: number,
  { chunk = 5000 }: PruneOptions = {},
): PruneResult {
  const delEvents = db.prepare(
    'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE site_id = ? AND ts < ? LIMIT ?)',
  );
  let events = 0;
  for (;;) {
    const n = db.transaction(() => delEvents.run(siteId, before, chunk).changes)();
    events += n;
    if (n < chunk) break;
  }
  return db.transaction(() => {
    // A session's events lie inside [start_ts, end_ts]; the NOT EXISTS guards the odd straggler.
    const sessions = db
      .prepare(`DELETE FROM sessions WHERE site_id = ? AND start_ts < ? AND end_ts < ?
      AND NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = sessions.site_id AND e.visitor_id = sessions.visitor_id AND e.session_id = sessions.id)`)
      .run(siteId, before, before).changes;
    const empty = `SELECT v.id FROM visitors v WHERE v.site_id = ? AND v.first_ts < ?
      AND NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = v.site_id AND e.visitor_id = v.id)
      AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.site_id = v.site_id AND s.visitor_id = v.id)`;
    // A lead link is personal data about old activity: it goes with the visitor it points to.
    const leads = db
      .prepare(`DELETE FROM leads WHERE site_id = ? AND visitor_id IN (${empty})`)
      .run(siteId, siteId, before).changes;
    const visitors = db.prepare(`DELETE FROM visitors WHERE id IN (${empty})`).run(siteId, before).changes;
    return { events, sessions, visitors, leads };
  })();
}
