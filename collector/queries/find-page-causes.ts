import type { Db } from '../db/open-database';

export interface PageCauses {
  /** Per path: where most of its "page not found" visits came from (`yandex / spring_promo`, a host, `(direct)`). */
  notFoundSource: Map<string, string>;
  /** Per path: the element most of its rage and dead clicks were on. */
  frustratingElement: Map<string, string>;
}

/** The most common cause behind each page's failures in [from, to), for the scorecard's sentences. */
export function findPageCauses(db: Db, siteId: number, q: { from: number; to: number }): PageCauses {
  const top = (sql: string) => {
    const out = new Map<string, string>();
    // Ordered by count within each path, so the first row of a path is its top cause.
    for (const [path, cause] of db.prepare(sql).raw(true).all(siteId, q.from, q.to) as [string, string][])
      if (!out.has(path) && cause !== null) out.set(path, cause);
    return out;
  };
  return {
    notFoundSource:
      top(`SELECT e.path, coalesce(ss.utm_source || coalesce(' / ' || ss.utm_campaign, ''), ss.referrer_host, '(direct)') AS cause
      FROM events e LEFT JOIN sessions ss ON ss.id = e.session_id
      WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.path IS NOT NULL AND e.session_id IS NOT NULL
        AND e.name_id = (SELECT id FROM names WHERE name = 'not_found')
      GROUP BY e.path, cause ORDER BY e.path, count(*) DESC, cause`),
    frustratingElement:
      top(`SELECT e.path, CASE WHEN json_valid(e.props) THEN json_extract(e.props, '$.element') END AS cause
      FROM events e
      WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.path IS NOT NULL AND e.session_id IS NOT NULL
        AND e.name_id IN (SELECT id FROM names WHERE name IN ('rage_click', 'dead_click'))
      GROUP BY e.path, cause ORDER BY e.path, count(*) DESC, cause`),
  };
}
