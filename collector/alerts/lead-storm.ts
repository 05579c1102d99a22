import type { Db } from '../db/open-database';
import type { Site } from '../model';
import type { AlertPayload, LeadGroupInfo } from './alert-types';
import { makePayload } from './make-payload';

/**
 * A channel gets at most `limit` lead alerts within `windowMs`; the ones past it are held and sent
 * as one grouped message when the window closes, so a storm of leads (a campaign launch, a bot
 * filling a form) cannot bury a chat in messages.
 */
export interface StormRule {
  limit: number;
  windowMs: number;
}

/** The site's setting as a rule; null: no limit. */
export const stormRule = (burst: { limit: number; windowMinutes: number } | null): StormRule | null =>
  burst && { limit: burst.limit, windowMs: burst.windowMinutes * 60_000 };
/** Leads listed in one grouped message; its count is always the full one. */
export const GROUP_MAX_LEADS = 50;

/** The dashboard's delivery log of the site: each held lead alert is a row there. */
export const leadListUrl = (publicUrl: string, site: Site): string =>
  `${publicUrl}/#/alerts?site=${encodeURIComponent(site.publicId)}`;

interface OpenGroup {
  id: number;
  payload: string;
  next_at: number;
}

/**
 * Queues a `lead` alert for every enabled channel of the site, within each channel's rate limit.
 * A lead past the limit is stored as `grouped` (kept in the log, never sent on its own) and joins
 * the channel's open `lead_group` row, which is due when its window closes; the group row is an
 * ordinary outbox row from then on (retries, idempotency key `leads-<first held alert id>`).
 * A repeated lead (same idempotency key) changes nothing. Run it inside the detector's transaction.
 * Answers how many rows became due now or later (held leads are not counted, a new group is).
 */
export function enqueueLead(
  db: Db,
  site: Site,
  payload: AlertPayload,
  now: number,
  publicUrl: string,
  rule: StormRule | null,
): number {
  const channels = db
    .prepare('SELECT id FROM alert_channels WHERE site_id = ? AND enabled = 1')
    .all(site.id) as { id: number }[];
  const insert = db.prepare(
    `INSERT OR IGNORE INTO alert_outbox (site_id, channel_id, type, idempotency_key, payload, created_at, next_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // Open: not yet due and never tried (a group being retried has moved on to the sender).
  const openGroup = db.prepare(
    `SELECT id, payload, next_at FROM alert_outbox WHERE channel_id = ? AND type = 'lead_group'
       AND status = 'pending' AND attempts = 0 AND next_at > ? ORDER BY id DESC LIMIT 1`,
  );
  const recent = db.prepare(
    `SELECT count(*) AS n FROM alert_outbox WHERE channel_id = ? AND type = 'lead'
       AND status != 'grouped' AND created_at > ? AND id != ?`,
  );
  const hold = db.prepare(`UPDATE alert_outbox SET status = 'grouped', next_at = ? WHERE id = ?`);
  const body = JSON.stringify(payload);
  const held = { ...payload.lead!, alertId: payload.id };
  let queued = 0;
  for (const ch of channels) {
    const info = insert.run(site.id, ch.id, 'lead', payload.id, body, now, now);
    if (!info.changes) continue;
    if (!rule) {
      queued += 1;
      continue;
    }
    const rowId = Number(info.lastInsertRowid);
    const group = openGroup.get(ch.id, now) as OpenGroup | undefined;
    if (group) {
      hold.run(group.next_at, rowId);
      const p = JSON.parse(group.payload) as AlertPayload;
      const g = p.group!;
      g.count += 1;
      if (g.leads.length < GROUP_MAX_LEADS) g.leads.push(held);
      db.prepare('UPDATE alert_outbox SET payload = ? WHERE id = ?').run(JSON.stringify(p), group.id);
      continue;
    }
    const { n } = recent.get(ch.id, now - rule.windowMs, rowId) as { n: number };
    if (n < rule.limit) {
      queued += 1;
      continue;
    }
    const closes = now + rule.windowMs;
    hold.run(closes, rowId);
    const info2: LeadGroupInfo = {
      count: 1,
      windowMinutes: Math.round(rule.windowMs / 60_000),
      from: new Date(now).toISOString(),
      to: new Date(closes).toISOString(),
      listUrl: leadListUrl(publicUrl, site),
      leads: [held],
    };
    const groupPayload = makePayload(site, 'lead_group', `leads-${payload.id}`, closes, payload.language, {
      group: info2,
    });
    insert.run(site.id, ch.id, 'lead_group', groupPayload.id, JSON.stringify(groupPayload), now, closes);
    queued += 1;
  }
  return queued;
}
