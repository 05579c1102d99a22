import type { Db } from '../db/open-database';
import { type ClickHouseEventRow, type ClickHouseLeadRow, visitorHash } from './spool-rows';

/**
 * The lead links behind a shipment's events. A link is stored in the same transaction as the event
 * that made it, and that event carries the lead, so shipping the links of every event that names a
 * lead ships every link; one sent twice changes nothing (reports take the first link).
 */
export function leadLinksOf(db: Db, rows: readonly ClickHouseEventRow[]): ClickHouseLeadRow[] {
  const wanted = new Map<string, { site: number; lead: string }>();
  for (const r of rows)
    if (r.lead !== null) wanted.set(`${r.site_id}\u0000${r.lead}`, { site: r.site_id, lead: r.lead });
  if (wanted.size === 0) return [];
  const get = db.prepare(
    'SELECT v.key, l.linked_at FROM leads l JOIN visitors v ON v.id = l.visitor_id WHERE l.site_id = ? AND l.lead = ?',
  );
  const out: ClickHouseLeadRow[] = [];
  for (const { site, lead } of wanted.values()) {
    const link = get.get(site, lead) as { key: string; linked_at: number } | undefined;
    if (link)
      out.push({ site_id: site, lead, visitor: visitorHash(site, link.key), linked_at: link.linked_at });
  }
  return out;
}
