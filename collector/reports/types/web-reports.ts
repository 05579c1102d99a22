import type { PageMatch } from '../../model';

export interface ReportFilter {
  siteId: number;
  /** Inclusive start, ms since epoch. */
  from: number;
  /** Exclusive end, ms since epoch. */
  to: number;
  /** Session attributes of the event's session. */
  channel?: string;
  device?: string;
  /** Page path of the event (of the session's landing page in session reports), matched by `pageMatch`. */
  page?: string;
  /** How `page` matches: the whole path (default), part of it, or its start. */
  pageMatch?: PageMatch;
  /** The session's country (two-letter code). */
  country?: string;
}

export interface TouchpointCount {
  name: string;
  count: number;
  visitors: number;
}

export interface Overview {
  visitors: number;
  sessions: number;
  pageviews: number;
  /** Everything but pageviews and technical events (vitals, engagement, identify). */
  touchpoints: number;
  byKind: TouchpointCount[];
}

export interface Timeseries {
  /** Bucket starts, ms since epoch; every bucket present, empty ones as 0. */
  t: number[];
  visitors: number[];
  pageviews: number[];
  touchpoints: number[];
}

export interface SourceRow {
  key: string;
  sessions: number;
  visitors: number;
  touchpoints: number;
}

export interface Sources {
  channels: SourceRow[];
  utmSources: SourceRow[];
  utmMediums: SourceRow[];
  utmCampaigns: SourceRow[];
  referrers: SourceRow[];
}

export type VitalRating = 'good' | 'needs-improvement' | 'poor';

export interface VitalSummary {
  path: string;
  metric: string;
  samples: number;
  /** The 75th percentile, the value Google rates a page by. */
  p75: number;
  rating: VitalRating;
  good: number;
  needsImprovement: number;
  poor: number;
}

export interface RecentEvent {
  ts: number;
  name: string;
  path: string | null;
  channel: string | null;
  referrer: string | null;
}

export interface Realtime {
  visitors: number;
  /** Events per minute, oldest first; `t[i]` is the minute's start. */
  t: number[];
  events: number[];
  topPages: { path: string; visitors: number }[];
  recent: RecentEvent[];
}

export interface FirstEventCheck {
  hasEvents: boolean;
  /** The newest event, so the setup page can say what arrived. */
  latest: { name: string; path: string | null; ts: number } | null;
}

export interface EventName {
  name: string;
  count: number;
  visitors: number;
}

export interface PageCount {
  path: string;
  pageviews: number;
  visitors: number;
}
