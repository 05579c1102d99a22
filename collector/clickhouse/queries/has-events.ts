import type { FirstEventCheck } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';

/** queries/has-events.ts in ClickHouse: whether the site has any event, and its newest. */
export async function hasEvents(ctx: ChContext, siteId: number): Promise<FirstEventCheck> {
  const [latest] = await queryRows<{ name: string; path: string | null; ts: string | number }>(
    ctx,
    sql`SELECT name, path, ts FROM ${table(ctx, 'events')} WHERE site_id = ${siteId} ORDER BY ts DESC, seq DESC LIMIT 1`,
  );
  return {
    hasEvents: !!latest,
    latest: latest ? { name: latest.name, path: latest.path, ts: Number(latest.ts) } : null,
  };
}
