import type { ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseEventRow, ClickHouseLeadRow } from './spool-rows';
import { ident } from './sql';

/**
 * Inserts rows into `<db>.events` / `<db>.leads` in JSONEachRow: the client serialises them, and
 * ClickHouse parses values itself (no SQL text is built from them). `insert_distributed_sync`
 * makes an insert through a Distributed table return only once every shard has its rows.
 */
export async function insertEventRows(
  client: ClickHouseClient,
  db: string,
  rows: readonly ClickHouseEventRow[],
  { queryId }: { queryId?: string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({
    table: `${ident(db).text}.events`,
    values: rows as ClickHouseEventRow[],
    format: 'JSONEachRow',
    clickhouse_settings: { insert_distributed_sync: 1 },
    // The shipper names its inserts, to find one still running after its answer was lost.
    ...(queryId ? { query_id: queryId } : {}),
  });
}

export async function insertLeadRows(
  client: ClickHouseClient,
  db: string,
  rows: readonly ClickHouseLeadRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({
    table: `${ident(db).text}.leads`,
    values: rows as ClickHouseLeadRow[],
    format: 'JSONEachRow',
    clickhouse_settings: { insert_distributed_sync: 1 },
  });
}
