import { pageMatchSql } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import type { ReportFilter, SourceRow, Sources } from '../reports/types';
import { technicalList } from './event-filter';

/**
 * Where sessions that started in the range came from, with the touchpoints (not pageviews) they
 * produced. `page` filters on the landing page, the page a source sent people to.
 */
export function getSources(db: Db, f: ReportFilter, limit = 100): Sources {
  const where = ['ss.site_id = ?', 'ss.start_ts >= ?', 'ss.start_ts < ?'];
  const params: unknown[] = [f.siteId, f.from, f.to];
  if (f.channel) {
    where.push('ss.channel = ?');
    params.push(f.channel);
  }
  if (f.device) {
    where.push('ss.device = ?');
    params.push(f.device);
  }
  if (f.country) {
    where.push('ss.country = ?');
    params.push(f.country);
  }
  if (f.page) {
    const m = pageMatchSql('ss.landing_path', f.page, f.pageMatch);
    where.push(m.sql);
    params.push(...m.params);
  }
  // Touchpoints per session in one pass over the range (there is no index on session_id).
  const base = `WITH t AS (
      SELECT e.session_id, COUNT(*) AS c FROM events e JOIN names n ON n.id = e.name_id
      WHERE e.site_id = ? AND e.ts >= ? AND e.session_id IS NOT NULL AND e.origin = 'web'
        AND n.name NOT IN ('pageview', ${technicalList}) GROUP BY e.session_id)
    SELECT %KEY% AS key, COUNT(*) AS sessions, COUNT(DISTINCT ss.visitor_id) AS visitors,
           COALESCE(SUM(t.c), 0) AS touchpoints
    FROM sessions ss LEFT JOIN t ON t.session_id = ss.id
    WHERE ${where.join(' AND ')} AND %KEY% IS NOT NULL
    GROUP BY key ORDER BY sessions DESC, key LIMIT ${Math.trunc(limit)}`;
  const by = (key: string) =>
    db.prepare(base.replaceAll('%KEY%', key)).all(f.siteId, f.from, ...params) as SourceRow[];
  return {
    channels: by('ss.channel'),
    utmSources: by('ss.utm_source'),
    utmMediums: by('ss.utm_medium'),
    utmCampaigns: by('ss.utm_campaign'),
    referrers: by('ss.referrer_host'),
  };
}
