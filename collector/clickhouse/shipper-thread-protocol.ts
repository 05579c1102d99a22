import type { ClickHouseTarget } from './clickhouse-target';

/** When a periodic job runs: first after `firstAfterMs`, then every `everyMs`. */
export interface Every {
  firstAfterMs: number;
  everyMs: number;
}

/** What the shipper thread is started with. */
export interface ShipperThreadData {
  dbPath: string;
  target: ClickHouseTarget;
  instance: number;
  batchRows: number;
  maxWaitMs: number;
  /** Shipped events received longer ago than this leave the spool; false: the spool keeps everything. */
  spoolKeepMs: number | false;
  spoolPrune: Every | false;
  /** Sites' retention applied in ClickHouse. */
  retention: Every | false;
  /** `PRAGMA quick_check` of the spool (the packer, which does it in SQLite mode, does not run). */
  check: Every | false;
  /** Back-off while ClickHouse fails: first wait, doubling up to the second. */
  retryMs: [number, number];
  /** Test hook (TOUCHPOINT_TEST_SHIPPER_PAUSE): stop for good after ClickHouse took the first shipment, before marking it. */
  pauseAfterInsert: boolean;
}

/** Shipper thread → main thread, after each shipment and a few times a second while idle or failing. */
export interface ShipperStatus {
  t: 'status';
  /** Events committed to the spool and not yet in ClickHouse, when the thread last looked. */
  backlog: number;
  /** When the oldest of them was received. */
  oldestAt: number | null;
  /** Events shipped since the thread started. */
  shipped: number;
  lastShippedAt: number | null;
  /** ClickHouse (or the spool) failing since `since`, with the last error. */
  failing: { since: number; error: string } | null;
}

export type ShipperMessage = ShipperStatus | { t: 'damaged'; detail: string } | { t: 'closed' };
