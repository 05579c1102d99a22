import type { Db } from '../db/open-database';
import type { Realtime, RecentEvent } from '../reports/types';
import { technicalList } from './event-filter';

export const REALTIME_MINUTES = 30;
const MINUTE = 60_000;

/** The last 30 minutes: who is on the site (web events only), what they do, newest events first. */
export function getRealtime(db: Db, siteId: number, now: number): Realtime {
  const from = Math.floor(now / MINUTE) * MINUTE - (REALTIME_MINUTES - 1) * MINUTE;
  const base = `FROM events e JOIN names n ON n.id = e.name_id WHERE e.site_id = ? AND e.ts >= ? AND e.ts <= ?
    AND e.origin = 'web' AND n.name NOT IN (${technicalList})`;
  const { visitors } = db
    .prepare(`SELECT COUNT(DISTINCT e.visitor_id) AS visitors ${base}`)
    .get(siteId, from, now) as { visitors: number };
  const perMinute = db
    .prepare(`SELECT CAST((e.ts - ?) / ${MINUTE} AS INTEGER) AS b, COUNT(*) AS c ${base} GROUP BY b`)
    .all(from, siteId, from, now) as { b: number; c: number }[];
  const t = Array.from({ length: REALTIME_MINUTES }, (_, i) => from + i * MINUTE);
  const events = t.map(() => 0);
  for (const r of perMinute) if (r.b >= 0 && r.b < REALTIME_MINUTES) events[r.b] = r.c;
  const topPages = db
    .prepare(
      `SELECT e.path AS path, COUNT(DISTINCT e.visitor_id) AS visitors ${base} AND e.path IS NOT NULL
     GROUP BY e.path ORDER BY visitors DESC, path LIMIT 10`,
    )
    .all(siteId, from, now) as Realtime['topPages'];
  const recent = db
    .prepare(
      `SELECT e.ts AS ts, n.name AS name, e.path AS path, ss.channel AS channel, e.referrer AS referrer
     FROM events e JOIN names n ON n.id = e.name_id LEFT JOIN sessions ss ON ss.id = e.session_id
     WHERE e.site_id = ? AND e.ts >= ? AND e.ts <= ? AND e.origin = 'web' AND n.name NOT IN (${technicalList})
     ORDER BY e.ts DESC, e.id DESC LIMIT 50`,
    )
    .all(siteId, from, now) as RecentEvent[];
  return { visitors, t, events, topPages, recent };
}
