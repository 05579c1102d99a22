import type { Db } from '../db/open-database';
import { VITAL_THRESHOLDS } from '../queries/summarize-vitals';
import { type ChainCheck, chainWindows, subjectSpikes } from './chain-stats';

/**
 * Poor-LCP spikes on a landing page: LCP samples above Google's "poor" line (web-vitals' own
 * threshold, judged here on the value, not on the rating the page sent) measured on the page a
 * session landed on, per page, against the same hours of past weeks. Landing pages only: that is
 * where a slow page costs the visit (a campaign's page that got heavy this morning).
 */
export function poorLcpChecks(db: Db, siteId: number, now: number, open: ReadonlySet<string>): ChainCheck[] {
  const st = db.prepare(
    `SELECT e.path AS path, count(*) AS n
       FROM events e JOIN sessions s ON s.id = e.session_id
      WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ?
        AND e.name_id = (SELECT id FROM names WHERE name = 'web_vital')
        AND e.path = s.landing_path AND json_valid(e.props)
        AND json_extract(e.props, '$.metric') = 'LCP' AND json_extract(e.props, '$.value') > ?
      GROUP BY e.path`,
  );
  const poor = VITAL_THRESHOLDS.LCP![1];
  const counts = chainWindows(now).map(
    (w) =>
      new Map(
        (st.all(siteId, w.from, w.to, poor) as { path: string; n: number }[]).map((r) => [r.path, r.n]),
      ),
  );
  return subjectSpikes(counts, 'poor_lcp', open, (path) => `poor_lcp (${path})`);
}
