import { pageMatchSql } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import type { ReportFilter, SourceRow, Sources } from '../reports/types';
import { technicalList } from './event-filter';

const KEYS = ['ss.channel', 'ss.utm_source', 'ss.utm_medium', 'ss.utm_campaign', 'ss.referrer_host'] as const;

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
  // Touchpoints per session, once for every list: through the name index (touchpoints are a few
  // per cent of events), never joining the range's pageviews and measurements.
  const rows = db
    .prepare(
      `WITH t AS (
        SELECT e.session_id, COUNT(*) AS c FROM events e
        WHERE e.site_id = ? AND e.name_id IN (SELECT id FROM names WHERE name NOT IN ('pageview', ${technicalList}))
          AND e.ts >= ? AND e.session_id IS NOT NULL AND e.origin = 'web' GROUP BY e.session_id)
      SELECT ss.visitor_id, ${KEYS.join(', ')}, COALESCE(t.c, 0)
      FROM sessions ss LEFT JOIN t ON t.session_id = ss.id
      WHERE ${where.join(' AND ')}`,
    )
    .raw(true)
    .iterate(f.siteId, f.from, ...params) as Iterable<[number, ...(string | null)[], number]>;
  const groups = KEYS.map(
    () => new Map<string, { sessions: number; visitors: Set<number>; touchpoints: number }>(),
  );
  for (const row of rows) {
    const visitor = row[0] as number;
    const touchpoints = row[KEYS.length + 1] as number;
    for (let k = 0; k < KEYS.length; k++) {
      const key = row[k + 1] as string | null;
      if (key === null) continue;
      const m = groups[k]!;
      let g = m.get(key);
      if (!g) m.set(key, (g = { sessions: 0, visitors: new Set(), touchpoints: 0 }));
      g.sessions++;
      g.visitors.add(visitor);
      g.touchpoints += touchpoints;
    }
  }
  const list = (k: number): SourceRow[] =>
    [...groups[k]!]
      .map(([key, g]) => ({
        key,
        sessions: g.sessions,
        visitors: g.visitors.size,
        touchpoints: g.touchpoints,
      }))
      .sort((a, b) => b.sessions - a.sessions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, Math.trunc(limit));
  return {
    channels: list(0),
    utmSources: list(1),
    utmMediums: list(2),
    utmCampaigns: list(3),
    referrers: list(4),
  };
}
