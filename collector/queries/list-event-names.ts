import type { Db } from '../db/open-database';
import type { EventName } from '../reports/types';
import { NOT_TECHNICAL_SQL } from './event-filter';

/** Touchpoint names the site really has since `from`, most frequent first: the funnel builder's palette. */
export function listEventNames(db: Db, siteId: number, from: number, limit = 500): EventName[] {
  return db
    .prepare(
      `SELECT n.name AS name, COUNT(*) AS count, COUNT(DISTINCT e.visitor_id) AS visitors
     FROM events e JOIN names n ON n.id = e.name_id
     WHERE e.site_id = ? AND ${NOT_TECHNICAL_SQL} AND e.ts >= ?
     GROUP BY n.name ORDER BY count DESC, name LIMIT ?`,
    )
    .all(siteId, from, limit) as EventName[];
}
