import type { ClickHouseClient } from '@clickhouse/client';
import { clusterStatements } from './cluster-schema';
import { CLICKHOUSE_MIGRATIONS, schemaTable } from './schema';
import { ident, sql } from './sql';

/**
 * Creates the database and brings its schema up to the latest version, recording each applied
 * version; safe to run on every start and from several collectors (every statement is
 * IF NOT EXISTS, so a version applied twice changes nothing). Returns the version now in place.
 * With `cluster`, the server is one shard of that cluster (run it on every shard): tables are
 * created as local tables under a Distributed one of the same name (cluster-schema.ts).
 */
export async function migrateClickHouse(
  client: ClickHouseClient,
  db: string,
  { cluster }: { cluster?: string } = {},
): Promise<number> {
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
    const statements = CLICKHOUSE_MIGRATIONS[v - 1]!(db);
    for (const statement of cluster ? clusterStatements(statements, db, cluster) : statements)
      await client.command({ query: statement.text });
    await client.command({
      query: sql`INSERT INTO ${ident(db)}.touchpoint_schema (version, applied_at) VALUES (${v}, now())`.text,
    });
    version = v;
  }
  return version;
}
