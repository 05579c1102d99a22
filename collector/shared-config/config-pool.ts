import pg from 'pg';
import { configMigrations } from './config-migrations';
import { configError } from './config-unavailable';

const INT8 = 20;

/** A connection pool to the shared configuration's PostgreSQL. */
export type ConfigPool = pg.Pool;

/**
 * A small pool (config writes are rare; reads are served from each node's SQLite cache). BIGINT
 * columns hold epoch milliseconds, well inside a double: they come back as numbers, not strings.
 */
export function openConfigPool(url: string, { max = 4 }: { max?: number } = {}): ConfigPool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` in a transaction on one connection; a server that is away comes out as ConfigUnavailableError. */
export async function inConfigTransaction<T>(
  pool: ConfigPool,
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw configError(err);
  }
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw configError(err);
  } finally {
    client.release();
  }
}

/** One statement outside a transaction, with the same error mapping. */
export async function configQuery<R extends pg.QueryResultRow>(
  pool: ConfigPool,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  try {
    return (await pool.query<R>(sql, params)).rows;
  } catch (err) {
    throw configError(err);
  }
}

/** Brings the schema up to date; several collectors starting at once migrate it once (advisory lock). */
export async function migrateConfig(pool: ConfigPool): Promise<number> {
  return inConfigTransaction(pool, async (c) => {
    await c.query("SELECT pg_advisory_xact_lock(hashtext('touchpoint config schema'))");
    await c.query('CREATE TABLE IF NOT EXISTS config_schema (version INTEGER NOT NULL)');
    const rows = (await c.query<{ version: number }>('SELECT version FROM config_schema')).rows;
    const at = rows[0]?.version ?? 0;
    if (rows.length === 0) await c.query('INSERT INTO config_schema (version) VALUES (0)');
    if (at > configMigrations.length)
      throw new Error(
        `the shared configuration's schema is version ${at}, newer than this build knows (${configMigrations.length}): upgrade this collector`,
      );
    for (let v = at; v < configMigrations.length; v++) await c.query(configMigrations[v]!);
    await c.query('UPDATE config_schema SET version = $1', [configMigrations.length]);
    return configMigrations.length;
  });
}
