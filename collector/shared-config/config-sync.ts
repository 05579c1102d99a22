import pg from 'pg';
import { ErrorLog } from '../db/error-log';
import type { Db } from '../db/open-database';
import { deleteSite } from '../retention/delete-site';
import type { ConfigRow } from '../store/config-writes';
import { type ConfigPool, configQuery } from './config-pool';
import { MIRRORED, mirrorTable, SHARED_SETTINGS } from './mirror-table';

/** The channel every write notifies, so the other nodes refresh at once instead of at the next tick. */
export const CONFIG_CHANNEL = 'touchpoint_config';

export interface ConfigSyncOptions {
  /** The full refresh that catches what a lost notification missed. */
  everyMs?: number;
  /** Called after a refresh that changed sites (ingest's site cache is cleared then). */
  onSitesChanged?: () => void;
  log?: (line: string) => void;
}

/**
 * Keeps this node's SQLite configuration tables equal to PostgreSQL's: at start, after each of
 * this node's writes, on every NOTIFY from another node (LISTEN on its own connection), and every
 * `everyMs` in case a notification was lost (a dropped connection). A cache of a real shared store
 * read by the synchronous code (ingest's site lookup, sign-in checks), not replication: every
 * write goes to PostgreSQL first.
 */
export class ConfigSync {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private closed = false;
  private readonly deleting = new Set<number>();
  private readonly errors: ErrorLog;
  private readonly listenErrors: ErrorLog;

  constructor(
    private readonly pool: ConfigPool,
    private readonly url: string,
    private readonly db: Db,
    private readonly o: ConfigSyncOptions = {},
  ) {
    const log = o.log ? { log: o.log } : {};
    this.errors = new ErrorLog('refreshing the shared configuration', log);
    this.listenErrors = new ErrorLog('listening for shared configuration changes', log);
  }

  /** First refresh (awaited: a node starts with the cluster's sites), then LISTEN and the timer. */
  async start(): Promise<void> {
    await this.refresh();
    void this.listen();
    const tick = () => {
      this.timer = setTimeout(() => {
        this.refresh().then(
          () => {
            this.errors.succeeded();
            if (!this.closed) tick();
          },
          (err) => {
            this.errors.failed(err);
            if (!this.closed) tick();
          },
        );
      }, this.o.everyMs ?? 5000);
      this.timer.unref();
    };
    tick();
  }

  /** Runs `fn`, which deletes the site's data itself, while refreshes leave that site alone. */
  async whileDeleting<T>(siteId: number, fn: () => Promise<T>): Promise<T> {
    this.deleting.add(siteId);
    try {
      return await fn();
    } finally {
      this.deleting.delete(siteId);
    }
  }

  /** One refresh at a time; asked during one, one more runs after it (it may have read too early). */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<void> => {
      do {
        this.again = false;
        await this.refreshOnce();
      } while (this.again && !this.closed);
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async refreshOnce(): Promise<void> {
    const rows = new Map<string, ConfigRow[]>();
    for (const { table, key } of MIRRORED) {
      const sql =
        table === 'settings'
          ? 'SELECT key, value FROM settings WHERE key = ANY($1) ORDER BY key'
          : `SELECT * FROM ${table} ORDER BY ${key}`;
      rows.set(
        table,
        await configQuery<ConfigRow>(this.pool, sql, table === 'settings' ? [SHARED_SETTINGS] : []),
      );
    }
    const { sitesChanged, goneSites } = this.db.transaction(() => {
      const gone = new Map<string, (string | number)[]>();
      let sitesChanged = false;
      for (const { table, key } of MIRRORED) {
        const r = mirrorTable(
          this.db,
          table,
          key,
          rows.get(table)!,
          table === 'settings' ? SHARED_SETTINGS : undefined,
        );
        gone.set(table, r.gone);
        if (table === 'sites' && r.changed > 0) sitesChanged = true;
      }
      // Children before parents; settings are never removed (a node's own keys live there too).
      for (const { table, key } of [...MIRRORED].reverse()) {
        if (table === 'sites' || table === 'settings') continue;
        const del = this.db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`);
        for (const k of gone.get(table)!) del.run(k);
      }
      return { sitesChanged, goneSites: gone.get('sites')! as number[] };
    })();
    // A site deleted through another node: its data here goes too, in chunks (retention/delete-site.ts).
    for (const id of goneSites) if (!this.deleting.has(id)) await deleteSite(this.db, id);
    if (sitesChanged || goneSites.length) this.o.onSitesChanged?.();
  }

  private async listen(): Promise<void> {
    while (!this.closed) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
      // `on`, not `once`: a dying connection can emit 'error' more than once (and again while it
      // is ended below), and an 'error' with no listener is an uncaught exception that ends the process.
      const lost = new Promise<unknown>((resolve) => {
        client.on('error', resolve);
        client.once('end', () => resolve(new Error('connection ended')));
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CONFIG_CHANNEL}`);
        this.listener = client;
        client.on('notification', () => {
          this.refresh().catch((err) => this.errors.failed(err));
        });
        this.listenErrors.succeeded();
        // What changed while this connection was down: the next refresh catches up.
        this.refresh().catch((err) => this.errors.failed(err));
        const err = await lost;
        if (this.closed) return;
        throw err;
      } catch (err) {
        client.removeAllListeners('notification');
        await client.end().catch(() => {});
        if (this.closed) return;
        await new Promise((r) => setTimeout(r, this.listenErrors.failed(err)).unref());
      }
    }
  }

  /** Stops listening and the timer; a refresh asked for afterwards (a last write's) still runs. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.listener?.end().catch(() => {});
    await this.running?.catch(() => {});
  }
}
