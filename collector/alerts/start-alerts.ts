import { ErrorLog } from '../db/error-log';
import type { Db } from '../db/open-database';
import type { Reports } from '../reports/reports';
import type { AlertService } from './alert-service';
import { checkBreaches } from './check-breaches';
import { checkChains } from './check-chains';
import { checkDigests } from './check-digests';
import { detectLeads } from './lead-detector';
import { OutboxSender } from './outbox-sender';

export interface AlertLoopOptions {
  /** A writable connection of its own or the server's admin one: detectors and the sender write the outbox. */
  db: Db;
  /** Base of the links in alerts (the dashboard's public address). */
  publicUrl: string;
  /** For the digests' figures; without it no digest is sent. */
  reports?: Reports;
  now?: () => number;
  /** Lead detection interval: the "within seconds" of a lead alert. */
  leadIntervalMs?: number;
  /** Slow checks (reminders, broken chains, digests). */
  checkIntervalMs?: number;
  /** Outbox poll interval when nothing pokes it. */
  sendIntervalMs?: number;
}

export interface AlertLoops extends AlertService {
  sender: OutboxSender;
  close(): Promise<void>;
}

/**
 * Runs the alert machinery beside the server, off the HTTP path: detectors write the outbox, the
 * sender delivers it. Nothing here is awaited by ingest; a detector that fails logs and tries again.
 */
export function startAlerts(opts: AlertLoopOptions): AlertLoops {
  const now = opts.now ?? Date.now;
  const sender = new OutboxSender({
    db: opts.db,
    now,
    intervalMs: opts.sendIntervalMs ?? 1000,
    onAttempt: (row, d) => {
      if (!d.ok) console.error(`alert ${row.idempotencyKey} to channel ${row.channelId}: ${d.error}`);
    },
  }).start();
  const timers: NodeJS.Timeout[] = [];
  // One line per distinct failure while it lasts (a failing disk would otherwise log every 250 ms).
  const detectorErrors = new ErrorLog('alert detector');
  const every = (ms: number, run: () => number) => {
    const t = setInterval(() => {
      try {
        if (run() > 0) sender.poke();
        detectorErrors.succeeded();
      } catch (err) {
        detectorErrors.failed(err);
      }
    }, ms);
    t.unref();
    timers.push(t);
  };
  every(opts.leadIntervalMs ?? 250, () => {
    // After a pause or a restart: catch up a few batches per turn, never hold the loop long.
    let queued = 0;
    for (let i = 0; i < 10; i++) {
      const r = detectLeads(opts.db, opts.publicUrl, now());
      queued += r.queued;
      if (!r.more) break;
    }
    return queued;
  });
  const checks = [
    (t: number) => checkBreaches(opts.db, opts.publicUrl, t),
    (t: number) => checkChains(opts.db, t),
  ];
  every(opts.checkIntervalMs ?? 60_000, () => checks.reduce((n, check) => n + check(now()), 0));
  const reports = opts.reports;
  if (reports) {
    const digestErrors = new ErrorLog('alert digests');
    let busy = false;
    const t = setInterval(() => {
      if (busy) return;
      busy = true;
      checkDigests(opts.db, reports, now())
        .then(
          (n) => {
            digestErrors.succeeded();
            if (n > 0) sender.poke();
          },
          (err: unknown) => digestErrors.failed(err),
        )
        .finally(() => {
          busy = false;
        });
    }, opts.checkIntervalMs ?? 60_000);
    t.unref();
    timers.push(t);
  }
  return {
    sender,
    poke: () => sender.poke(),
    close: async () => {
      for (const t of timers) clearInterval(t);
      await sender.close();
    },
  };
}
