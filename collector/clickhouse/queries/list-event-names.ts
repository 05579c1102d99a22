import type { EventName } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { resolvedEvents, tsRange } from './site-events';
import { num, TECHNICAL } from './web-events';

/** queries/list-event-names.ts in ClickHouse: names seen since `from` (every origin), most frequent first. */
export async function listEventNames(
  ctx: ChContext,
  siteId: number,
  from: number,
  limit = 500,
): Promise<EventName[]> {
  const events = resolvedEvents(
    ctx,
    siteId,
    sql`name`,
    sql`${tsRange(from, Infinity)} AND NOT has(${TECHNICAL}, name)`,
  );
  const rows = await queryRows<{ name: string; count: string; visitors: string }>(
    ctx,
    sql`SELECT name, count() AS count, uniqExact(v) AS visitors FROM ${events}
    GROUP BY name ORDER BY count DESC, name LIMIT ${Math.trunc(limit)}`,
  );
  return rows.map((r) => ({ name: r.name, count: num(r.count), visitors: num(r.visitors) }));
}
