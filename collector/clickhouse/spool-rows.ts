import { createHash } from 'node:crypto';
import type { Db } from '../db/open-database';

/** One `events` row as ClickHouse takes it in JSONEachRow (64-bit integers as decimal strings). */
export interface ClickHouseEventRow {
  site_id: number;
  uid: string;
  /** The spool row id with the instance number in the high 32 bits (see globalSession). */
  seq: string;
  batch: string;
  ts: number;
  time: number;
  received_at: number;
  visitor: string;
  standin: 0 | 1;
  visitor_kind: string;
  visitor_first_ts: number;
  session: string;
  name: string;
  name_id: number;
  path: string | null;
  url: string | null;
  referrer: string | null;
  props: string | null;
  value: number | null;
  lead: string | null;
  origin: string;
  landing_path: string | null;
  referrer_host: string | null;
  channel: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
}

export interface ClickHouseLeadRow {
  site_id: number;
  lead: string;
  visitor: string;
  linked_at: number;
}

/** An event as read from the SQLite spool, with the keys ClickHouse rows are derived from. */
interface SpoolEvent {
  id: number;
  site_id: number;
  uid: string;
  ts: number;
  received_at: number;
  visitor_key: string;
  visitor_first_ts: number;
  session_id: number | null;
  name: string;
  name_id: number;
  path: string | null;
  url: string | null;
  referrer: string | null;
  props: string | null;
  value: number | null;
  lead: string | null;
  origin: string;
  landing_path: string | null;
  referrer_host: string | null;
  channel: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
}

/**
 * A visitor's id everywhere beyond one SQLite file: the first 64 bits of sha256(site | key). The
 * key (daily hash, consented id, or a lead's stand-in) is what two collectors agree on.
 */
export function visitorHash(siteId: number, key: string): string {
  return createHash('sha256').update(`${siteId}|${key}`).digest().readBigUInt64BE(0).toString();
}

/** A session (or event row) id unique across collectors: the spool's instance number, then its local id. */
export const globalSession = (instance: number, localId: number | null): string =>
  localId === null ? '0' : ((BigInt(instance) << 32n) | BigInt(localId)).toString();

/** How a visitor is known, by its key's prefix: the export's `visitors.identity`. */
export const visitorKind = (key: string): string =>
  key.startsWith('h:')
    ? 'cookieless'
    : key.startsWith('c:')
      ? 'consented'
      : key.startsWith('l:')
        ? 'lead'
        : 'offline';

/** DateTime seconds for the partition key: clamped to what a DateTime holds (1970–2106). */
const seconds = (ts: number): number => Math.min(0xffff_ffff, Math.max(0, Math.floor(ts / 1000)));

const EVENTS_SQL = `SELECT e.id, e.site_id, e.uid, e.ts, e.received_at, v.key AS visitor_key, v.first_ts AS visitor_first_ts, e.session_id, n.name, e.name_id,
    e.path, e.url, e.referrer, e.props, e.value, e.lead, e.origin,
    s.landing_path, s.referrer_host, s.channel, s.utm_source, s.utm_medium, s.utm_campaign, s.device, s.browser, s.os, s.country
  FROM events e
  JOIN names n ON n.id = e.name_id
  JOIN visitors v ON v.id = e.visitor_id
  LEFT JOIN sessions s ON s.id = e.session_id
  WHERE e.id > ? ORDER BY e.id LIMIT ?`;

/**
 * Up to `limit` events of the spool after row id `afterId`, in id order (the order they committed
 * in), as ClickHouse rows of shipment `batch`. Returns the last id read (afterId when none).
 */
export function readSpoolEvents(
  db: Db,
  afterId: number,
  limit: number,
  instance: number,
  batch: string,
): { rows: ClickHouseEventRow[]; lastId: number } {
  const events = db.prepare(EVENTS_SQL).all(afterId, limit) as SpoolEvent[];
  const rows = events.map(
    (e): ClickHouseEventRow => ({
      site_id: e.site_id,
      uid: e.uid,
      seq: globalSession(instance, e.id),
      batch,
      ts: e.ts,
      time: seconds(e.ts),
      received_at: e.received_at,
      visitor: visitorHash(e.site_id, e.visitor_key),
      standin: e.visitor_key.startsWith('l:') ? 1 : 0,
      visitor_kind: visitorKind(e.visitor_key),
      visitor_first_ts: e.visitor_first_ts,
      session: globalSession(instance, e.session_id),
      name: e.name,
      name_id: e.name_id,
      path: e.path,
      url: e.url,
      referrer: e.referrer,
      props: e.props,
      value: e.value,
      lead: e.lead,
      origin: e.origin,
      landing_path: e.landing_path,
      referrer_host: e.referrer_host,
      channel: e.channel,
      utm_source: e.utm_source,
      utm_medium: e.utm_medium,
      utm_campaign: e.utm_campaign,
      device: e.device,
      browser: e.browser,
      os: e.os,
      country: e.country,
    }),
  );
  return { rows, lastId: events.at(-1)?.id ?? afterId };
}

/** Lead links of the spool made at or after `afterMs` (linked_at), with the visitor's global id; a row sent twice is harmless (reports take the first link). */
export function readSpoolLeads(db: Db, afterMs: number): ClickHouseLeadRow[] {
  const links = db
    .prepare(
      `SELECT l.site_id, l.lead, v.key, l.linked_at FROM leads l JOIN visitors v ON v.id = l.visitor_id
       WHERE l.linked_at >= ? ORDER BY l.linked_at`,
    )
    .all(afterMs) as { site_id: number; lead: string; key: string; linked_at: number }[];
  return links.map((l) => ({
    site_id: l.site_id,
    lead: l.lead,
    visitor: visitorHash(l.site_id, l.key),
    linked_at: l.linked_at,
  }));
}
