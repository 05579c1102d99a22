import { TECHNICAL_EVENTS } from '../../queries/event-filter';
import type { ReportFilter } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { pageMatchSql } from './page-match-sql';
import { sessionFilterSql } from './session-filter-sql';
import { tsRange } from './site-events';

/** Names that are never touchpoints (queries/event-filter.ts), as a ClickHouse array literal. */
export const TECHNICAL = sql`${[...TECHNICAL_EVENTS]}`;

/**
 * The WHERE of the dashboard's web reports (queries/event-filter.ts): the site's web events in
 * [from, to) with the session filters, which are columns of the event row here. Web events are
 * never stored for a lead's stand-in visitor, so `visitor` is the visitor the SQLite engine names.
 */
export function webWhere(f: ReportFilter): Sql {
  let w = sql`site_id = ${f.siteId} AND ${tsRange(f.from, f.to)} AND origin = 'web' AND ${sessionFilterSql(f)}`;
  if (f.page) w = sql`${w} AND ${pageMatchSql(sql`path`, f.page, f.pageMatch)}`;
  return w;
}

/** A ClickHouse count (UInt64 arrives as a decimal string) as a number. */
export const num = (v: string | number | null | undefined): number => Number(v ?? 0);
