import { TECHNICAL_EVENTS } from '../../queries/event-filter';
import type { ReportFilter } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { tsRange } from './site-events';

/** Names that are never touchpoints (queries/event-filter.ts), as a ClickHouse array literal. */
export const TECHNICAL = sql`${[...TECHNICAL_EVENTS]}`;

/**
 * The WHERE of the dashboard's web reports (queries/event-filter.ts): the site's web events in
 * [from, to) with the session filters, which are columns of the event row here. Web events are
 * never stored for a lead's stand-in visitor, so `visitor` is the visitor the SQLite engine names.
 */
export function webWhere(f: ReportFilter): Sql {
  let w = sql`site_id = ${f.siteId} AND ${tsRange(f.from, f.to)} AND origin = 'web'`;
  if (f.channel) w = sql`${w} AND channel = ${f.channel}`;
  if (f.device) w = sql`${w} AND device = ${f.device}`;
  if (f.page) w = sql`${w} AND path = ${f.page}`;
  return w;
}

/** A ClickHouse count (UInt64 arrives as a decimal string) as a number. */
export const num = (v: string | number | null | undefined): number => Number(v ?? 0);
