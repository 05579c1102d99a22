import type { ClickHouseClient } from '@clickhouse/client';
import { ident, type Sql, sql } from '../sql';
import { unreachable } from '../unreachable';

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
 * so callers convert counts with Number(). ClickHouse not answering is a StoreUnreachableError.
 */
export async function queryRows<T>(ctx: ChContext, q: Sql): Promise<T[]> {
  try {
    const res = await ctx.client.query({
      query: q.text,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    });
    return await res.json<T>();
  } catch (err) {
    throw unreachable(err);
  }
}

/** Like queryRows, for a query with `WITH TOTALS`: the grouped rows and the totals row. */
export async function queryWithTotals<T>(
  ctx: ChContext,
  q: Sql,
): Promise<{ rows: T[]; totals: T | undefined }> {
  let body: { data: T[]; totals?: T };
  try {
    const res = await ctx.client.query({
      query: q.text,
      format: 'JSON',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    });
    body = (await res.json<T>()) as unknown as { data: T[]; totals?: T };
  } catch (err) {
    throw unreachable(err);
  }
  return { rows: body.data, totals: body.totals };
}
