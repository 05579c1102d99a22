import type { DetailKind, ReportFilter, TouchpointDetail } from '../../reports/types';
import { type Sql, sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { formDetail } from './form-detail';
import { propTextSql } from './json-prop-sql';
import { notFoundDetail } from './not-found-detail';
import { reviewDetail } from './review-detail';
import { num, webWhere } from './web-events';

type Count = string | number;

/**
 * queries/get-touchpoint-detail.ts in ClickHouse: the detail behind one touchpoint row of the
 * overview, over the same web events (range and filters as every web report). Forms, missing
 * pages and reviews have their own query; the rest count one prop (or the page) per row.
 */
export async function getTouchpointDetail(
  ctx: ChContext,
  f: ReportFilter,
  kind: DetailKind,
  limit = 100,
): Promise<TouchpointDetail> {
  switch (kind) {
    case 'forms':
      return { kind, rows: await formDetail(ctx, f, limit) };
    case 'not_found':
      return { kind, rows: await notFoundDetail(ctx, f, limit) };
    case 'review_submit':
      return reviewDetail(ctx, f, limit);
    default: {
      // Which messenger, which file, which page was searched.
      const by: Record<typeof kind, Sql> = {
        messenger_click: propTextSql('messenger'),
        file_download: propTextSql('file'),
        site_search: sql`path`,
      };
      const rows = await queryRows<{ key: string | null; count: Count; visitors: Count }>(
        ctx,
        sql`SELECT ${by[kind]} AS key, count() AS count, uniqExact(visitor) AS visitors
        FROM ${table(ctx, 'events')} WHERE ${webWhere(f)} AND name = ${kind}
        GROUP BY key ORDER BY count DESC, key NULLS FIRST LIMIT ${Math.trunc(limit)}`,
      );
      return {
        kind,
        rows: rows.map((r) => ({ key: r.key, count: num(r.count), visitors: num(r.visitors) })),
      };
    }
  }
}
