import { pageMatchSql } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import type { Audience, AudienceRow, ReportFilter } from '../reports/types';

const DIMS = ['device', 'browser', 'os', 'country'] as const;

/**
 * Devices, browsers, operating systems and countries of the web sessions that started in the
 * range: sessions and visitors per value (null: unknown), most sessions first; `f.page` filters by
 * landing page, like the sources report.
 */
export function getAudience(db: Db, f: ReportFilter, limit = 100): Audience {
  const where = ['site_id = ?', 'start_ts >= ?', 'start_ts < ?'];
  const params: unknown[] = [f.siteId, f.from, f.to];
  for (const [col, value] of [
    ['channel', f.channel],
    ['device', f.device],
    ['country', f.country],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${col} = ?`);
    params.push(value);
  }
  if (f.page !== undefined) {
    const m = pageMatchSql('landing_path', f.page, f.pageMatch);
    where.push(m.sql);
    params.push(...m.params);
  }
  // Grouped in SQL, one dimension at a time: cheaper than handing every session row to JS.
  const list = (dim: (typeof DIMS)[number]): AudienceRow[] =>
    db
      .prepare(
        `SELECT ${dim} AS value, COUNT(*) AS sessions, COUNT(DISTINCT visitor_id) AS visitors
         FROM sessions WHERE ${where.join(' AND ')}
         GROUP BY 1 ORDER BY sessions DESC, value IS NULL, value LIMIT ${Math.trunc(limit)}`,
      )
      .all(...params) as AudienceRow[];
  return {
    devices: list('device'),
    browsers: list('browser'),
    operatingSystems: list('os'),
    countries: list('country'),
  };
}
