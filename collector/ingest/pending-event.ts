import type { Channel } from '../model';

/** What a new session records about how it started (from its first event). */
export interface SessionSeed {
  landingPath: string | null;
  referrerHost: string | null;
  channel: Channel;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  /** ISO 3166 two-letter code from the visitor's address at ingest; null when unknown. */
  country: string | null;
}

/** A validated, enriched event ready for the writer: no IP, no raw query string. */
export interface PendingEvent {
  siteId: number;
  uid: string;
  name: string;
  /** `visitors.key`; empty for an offline event known only by its lead. */
  visitorKey: string;
  ts: number;
  receivedAt: number;
  path: string | null;
  url: string | null;
  referrer: string | null;
  /** JSON object text or null. */
  props: string | null;
  value: number | null;
  lead: string | null;
  origin: 'web' | 'offline' | 'import';
  /** Web events join or open a session; offline ones have none. */
  session: SessionSeed | null;
  /** Set by `identify`: link this lead id to the event's visitor. */
  linkLead?: string;
}
