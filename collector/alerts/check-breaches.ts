import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { listSites } from '../store/sites';
import { businessDeadline } from './business-deadline';
import { LEAD_ROW_SQL, type LeadRow, leadInfo } from './lead-detector';
import { makePayload } from './make-payload';
import { enqueueAlert } from './outbox-store';
import { getAlertSettings } from './settings-store';
import { siteStandard } from './site-standard';

/** Requests looked at: a standard of up to a week of business time, plus a weekend. */
const LOOKBACK_MS = 10 * 24 * 3600_000;
/** A deadline missed longer ago than this (reminders just turned on, a long outage) is not reminded. */
const STALE_MS = 24 * 3600_000;

/**
 * Standard breach: each callback request with no callback_made / call_answered (same visitor, or
 * same lead) whose business-time deadline has passed gets one `reminder` per channel (the outbox
 * key `reminder-<request>` makes it once, across passes and restarts). Answers how many were queued.
 */
export function checkBreaches(db: Db, publicUrl: string, now: number): number {
  let queued = 0;
  for (const site of listSites(db)) queued += checkSite(db, site, publicUrl, now);
  return queued;
}

function checkSite(db: Db, site: Site, publicUrl: string, now: number): number {
  const settings = getAlertSettings(db, site.id);
  if (!settings.reminders) return 0;
  const hasChannel = db
    .prepare('SELECT 1 FROM alert_channels WHERE site_id = ? AND enabled = 1')
    .get(site.id);
  if (!hasChannel) return 0;
  const { minutes, timeZone } = siteStandard(site);
  const requests = db
    .prepare(
      `${LEAD_ROW_SQL} WHERE e.site_id = ? AND e.ts >= ? AND e.ts <= ? AND n.name = 'callback_request' ORDER BY e.ts`,
    )
    .all(site.id, now - LOOKBACK_MS, now) as LeadRow[];
  const answered = db.prepare(
    `SELECT 1 FROM events e JOIN names n ON n.id = e.name_id
     WHERE e.site_id = ? AND e.ts > ? AND n.name IN ('callback_made', 'call_answered')
       AND (e.visitor_id = ? OR (? IS NOT NULL AND e.lead = ?)) LIMIT 1`,
  );
  const reminded = db.prepare('SELECT 1 FROM alert_outbox WHERE site_id = ? AND idempotency_key = ? LIMIT 1');
  let queued = 0;
  for (const r of requests) {
    const key = `reminder-${r.id}`;
    if (reminded.get(site.id, key)) continue;
    const deadline = businessDeadline(r.ts, minutes, settings.businessHours, timeZone);
    if (deadline > now || now - deadline > STALE_MS) continue;
    if (answered.get(site.id, r.ts, r.visitor_id, r.lead, r.lead)) continue;
    const payload = makePayload(site, 'reminder', key, now, settings.language, {
      lead: leadInfo(db, site, r, publicUrl, now),
      standard: { minutes, deadline: new Date(deadline).toISOString() },
    });
    queued += enqueueAlert(db, site.id, payload, now).length;
  }
  return queued;
}
