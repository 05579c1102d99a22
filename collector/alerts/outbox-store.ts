import type { Db } from '../db/open-database';
import type { AlertPayload, AlertType } from './alert-types';
import type { Delivery } from './deliver-alert';

/** Deliveries are retried for this long after the alert was made, then given up as failed. */
export const GIVE_UP_MS = 24 * 3600_000;
const BACKOFF_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

/** Wait before try `attempts + 1` (attempts already failed ≥ 1). */
export const backoffMs = (attempts: number): number => BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;

export interface OutboxRow {
  id: number;
  siteId: number;
  channelId: number;
  type: AlertType;
  idempotencyKey: string;
  payload: AlertPayload;
  createdAt: number;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAt: number;
  sentAt: number | null;
  responseCode: number | null;
  lastError: string | null;
}

interface Row {
  id: number;
  site_id: number;
  channel_id: number;
  type: AlertType;
  idempotency_key: string;
  payload: string;
  created_at: number;
  status: OutboxRow['status'];
  attempts: number;
  next_at: number;
  sent_at: number | null;
  response_code: number | null;
  last_error: string | null;
}

const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  siteId: r.site_id,
  channelId: r.channel_id,
  type: r.type,
  idempotencyKey: r.idempotency_key,
  payload: JSON.parse(r.payload) as AlertPayload,
  createdAt: r.created_at,
  status: r.status,
  attempts: r.attempts,
  nextAt: r.next_at,
  sentAt: r.sent_at,
  responseCode: r.response_code,
  lastError: r.last_error,
});

/**
 * Queues the alert for every enabled channel of its site (or only `channelId`), once per channel:
 * a detector that sees the same thing again (after a restart, on its next pass) adds nothing.
 * Answers the ids of the rows it added.
 */
export function enqueueAlert(
  db: Db,
  siteId: number,
  payload: AlertPayload,
  now: number,
  channelId?: number,
): number[] {
  const channels = db
    .prepare(
      `SELECT id FROM alert_channels WHERE site_id = ? AND ${channelId === undefined ? 'enabled = 1' : 'id = ?'}`,
    )
    .all(...(channelId === undefined ? [siteId] : [siteId, channelId])) as { id: number }[];
  const insert = db.prepare(
    `INSERT OR IGNORE INTO alert_outbox (site_id, channel_id, type, idempotency_key, payload, created_at, next_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const body = JSON.stringify(payload);
  const ids: number[] = [];
  for (const ch of channels) {
    const info = insert.run(siteId, ch.id, payload.type, payload.id, body, now, now);
    if (info.changes) ids.push(Number(info.lastInsertRowid));
  }
  return ids;
}

export function dueDeliveries(db: Db, now: number, limit = 50): OutboxRow[] {
  return (
    db
      .prepare(
        `SELECT * FROM alert_outbox WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?`,
      )
      .all(now, limit) as Row[]
  ).map(toRow);
}

export function getDelivery(db: Db, id: number): OutboxRow | undefined {
  const r = db.prepare('SELECT * FROM alert_outbox WHERE id = ?').get(id) as Row | undefined;
  return r && toRow(r);
}

/** Records one try: sent, or the next try after the backoff, or failed for good after GIVE_UP_MS. */
export function recordAttempt(db: Db, row: OutboxRow, d: Delivery, now: number): void {
  const attempts = row.attempts + 1;
  if (d.ok) {
    db.prepare(
      `UPDATE alert_outbox SET status = 'sent', attempts = ?, sent_at = ?, response_code = ?, last_error = NULL WHERE id = ?`,
    ).run(attempts, now, d.code, row.id);
    return;
  }
  const next = now + backoffMs(attempts);
  const giveUp = next - row.createdAt > GIVE_UP_MS;
  db.prepare(
    `UPDATE alert_outbox SET status = ?, attempts = ?, next_at = ?, response_code = ?, last_error = ? WHERE id = ?`,
  ).run(giveUp ? 'failed' : 'pending', attempts, next, d.code, d.error, row.id);
}

/** The delivery log, newest first. */
export function listDeliveries(db: Db, siteId: number, limit = 100): OutboxRow[] {
  return (
    db
      .prepare('SELECT * FROM alert_outbox WHERE site_id = ? ORDER BY id DESC LIMIT ?')
      .all(siteId, limit) as Row[]
  ).map(toRow);
}

/** Puts a delivery back in the queue now (same idempotency key: the receiver can tell it is a repeat). */
export function redeliver(db: Db, siteId: number, id: number, now: number): boolean {
  return (
    db
      .prepare(
        `UPDATE alert_outbox SET status = 'pending', next_at = ?, created_at = ? WHERE site_id = ? AND id = ?`,
      )
      .run(now, now, siteId, id).changes > 0
  );
}
