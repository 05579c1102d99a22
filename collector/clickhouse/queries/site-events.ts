import { type Sql, sql } from '../sql';
import { type ChContext, table } from './ch-context';

/** DateTime seconds of a ms time, clamped as the shipper clamps `time` (spool-rows.ts). */
const seconds = (ts: number): number => Math.min(0xffff_ffff, Math.max(0, Math.floor(ts / 1000)));

/**
 * `ts` in [from, to) (ms; either side may be infinite), plus the matching bounds on `time`, the
 * sort key's second column, so ClickHouse reads only the granules of the range.
 */
export function tsRange(from: number, to: number): Sql {
  const parts: Sql[] = [];
  if (Number.isFinite(from)) parts.push(sql`time >= toDateTime(${seconds(from)}) AND ts >= ${from}`);
  if (Number.isFinite(to)) parts.push(sql`time <= toDateTime(${seconds(to - 1)}) AND ts < ${to}`);
  if (parts.length === 0) return sql`1`;
  return parts.length === 1 ? parts[0]! : sql`${parts[0]!} AND ${parts[1]!}`;
}

/** The first link of each lead of the site (leads table; the first link wins, as in the spool). */
const leadLinks = (ctx: ChContext, siteId: number): Sql =>
  sql`(SELECT lead AS lk, argMin(visitor, linked_at) AS lv FROM ${table(ctx, 'leads')} WHERE site_id = ${siteId} GROUP BY lead)`;

/**
 * A subquery of the site's events that pass `where`, with columns `cols` and `v`: the visitor the
 * SQLite engine would name. An offline event stored for a lead before the lead was linked
 * (`standin`) belongs to the lead's linked visitor once there is one, as the spool's re-pointing
 * UPDATE makes it; ClickHouse rows are never updated, so the link is followed here. Only stand-in
 * rows (offline, few) go through the join.
 */
export function resolvedEvents(ctx: ChContext, siteId: number, cols: Sql, where: Sql): Sql {
  const events = table(ctx, 'events');
  return sql`(SELECT ${cols}, visitor AS v FROM ${events} WHERE site_id = ${siteId} AND standin = 0 AND ${where}
    UNION ALL
    SELECT ${cols}, if(lv != 0, lv, visitor) AS v FROM
      (SELECT *, ifNull(lead, '') AS lk FROM ${events} WHERE site_id = ${siteId} AND standin = 1 AND ${where})
      ANY LEFT JOIN ${leadLinks(ctx, siteId)} USING lk)`;
}
