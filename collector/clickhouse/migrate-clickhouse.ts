import type { ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE_MIGRATIONS, schemaTable } from './schema';
import { ident, sql } from './sql';

/**
 * Creates the database and brings its schema up to the latest version, recording each applied
 * version; safe to run on every start and from several collectors (every statement is
 * IF NOT EXISTS, so a version applied twice changes nothing). Returns the version now in place.
 */
export async function migrateClickHouse(client: ClickHouseClient, db: string): Promise<number> {
  await client.command({ query: sql`CREATE DATABASE IF NOT EXISTS ${ident(db)}`.text });
  await client.command({ query: schemaTable(db).text });
  const rows = await (
    await client.query({
      query: sql`SELECT max(version) AS v FROM ${ident(db)}.touchpoint_schema`.text,
      format: 'JSONEachRow',
    })
  ).json<{ v: number | string }>();
  let version = Number(rows[0]?.v ?? 0);
  for (let v = version + 1; v <= CLICKHOUSE_MIGRATIONS.length; v++) {
    for (const statement of CLICKHOUSE_MIGRATIONS[v - 1]!(db))
      await client.command({ query: statement.text });
    await client.command({
      query: sql`INSERT INTO ${ident(db)}.touchpoint_schema (version, applied_at) VALUES (${v}, now())`.text,
    });
    version = v;
  }
  return version;
}
