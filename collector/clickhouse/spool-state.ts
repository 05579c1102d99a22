import { randomInt } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';

/** A shipment between "sent" and "marked": the rows after `after` up to `last`, named `batch` in ClickHouse. */
export interface Shipment {
  batch: string;
  after: number;
  last: number;
  /** The rows' `time` span (DateTime seconds): bounds the check of what arrived. */
  minTime: number;
  maxTime: number;
}

const INSTANCE = 'clickhouse_instance';
const SHIPPED = 'clickhouse_shipped';
const IN_FLIGHT = 'clickhouse_in_flight';
const PRUNED_BEFORE = 'clickhouse_pruned_before';

/**
 * SQLite gives a new row the largest id in use plus one, so deleting the newest rows (a site's
 * retention, the spool's own pruning) would hand their ids out again, below the shipped mark, and
 * those events would never ship. When the newest row goes, the mark comes down to the newest
 * remaining id in the same transaction, before any insert can take the freed id.
 */
const TOP_TRIGGER = `CREATE TRIGGER IF NOT EXISTS clickhouse_spool_top AFTER DELETE ON events
  WHEN OLD.id > ifnull((SELECT max(id) FROM events), 0)
  BEGIN
    UPDATE settings SET value = CAST(ifnull((SELECT max(id) FROM events), 0) AS TEXT)
      WHERE key = '${SHIPPED}' AND CAST(value AS INTEGER) > ifnull((SELECT max(id) FROM events), 0);
  END`;

/**
 * Makes a collector's SQLite file the ClickHouse store's spool (again and again without change):
 * its instance number, random and kept in `settings`, goes into the high bits of global session
 * ids; the shipped mark starts at 0, so a file that held events before ships its whole history.
 * Returns the instance number.
 */
export function prepareSpool(db: Db): number {
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(
      INSTANCE,
      String(randomInt(1, 2 ** 32)),
    );
    db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, '0')").run(SHIPPED);
    db.exec(TOP_TRIGGER);
  })();
  return Number(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(INSTANCE));
}

const backlogSql = new WeakMap<Db, Statement>();

/**
 * Events committed to the spool and not yet marked shipped, read in one statement (one snapshot
 * of the file): exact on any connection, whatever the shipper thread last reported. The ids
 * above the mark are the unshipped events (the shipper's own count, Shipper.backlog).
 */
export function spoolBacklog(db: Db): number {
  let q = backlogSql.get(db);
  if (!q) {
    q = db
      .prepare(
        `SELECT max(0, ifnull((SELECT max(id) FROM events), 0)
          - ifnull((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '${SHIPPED}'), 0))`,
      )
      .pluck();
    backlogSql.set(db, q);
  }
  return q.get() as number;
}

/** The shipper's bookkeeping in the spool's `settings`: what is shipped, what is in flight. */
export class SpoolState {
  private readonly q: Record<string, Statement>;

  constructor(private readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      get: p('SELECT value FROM settings WHERE key = ?').pluck(),
      put: p(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      del: p('DELETE FROM settings WHERE key = ?'),
      advance: p('UPDATE settings SET value = CAST(? AS TEXT) WHERE key = ? AND CAST(value AS INTEGER) = ?'),
      maxId: p('SELECT ifnull(max(id), 0) FROM events').pluck(),
      oldest: p('SELECT received_at FROM events WHERE id > ? ORDER BY id LIMIT 1').pluck(),
    };
  }

  /** Events with ids up to here are in ClickHouse. */
  get shipped(): number {
    return Number(this.q.get!.get(SHIPPED) ?? 0);
  }

  get inFlight(): Shipment | null {
    const v = this.q.get!.get(IN_FLIGHT) as string | undefined;
    return v ? (JSON.parse(v) as Shipment) : null;
  }

  /** Recorded (and synced) before a single row is sent: after a crash, this shipment is checked. */
  begin(s: Shipment): void {
    this.q.put!.run(IN_FLIGHT, JSON.stringify(s));
  }

  /**
   * ClickHouse has every row up to `last`: the mark moves there and the record goes, together. False
   * when the mark is no longer `from` (the newest rows were deleted meanwhile, see TOP_TRIGGER):
   * the record then stays and the shipment is checked once more.
   */
  finish(from: number, last: number): boolean {
    return this.db.transaction(() => {
      if (this.q.advance!.run(last, SHIPPED, from).changes === 0) return false;
      this.q.del!.run(IN_FLIGHT);
      return true;
    })();
  }

  get maxId(): number {
    return this.q.maxId!.get() as number;
  }

  /** When the first unshipped event was received; null when all are shipped. */
  oldestAfter(id: number): number | null {
    return (this.q.oldest!.get(id) as number | undefined) ?? null;
  }

  /** Shipped rows received before this were deleted from the spool: later copies must be checked in ClickHouse. */
  get prunedBefore(): number {
    return Number(this.q.get!.get(PRUNED_BEFORE) ?? 0);
  }

  set prunedBefore(ms: number) {
    if (ms > this.prunedBefore) this.q.put!.run(PRUNED_BEFORE, String(ms));
  }
}
