import { REALTIME_MINUTES } from '../../queries/get-realtime';
import type { Realtime, RecentEvent } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { tsRange } from './site-events';
import { num, TECHNICAL } from './web-events';

type Count = string | number;
const MINUTE = 60_000;

/** queries/get-realtime.ts in ClickHouse: the last 30 minutes of web events, newest first. */
export async function getRealtime(ctx: ChContext, siteId: number, now: number): Promise<Realtime> {
  const from = Math.floor(now / MINUTE) * MINUTE - (REALTIME_MINUTES - 1) * MINUTE;
  const events = table(ctx, 'events');
  const where = sql`site_id = ${siteId} AND ${tsRange(from, now + 1)} AND origin = 'web' AND NOT has(${TECHNICAL}, name)`;
  const [totals, perMinute, topPages, recent] = await Promise.all([
    queryRows<{ visitors: Count }>(
      ctx,
      sql`SELECT uniqExact(visitor) AS visitors FROM ${events} WHERE ${where}`,
    ),
    queryRows<{ b: Count; c: Count }>(
      ctx,
      sql`SELECT intDiv(ts - ${from}, ${MINUTE}) AS b, count() AS c FROM ${events} WHERE ${where} GROUP BY b`,
    ),
    queryRows<{ path: string; visitors: Count }>(
      ctx,
      sql`SELECT assumeNotNull(path) AS path, uniqExact(visitor) AS visitors FROM ${events}
      WHERE ${where} AND path IS NOT NULL GROUP BY path ORDER BY visitors DESC, path LIMIT 10`,
    ),
    queryRows<RecentEvent>(
      ctx,
      sql`SELECT ts, name, path, channel, referrer FROM ${events} WHERE ${where}
      ORDER BY ts DESC, seq DESC LIMIT 50`,
    ),
  ]);
  const t = Array.from({ length: REALTIME_MINUTES }, (_, i) => from + i * MINUTE);
  const counts = t.map(() => 0);
  for (const r of perMinute) {
    const b = num(r.b);
    if (b >= 0 && b < REALTIME_MINUTES) counts[b] = num(r.c);
  }
  return {
    visitors: num(totals[0]?.visitors),
    t,
    events: counts,
    topPages: topPages.map((r) => ({ path: r.path, visitors: num(r.visitors) })),
    recent: recent.map((r) => ({ ...r, ts: Number(r.ts) })),
  };
}
