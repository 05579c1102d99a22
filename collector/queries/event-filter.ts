import { pageMatchSql } from '../conditions/page-match';
import type { ReportFilter } from '../reports/types';
/** Events the dashboard counts as noise, not touchpoints: measurements, id links, delivery losses. */
export const TECHNICAL_EVENTS = ['web_vital', 'engagement', 'identify', 'queue_dropped'] as const;

export interface FilterSql {
  /** `FROM events e JOIN names n … LEFT JOIN sessions ss …` */
  from: string;
  /** `WHERE …` without the keyword. */
  where: string;
  params: unknown[];
}

/**
 * The FROM/WHERE the dashboard's web reports share, with placeholders in a fixed order. Web events
 * only (origin `web`): a person known only from a call or a deal was never on the site, so offline
 * and imported events count where they are outcomes (goals, funnels, response speed, attribution,
 * the scorecard), never as visitors, sessions, pageviews or touchpoints of the site.
 */
export function eventFilterSql(f: ReportFilter): FilterSql {
  const where = ['e.site_id = ?', 'e.ts >= ?', 'e.ts < ?', `e.origin = 'web'`];
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
    const m = pageMatchSql('e.path', f.page, f.pageMatch);
    where.push(m.sql);
    params.push(...m.params);
  }
  // SQLite keeps an unused LEFT JOIN: looking every event's session up cost the overview more
  // than reading its events, so sessions are joined only for a session filter.
  const sessions = f.channel || f.device || f.country ? ' LEFT JOIN sessions ss ON ss.id = e.session_id' : '';
  return {
    from: `FROM events e JOIN names n ON n.id = e.name_id${sessions}`,
    where: where.join(' AND '),
    params,
  };
}

/** `'web_vital', 'engagement', …` for an IN list; constants, never user input. */
export const technicalList = TECHNICAL_EVENTS.map((n) => `'${n}'`).join(', ');

/**
 * Pageviews and touchpoints (not measurements) of events `e`, written on the name id so SQLite
 * reads them through events_by_name, which covers what the overview and timeseries need: about a
 * quarter of a site's events, not every row of the range (vitals and engagement are the rest).
 */
export const NOT_TECHNICAL_SQL = `e.name_id IN (SELECT id FROM names WHERE name NOT IN (${technicalList}))`;
