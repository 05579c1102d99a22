import type { Db } from '../db/open-database';
import type { Overview, ReportFilter, TouchpointCount } from '../reports/types';
import { eventFilterSql, NOT_TECHNICAL_SQL } from './event-filter';

/** Headline numbers and touchpoints by kind for a range and filters. */
export function getOverview(db: Db, f: ReportFilter): Overview {
  const q = eventFilterSql(f);
  const totals = db
    .prepare(
      `SELECT COUNT(DISTINCT e.visitor_id) AS visitors, COUNT(DISTINCT e.session_id) AS sessions,
            COALESCE(SUM(n.name = 'pageview'), 0) AS pageviews, COALESCE(SUM(n.name <> 'pageview'), 0) AS touchpoints
     ${q.from} WHERE ${q.where} AND ${NOT_TECHNICAL_SQL}`,
    )
    .get(...q.params) as Omit<Overview, 'byKind'>;
  const byKind = db
    .prepare(
      // Grouped by id, named after: the names are one row each, the events hundreds of thousands.
      `SELECT n.name AS name, x.count AS count, x.visitors AS visitors FROM (
         SELECT e.name_id AS id, COUNT(*) AS count, COUNT(DISTINCT e.visitor_id) AS visitors
         ${q.from} WHERE ${q.where} AND ${NOT_TECHNICAL_SQL} GROUP BY e.name_id) x
       JOIN names n ON n.id = x.id ORDER BY count DESC, name LIMIT 200`,
    )
    .all(...q.params) as TouchpointCount[];
  return { ...totals, byKind };
}
