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
  return {
    from: 'FROM events e JOIN names n ON n.id = e.name_id LEFT JOIN sessions ss ON ss.id = e.session_id',
    where: where.join(' AND '),
    params,
  };
}

/** `'web_vital', 'engagement', …` for an IN list; constants, never user input. */
export const technicalList = TECHNICAL_EVENTS.map((n) => `'${n}'`).join(', ');
