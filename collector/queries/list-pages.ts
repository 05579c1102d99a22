import type { Db } from '../db/open-database';
import type { PageCount } from '../reports/types';

/** Pages viewed on the site (web events) since `from`, most viewed first: for the page filter and page steps of a funnel. */
export function listPages(db: Db, siteId: number, from: number, limit = 500): PageCount[] {
  return db
    .prepare(
      `SELECT e.path AS path, COUNT(*) AS pageviews, COUNT(DISTINCT e.visitor_id) AS visitors
     FROM events e JOIN names n ON n.id = e.name_id
     WHERE e.site_id = ? AND e.ts >= ? AND e.origin = 'web' AND n.name = 'pageview' AND e.path IS NOT NULL
     GROUP BY e.path ORDER BY pageviews DESC, path LIMIT ?`,
    )
    .all(siteId, from, limit) as PageCount[];
}
