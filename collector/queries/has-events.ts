import type { Db } from '../db/open-database';
import type { FirstEventCheck } from '../reports/types';

/** Whether any event reached the site yet: the setup page's "waiting for the first event…" check. */
export function hasEvents(db: Db, siteId: number): FirstEventCheck {
  const latest = db
    .prepare(
      `SELECT n.name AS name, e.path AS path, e.ts AS ts FROM events e JOIN names n ON n.id = e.name_id
     WHERE e.site_id = ? ORDER BY e.ts DESC LIMIT 1`,
    )
    .get(siteId) as FirstEventCheck['latest'] | undefined;
  return { hasEvents: !!latest, latest: latest ?? null };
}
