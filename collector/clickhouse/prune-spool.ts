import type { Db } from '../db/open-database';
import { SpoolState } from './spool-state';

export interface SpoolPruned {
  events: number;
  sessions: number;
  visitors: number;
}

/**
 * Deletes from the spool what ClickHouse has and ingest no longer needs: shipped events received
 * before `before`, then sessions that ended before it and hold no event, and visitors left with
 * nothing (no event, no session, no lead link). What stays is what ingest works from: recent
 * events (duplicate ids are refused by the unique index), recent sessions (an event within 30
 * minutes joins its session), lead links (the first link wins) and every unshipped event.
 *
 * Rows are walked in id order in chunks, each its own short transaction, so the writer waits
 * milliseconds. The walk stops at the first chunk reaching rows received after `before`: ids follow
 * commit order, so the rest are newer too (a straggler goes on a later run).
 */
export function pruneSpool(db: Db, before: number, { chunk = 5000 }: { chunk?: number } = {}): SpoolPruned {
  const state = new SpoolState(db);
  // First: from now on, events older than this are checked in ClickHouse before they ship (a
  // replay of a pruned row), even if this run stops half-way.
  state.prunedBefore = before;
  const shipped = state.shipped;
  const events = walk(
    db,
    'SELECT id, received_at AS t FROM events WHERE id > ? AND id <= ? ORDER BY id LIMIT ?',
    'DELETE FROM events WHERE id = ?',
    shipped,
    before,
    chunk,
  );
  // The newest session stays: SQLite would hand its id out again, and session ids go to ClickHouse.
  const newestSession = (db.prepare('SELECT ifnull(max(id), 0) FROM sessions').pluck().get() as number) - 1;
  const sessions = walk(
    db,
    `SELECT id, end_ts AS t FROM sessions s WHERE id > ? AND id <= ?
       AND NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = s.site_id AND e.visitor_id = s.visitor_id AND e.session_id = s.id)
       ORDER BY id LIMIT ?`,
    'DELETE FROM sessions WHERE id = ?',
    newestSession,
    before,
    chunk,
  );
  const linked = new Set(db.prepare('SELECT visitor_id FROM leads').pluck().all() as number[]);
  const newestVisitor = db.prepare('SELECT ifnull(max(id), 0) FROM visitors').pluck().get() as number;
  const visitors = walk(
    db,
    `SELECT id, first_ts AS t FROM visitors v WHERE id > ? AND id <= ?
       AND NOT EXISTS (SELECT 1 FROM events e WHERE e.site_id = v.site_id AND e.visitor_id = v.id)
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.site_id = v.site_id AND s.visitor_id = v.id)
       ORDER BY id LIMIT ?`,
    'DELETE FROM visitors WHERE id = ?',
    newestVisitor,
    before,
    chunk,
    (id) => !linked.has(id),
  );
  return { events, sessions, visitors };
}

/** Deletes rows whose `t` is before `before`, in id order up to `upTo`, until a chunk reaches newer rows. */
function walk(
  db: Db,
  select: string,
  del: string,
  upTo: number,
  before: number,
  chunk: number,
  keep: (id: number) => boolean = () => true,
): number {
  const read = db.prepare(select);
  const remove = db.prepare(del);
  let after = 0;
  let deleted = 0;
  for (;;) {
    const rows = read.all(after, upTo, chunk) as { id: number; t: number }[];
    if (rows.length === 0) return deleted;
    let newer = false;
    deleted += db.transaction(() => {
      let n = 0;
      for (const r of rows) {
        if (r.t >= before) newer = true;
        else if (keep(r.id)) n += remove.run(r.id).changes;
      }
      return n;
    })();
    if (newer || rows.length < chunk) return deleted;
    after = rows.at(-1)!.id;
  }
}
