import type { Db } from '../db/open-database';
import type { PendingEvent } from '../ingest/pending-event';
import type { Site } from '../model';
import type { EventSink } from '../store/event-sink';
import type { CallbackOutcome } from './callback-link';

/**
 * Stores `callback_made` / `callback_failed` for the request, as the same visitor and lead, as an
 * offline touchpoint, then marks the link used. The event's id comes from the link's nonce, so a
 * crash between the two steps (or two clicks at once) stores it once; 'used' when another click
 * got there first, 'gone' when the request was deleted (retention).
 */
export async function recordCallbackOutcome(
  deps: { db: Db; writer: EventSink },
  site: Site,
  eventId: number,
  outcome: CallbackOutcome,
  nonce: string,
  now: number,
): Promise<'stored' | 'used' | 'gone'> {
  const req = deps.db
    .prepare(
      `SELECT e.uid, e.lead, v.key FROM events e JOIN visitors v ON v.id = e.visitor_id WHERE e.site_id = ? AND e.id = ?`,
    )
    .get(site.id, eventId) as { uid: string; lead: string | null; key: string } | undefined;
  if (!req) return 'gone';
  const event: PendingEvent = {
    siteId: site.id,
    uid: `o:alert-link-${nonce}`,
    name: outcome === 'made' ? 'callback_made' : 'callback_failed',
    visitorKey: req.key,
    ts: now,
    receivedAt: now,
    path: null,
    url: null,
    referrer: null,
    props: JSON.stringify({ via: 'alert_link', request: req.uid }),
    value: null,
    lead: req.lead,
    origin: 'offline',
    session: null,
  };
  const r = await deps.writer.write([event]);
  const first = deps.db
    .prepare('INSERT OR IGNORE INTO alert_link_uses (nonce, used_at) VALUES (?, ?)')
    .run(nonce, now).changes;
  return r.stored === 1 || first === 1 ? 'stored' : 'used';
}
