import type { ReportFilter } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { pageMatchSql } from './page-match-sql';

/**
 * The report filters that select sessions (channel, device, country, and with `landingPage` the
 * landing page matched by `pageMatch`) over rows that carry the session's attributes under their
 * own names: `events` rows (each carries its session's) and derivedSessions rows alike.
 */
export function sessionFilterSql(f: ReportFilter, { landingPage = false } = {}): Sql {
  let w = sql`1`;
  if (f.channel) w = sql`${w} AND channel = ${f.channel}`;
  if (f.device) w = sql`${w} AND device = ${f.device}`;
  if (f.country) w = sql`${w} AND country = ${f.country}`;
  if (landingPage && f.page !== undefined)
    w = sql`${w} AND ${pageMatchSql(sql`landing_path`, f.page, f.pageMatch)}`;
  return w;
}
