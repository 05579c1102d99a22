import { sourceKey } from '../../attribution/conversion-rows';
import type { SourceVisitors } from '../../queries/count-source-visitors';
import { sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { derivedSessions } from './derived-sessions';
import { num } from './web-events';

/**
 * queries/count-source-visitors.ts in ClickHouse: visitors with a session that started in
 * [from, to) by channel and source, and by source and campaign for tagged sessions.
 */
export async function countSourceVisitors(
  ctx: ChContext,
  siteId: number,
  q: { from: number; to: number },
): Promise<SourceVisitors> {
  const rows = await queryRows<{ ch: string; src: string; camp: string; n: string | number }>(
    ctx,
    sql`SELECT ch, src, camp, uniqExact(sv) AS n FROM
      (SELECT sv, ifNull(channel, '') AS ch, ifNull(utm_source, ifNull(referrer_host, '(direct)')) AS src,
          arrayJoin(if(utm_campaign IS NULL, [''], ['', concat('c', assumeNotNull(utm_campaign))])) AS camp
        FROM ${derivedSessions(ctx, siteId, q.from, q.to)})
      GROUP BY ch, src, camp`,
  );
  const out: SourceVisitors = new Map();
  for (const r of rows) out.set(sourceKey(r.ch, r.src, r.camp ? r.camp.slice(1) : null), num(r.n));
  return out;
}
