import { ErrorLog } from '../db/error-log';
import type { Db } from '../db/open-database';
import { type ConfigPool, migrateConfig, openConfigPool } from './config-pool';
import { SharedSalts } from './shared-salts';

export interface SharedConfig {
  pool: ConfigPool;
  salts: SharedSalts;
  /** `PostgreSQL host:port/database`, for the start line (no password). */
  describe(): string;
  close(): Promise<void>;
}

/**
 * The cluster's shared configuration in PostgreSQL (`--config-postgres URL`): migrates its schema
 * and hands out the stores that read and write there. Fails the start when PostgreSQL cannot be
 * reached: a node that cannot agree on sites and salts with the others must not take events.
 */
export async function openSharedConfig(o: {
  url: string;
  db: Db;
  log?: (line: string) => void;
}): Promise<SharedConfig> {
  const pool = openConfigPool(o.url);
  try {
    await migrateConfig(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`shared configuration at ${describePostgres(o.url)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const prefetch = new ErrorLog("fetching tomorrow's salt", o.log ? { log: o.log } : {});
  return {
    pool,
    salts: new SharedSalts(pool, (err) => prefetch.failed(err)),
    describe: () => describePostgres(o.url),
    close: () => pool.end(),
  };
}

/** `postgres://user:secret@host:5432/db?…` → `PostgreSQL host:5432/db`: never the password. */
export function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL (unparsable URL)';
  }
}
