import type { ClickHouseClient } from '@clickhouse/client';
import { ident, type Sql, sql } from '../sql';

/** Where the ClickHouse reports read: a client and the database that holds `events` and `leads`. */
export interface ChContext {
  client: ClickHouseClient;
  database: string;
}

/** `<database>.<table>`, both identifiers checked. */
export const table = (ctx: ChContext, name: 'events' | 'leads'): Sql =>
  sql`${ident(ctx.database)}.${ident(name)}`;

/**
 * Runs one query and returns its rows (JSONEachRow). 64-bit integers arrive as decimal strings on
 * every server version (the client is created with output_format_json_quote_64bit_integers = 1),
 * so callers convert counts with Number().
 */
export async function queryRows<T>(ctx: ChContext, q: Sql): Promise<T[]> {
  const res = await ctx.client.query({
    query: q.text,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
  });
  return res.json<T>();
}

/** Like queryRows, for a query with `WITH TOTALS`: the grouped rows and the totals row. */
export async function queryWithTotals<T>(
  ctx: ChContext,
  q: Sql,
): Promise<{ rows: T[]; totals: T | undefined }> {
  const res = await ctx.client.query({
    query: q.text,
    format: 'JSON',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
  });
  const body = await res.json<T>();
  return { rows: body.data, totals: (body as unknown as { totals?: T }).totals };
}
