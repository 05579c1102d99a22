import type { ReportFilter, TouchpointDetail } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { num, webWhere } from './web-events';

type Count = string | number;
type NotFoundRows = Extract<TouchpointDetail, { kind: 'not_found' }>['rows'];

/** Referrers listed per missing page, as queries/get-touchpoint-detail.ts. */
const REFERRERS = 10;

/**
 * The not_found detail of queries/get-touchpoint-detail.ts in ClickHouse: per missing page, hits
 * and visitors, most hits first, with the pages that linked to it (NULL, none sent, sorts first
 * among equals, as SQLite sorts NULL).
 */
export async function notFoundDetail(ctx: ChContext, f: ReportFilter, limit: number): Promise<NotFoundRows> {
  const where = sql`${webWhere(f)} AND name = 'not_found'`;
  const [pages, refs] = await Promise.all([
    queryRows<{ path: string | null; count: Count; visitors: Count }>(
      ctx,
      sql`SELECT path, count() AS count, uniqExact(visitor) AS visitors FROM ${table(ctx, 'events')}
      WHERE ${where} GROUP BY path ORDER BY count DESC, path NULLS FIRST LIMIT ${Math.trunc(limit)}`,
    ),
    queryRows<{ path: string | null; referrer: string | null; count: Count }>(
      ctx,
      sql`SELECT path, referrer, count() AS count FROM ${table(ctx, 'events')}
      WHERE ${where} GROUP BY path, referrer ORDER BY count DESC, referrer NULLS FIRST LIMIT ${REFERRERS} BY path`,
    ),
  ]);
  return pages.map((p) => ({
    path: p.path,
    count: num(p.count),
    visitors: num(p.visitors),
    referrers: refs
      .filter((r) => r.path === p.path)
      .map((r) => ({ referrer: r.referrer, count: num(r.count) })),
  }));
}
