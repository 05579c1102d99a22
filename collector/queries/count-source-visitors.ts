import { sourceKey } from '../attribution/conversion-rows';
import type { Db } from '../db/open-database';

/** `channel \0 source \0 campaign` → visitors; the campaign part empty for the source tallies. */
export type SourceVisitors = Map<string, number>;

/**
 * Visitors with a session that started in [from, to), by channel and source (utm_source, else the
 * referrer's host, else `(direct)`), and by source and campaign for tagged sessions.
 */
export function countSourceVisitors(db: Db, siteId: number, q: { from: number; to: number }): SourceVisitors {
  const out: SourceVisitors = new Map();
  const source = `coalesce(utm_source, referrer_host, '(direct)')`;
  for (const [channel, src, campaign, n] of db
    .prepare(`SELECT channel, ${source}, NULL, count(DISTINCT visitor_id) FROM sessions
      WHERE site_id = ? AND start_ts >= ? AND start_ts < ? GROUP BY 1, 2
    UNION ALL
    SELECT channel, ${source}, utm_campaign, count(DISTINCT visitor_id) FROM sessions
      WHERE site_id = ? AND start_ts >= ? AND start_ts < ? AND utm_campaign IS NOT NULL GROUP BY 1, 2, 3`)
    .raw(true)
    .all(siteId, q.from, q.to, siteId, q.from, q.to) as [string, string, string | null, number][])
    out.set(sourceKey(channel, src, campaign), n);
  return out;
}
