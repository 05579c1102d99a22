import { Worker } from 'node:worker_threads';
import { ErrorLog } from '../db/error-log';
import type { Db } from '../db/open-database';
import { THREAD_LIMITS } from '../store/thread-limits';
import type { ClickHouseTarget } from './clickhouse-target';
import type { Every, ShipperMessage, ShipperStatus, ShipperThreadData } from './shipper-thread-protocol';
import { spoolBacklog } from './spool-state';

export interface ShipperOptions {
  dbPath: string;
  target: ClickHouseTarget;
  instance: number;
  /** A shipment goes once this many events wait, or once the oldest waited `maxWaitMs`; defaults 20 000 and 1 s. */
  batchRows?: number;
  maxWaitMs?: number;
  /** Shipped events stay in the spool this long (default 48 h); false keeps them. */
  spoolKeepMs?: number | false;
  spoolPrune?: Every | false;
  retention?: Every | false;
  check?: Every | false;
  /** Back-off while ClickHouse fails (default 0.5 s doubling up to 15 s). */
  retryMs?: [number, number];
  /** Restart a thread that died after this long (doubling while it keeps dying); default 10 s. */
  restartMs?: number;
  onDamage?: (detail: string) => void;
  /**
   * The main thread's connection to the spool: the backlog is read from the file when asked, so
   * it is exact (without it, the thread's last report). Counting commits as ingest acknowledges
   * them on top of that report counted a commit twice whenever the report, which already held it,
   * arrived before the acknowledgement.
   */
  spool?: Db;
}

/** What the main thread knows about shipping: the spool's backlog and the thread's last word. */
export interface ShippingState {
  backlog: number;
  oldestAt: number | null;
  shipped: number;
  lastShippedAt: number | null;
  failing: { since: number; error: string } | null;
  /** The thread is not running (died, restarting). */
  down: boolean;
}

export interface Shipping {
  state(): ShippingState;
  /** Stops the thread after the shipment under way (or leaves it in flight, checked at the next start). */
  close(): Promise<void>;
}

const ENTRY = new URL('./shipper-thread-entry.mjs', import.meta.url);
export const SPOOL_KEEP_MS = 48 * 3_600_000;

/**
 * Starts the ClickHouse shipper on its own thread with its own connection to the spool, like the
 * writer and the packer. A thread that dies is logged once per distinct reason and started again
 * later; nothing is lost meanwhile (the spool keeps every event until it is marked shipped).
 *
 * @example
 * const shipping = startShipper({ dbPath, target: parseClickHouseUrl(url), instance: prepareSpool(db) });
 * shipping.state().backlog;
 */
export function startShipper({
  dbPath,
  target,
  instance,
  batchRows = 20_000,
  maxWaitMs = 1000,
  spoolKeepMs = SPOOL_KEEP_MS,
  spoolPrune = { firstAfterMs: 60_000, everyMs: 600_000 },
  retention = { firstAfterMs: 120_000, everyMs: 86_400_000 },
  check = { firstAfterMs: 0, everyMs: 86_400_000 },
  retryMs = [500, 15_000],
  restartMs = 10_000,
  onDamage,
  spool,
}: ShipperOptions): Shipping {
  let worker: Worker | null = null;
  let restart: NodeJS.Timeout | null = null;
  let closing: Promise<void> | null = null;
  let last: ShipperStatus | null = null;
  const deaths = new ErrorLog('ClickHouse shipper thread stopped; starting it again later', {
    minDelayMs: restartMs,
    maxDelayMs: 600_000,
  });
  // A restarted thread checks the file again only on its next daily turn.
  let nextCheck = check;

  const spawn = (): void => {
    const data: ShipperThreadData = {
      dbPath,
      target,
      instance,
      batchRows,
      maxWaitMs,
      spoolKeepMs,
      spoolPrune,
      retention,
      check: nextCheck,
      retryMs,
      pauseAfterInsert: process.env.TOUCHPOINT_TEST_SHIPPER_PAUSE === '1',
    };
    if (nextCheck) nextCheck = { ...nextCheck, firstAfterMs: nextCheck.everyMs };
    const w = new Worker(ENTRY, { workerData: data, resourceLimits: THREAD_LIMITS });
    // Never what keeps the process alive (e.g. a server whose listen failed): the spool keeps the events.
    w.unref();
    worker = w;
    let failure: unknown = null;
    w.on('message', (m: ShipperMessage) => {
      if (m.t === 'status') {
        last = m;
        deaths.succeeded();
      } else if (m.t === 'damaged') onDamage?.(m.detail);
    });
    w.on('error', (err) => {
      failure = err;
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (closing) return;
      const wait = deaths.failed(failure ?? `exit code ${code}`);
      restart = setTimeout(() => {
        restart = null;
        if (!closing) spawn();
      }, wait).unref();
    });
  };
  spawn();

  const backlog = (): number => {
    if (!spool) return last?.backlog ?? 0;
    try {
      return spoolBacklog(spool);
    } catch {
      // The file failing: its health says so; the thread's last word stands meanwhile.
      return last?.backlog ?? 0;
    }
  };

  return {
    state: () => {
      const events = backlog();
      return {
        backlog: events,
        oldestAt: events > 0 ? (last?.oldestAt ?? null) : null,
        shipped: last?.shipped ?? 0,
        lastShippedAt: last?.lastShippedAt ?? null,
        failing: last?.failing ?? null,
        down: worker === null,
      };
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        if (restart) clearTimeout(restart);
        const w = worker;
        if (!w) return resolve();
        w.once('exit', () => resolve());
        w.postMessage({ t: 'close' });
      })),
  };
}
