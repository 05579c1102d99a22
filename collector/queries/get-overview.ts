import type { Db } from '../db/open-database';
import { eventFilterSql, technicalList, type EventFilter } from './event-filter';

export interface TouchpointCount { name: string; count: number; visitors: number }

export interface Overview {
  visitors: number;
  sessions: number;
  pageviews: number;
  /** Everything but pageviews and technical events (vitals, engagement, identify). */
  touchpoints: number;
  byKind: TouchpointCount[];
}

/** Headline numbers and touchpoints by kind for a range and filters. */
export function getOverview(db: Db, f: EventFilter): Overview {
  const q = eventFilterSql(f);
  const totals = db.prepare(
    `SELECT COUNT(DISTINCT e.visitor_id) AS visitors, COUNT(DISTINCT e.session_id) AS sessions,
            COALESCE(SUM(n.name = 'pageview'), 0) AS pageviews, COALESCE(SUM(n.name <> 'pageview'), 0) AS touchpoints
     ${q.from} WHERE ${q.where} AND n.name NOT IN (${technicalList})`,
  ).get(...q.params) as Omit<Overview, 'byKind'>;
  const byKind = db.prepare(
    `SELECT n.name AS name, COUNT(*) AS count, COUNT(DISTINCT e.visitor_id) AS visitors
     ${q.from} WHERE ${q.where} AND n.name NOT IN (${technicalList})
     GROUP BY n.name ORDER BY count DESC, name LIMIT 200`,
  ).all(...q.params) as TouchpointCount[];
  return { ...totals, byKind };
}
