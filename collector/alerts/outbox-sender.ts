import { ErrorLog } from '../db/error-log';
import type { Db } from '../db/open-database';
import { getSiteById } from '../store/sites';
import { getChannel } from './channel-store';
import { type DeliverOptions, type Delivery, deliverAlert } from './deliver-alert';
import { dueDeliveries, getDelivery, type OutboxRow, recordAttempt } from './outbox-store';
import { siteStandard } from './site-standard';

export interface SenderOptions {
  db: Db;
  now?: () => number;
  /** How often the queue is looked at when idle. */
  intervalMs?: number;
  timeoutMs?: number;
  /** Told of every try (the server logs failures). */
  onAttempt?: (row: OutboxRow, d: Delivery) => void;
}

/**
 * Tries one queued delivery and records the outcome. A row whose channel is gone is marked failed.
 * The row is marked sent only after the receiver answered: a crash in between sends it again
 * (at least once; receivers tell repeats by the idempotency key).
 */
export async function deliverRow(db: Db, row: OutboxRow, opts: DeliverOptions = {}): Promise<Delivery> {
  const now = opts.now ?? Date.now;
  const channel = getChannel(db, row.siteId, row.channelId);
  const site = getSiteById(db, row.siteId);
  const d: Delivery =
    channel && site
      ? await deliverAlert(channel, row.payload, { ...opts, timeZone: siteStandard(site).timeZone })
      : { ok: false, code: null, error: 'channel deleted' };
  recordAttempt(db, row, d, now());
  return d;
}

/** The sender loop: delivers due rows off the HTTP path, channels in parallel, each channel in order. */
export class OutboxSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  private readonly now: () => number;

  constructor(private readonly opts: SenderOptions) {
    this.now = opts.now ?? Date.now;
  }

  start(): this {
    this.schedule(0);
    return this;
  }

  /** Looks at the queue now (a detector just added a row) instead of at the next interval. */
  poke(): void {
    if (this.stopped) return;
    // A pass in progress may have read the queue before the new row: run another right after it.
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** One pass over what is due; answers how many rows it tried. */
  async tick(): Promise<number> {
    const rows = dueDeliveries(this.opts.db, this.now());
    const byChannel = new Map<number, OutboxRow[]>();
    for (const r of rows) byChannel.set(r.channelId, [...(byChannel.get(r.channelId) ?? []), r]);
    await Promise.all(
      [...byChannel.values()].map(async (list) => {
        for (const r of list) {
          if (this.stopped) return;
          // Another pass (a redelivery, a test alert) may have sent it meanwhile.
          const fresh = getDelivery(this.opts.db, r.id);
          if (fresh?.status !== 'pending') continue;
          const d = await deliverRow(this.opts.db, fresh, {
            now: this.now,
            ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
          });
          this.opts.onAttempt?.(fresh, d);
        }
      }),
    );
    return rows.length;
  }

  /** One line per distinct failure while it lasts, not one per pass. */
  private readonly errors = new ErrorLog('alert sender');

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .then(
          () => this.errors.succeeded(),
          (err: unknown) => void this.errors.failed(err),
        )
        .finally(() => {
          this.running = null;
          const soon = this.again;
          this.again = false;
          if (!this.stopped) this.schedule(soon ? 0 : (this.opts.intervalMs ?? 1000));
        });
    }, ms);
    this.timer.unref?.();
  }

  /**
   * Stops; waits for deliveries in flight up to `graceMs`. One still unanswered stays queued and is
   * sent again after the next start (at least once, never lost).
   */
  async close(graceMs = 2000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    let t: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise<void>((r) => (t = setTimeout(r, graceMs)))]);
    clearTimeout(t);
  }
}
