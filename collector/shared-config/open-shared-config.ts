import { ErrorLog } from '../db/error-log';
import type { Db } from '../db/open-database';
import type { ConfigWrites } from '../store/config-writes';
import { type ConfigPool, migrateConfig, openConfigPool } from './config-pool';
import { ConfigSync } from './config-sync';
import { joinSharedConfig } from './join-shared-config';
import { postgresConfigWrites } from './postgres-config-writes';
import { SharedSalts } from './shared-salts';

export interface SharedConfig {
  pool: ConfigPool;
  salts: SharedSalts;
  /** Writes to PostgreSQL, then into this node's cache. */
  writes: ConfigWrites;
  sync: ConfigSync;
  /** `PostgreSQL host:port/database`, for the start line (no password). */
  describe(): string;
  close(): Promise<void>;
}

export interface SharedConfigOptions {
  url: string;
  /** This node's file (its writer connection): the read cache of the shared tables. */
  db: Db;
  /** Called when a refresh changed sites (ingest's site cache is cleared then). */
  onSitesChanged?: () => void;
  /** How often the full refresh runs besides LISTEN/NOTIFY (default 5 s). */
  refreshMs?: number;
  log?: (line: string) => void;
}

/**
 * The cluster's shared configuration in PostgreSQL (`--config-postgres URL`): migrates its schema,
 * brings this file's rows along the first time (join-shared-config.ts), fills the cache and keeps it
 * fresh (config-sync.ts). Fails the start when PostgreSQL cannot be reached: a node that cannot
 * agree on sites and salts with the others must not take events.
 */
export async function openSharedConfig(o: SharedConfigOptions): Promise<SharedConfig> {
  const pool = openConfigPool(o.url);
  const sync = new ConfigSync(pool, o.url, o.db, {
    ...(o.refreshMs !== undefined ? { everyMs: o.refreshMs } : {}),
    ...(o.onSitesChanged ? { onSitesChanged: o.onSitesChanged } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  try {
    await migrateConfig(pool);
    await joinSharedConfig(pool, o.db);
    await sync.start();
  } catch (err) {
    await sync.close();
    await pool.end().catch(() => {});
    throw new Error(`shared configuration at ${describePostgres(o.url)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const prefetch = new ErrorLog("fetching tomorrow's salt", o.log ? { log: o.log } : {});
  return {
    pool,
    salts: new SharedSalts(pool, (err) => prefetch.failed(err)),
    writes: postgresConfigWrites(pool, sync),
    sync,
    describe: () => describePostgres(o.url),
    close: async () => {
      await sync.close();
      await pool.end();
    },
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
