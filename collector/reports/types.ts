/**
 * What the reports answer: plain data in and out, the same from every storage engine (the SQLite
 * queries and the ClickHouse ones). The dashboard imports these types as they are.
 */
import type {
  AttributionModel,
  Dimension,
  FunnelMode,
  FunnelStepCondition,
  PageMatch,
  StepCondition,
} from '../model';

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

export interface FunnelQuery {
  siteId: number;
  steps: readonly (FunnelStepCondition & { label?: string })[];
  exclusions?: readonly StepCondition[];
  mode?: FunnelMode;
  windowMs: number;
  from: number;
  to: number;
  countBy?: 'visitor' | 'session';
  breakdown?: Dimension;
  /** Also run the same funnel over the range of equal length just before. */
  compare?: boolean;
  /** Daily trend of the overall conversion (default true). */
  trend?: boolean;
  /** Day boundaries for the trend, minutes east of UTC. */
  utcOffsetMinutes?: number;
}

export interface FunnelCounts {
  from: number;
  to: number;
  entered: number[];
  /** Last step ÷ first step. */
  conversion: number;
}

export interface FunnelResult {
  from: number;
  to: number;
  mode: FunnelMode;
  countBy: 'visitor' | 'session';
  windowMs: number;
  steps: StepReport[];
  weakest: WeakestLink | null;
  conversion: number;
  breakdown?: { by: Dimension; groups: { value: string | null; entered: number[]; conversion: number }[] };
  comparison?: FunnelCounts & { change: number };
  trend?: { day: string; entered: number; converted: number; conversion: number }[];
}

export interface StepReport {
  step: number;
  label: string;
  entered: number;
  /** entered / entered at step 1 (1 for step 1; 0 when nobody entered). */
  conversionFromStart: number;
  /** entered / entered at the previous step (1 for step 1). */
  conversionFromPrevious: number;
  /** Units that reached the previous step but not this one (0 for step 1). */
  dropOff: number;
  dropOffRate: number;
  /** Median and p75 ms from the previous step on the first reach of this step; null for step 1 or nobody. */
  medianMsFromPrevious: number | null;
  p75MsFromPrevious: number | null;
}

export interface WeakestLink {
  /** 1-based step whose arrivals fell most, relative to the step before it. */
  step: number;
  dropOffRate: number;
}

export interface GoalStatsQuery {
  from: number;
  to: number;
  utcOffsetMinutes?: number;
}

export interface GoalDay {
  day: string;
  conversions: number;
  visitors: number;
  value: number;
}

export interface GoalStats {
  goalId: number;
  from: number;
  to: number;
  conversions: number;
  convertedVisitors: number;
  convertedSessions: number;
  /** Visitors and sessions with a web session starting in the range: the rates' denominators. */
  visitors: number;
  sessions: number;
  visitorConversionRate: number;
  sessionConversionRate: number;
  value: number;
  byDay: GoalDay[];
}

export interface AttributionQuery {
  from: number;
  to: number;
  /** How far before a conversion sessions still count as touches (default 90 days). */
  lookbackMs?: number;
}

export interface AttributionShare {
  channel: string;
  /** Empty in byChannel rows. */
  source: string;
  conversions: number;
  value: number;
  share: number;
}

export interface Attribution {
  goalId: number;
  from: number;
  to: number;
  conversions: number;
  /** Converted visitors with no web session before converting (offline-only leads). */
  unattributed: number;
  models: Record<AttributionModel, { byChannel: AttributionShare[]; bySource: AttributionShare[] }>;
}

export interface ScorecardRow {
  name: string;
  events: number;
  visitors: number;
  /** Converted visitors who touched it before converting ÷ converted visitors. */
  shareOfConverted: number;
  /** Conversion of visitors who touched it (before converting, or at all when they never did). */
  conversionTouched: number;
  conversionNotTouched: number;
  /** conversionTouched ÷ conversionNotTouched; null when nobody untouched converted. */
  lift: number | null;
  /** Visitors who touched it in a session with a negative signal ÷ its visitors. */
  negativeShare: number;
  rating: TouchpointRating;
}

export interface Scorecard {
  from: number;
  to: number;
  visitors: number;
  convertedVisitors: number;
  rows: ScorecardRow[];
}

export type TouchpointRating = 'wow' | 'ok' | 'annoying';

export interface ResponseSpeedQuery {
  from: number;
  to: number;
  /** Reaction time that meets the standard (default 15 minutes). */
  standardMs?: number;
  requestName?: string;
  answerNames?: readonly string[];
}

export interface ResponseSpeed {
  from: number;
  to: number;
  standardMs: number;
  requests: number;
  answered: number;
  unanswered: number;
  medianMs: number | null;
  p90Ms: number | null;
  withinStandard: number;
  /** withinStandard ÷ requests (an unanswered request never meets the standard). */
  withinStandardShare: number;
}

export interface ExportSummary {
  site: string;
  events: number;
  sessions: number;
  visitors: number;
  goals: number;
  conversions: number;
}

// issue 16

/** One page of the page report (docs/dashboard.md#pages says what each number means). */
export interface PageRow {
  path: string;
  /** Pageviews of the page in the range (on every list, for reference). */
  pageviews: number;
  /** Top pages: sessions that viewed it; entry / exit pages: sessions that started / ended on it. */
  sessions: number;
  visitors: number;
  /** Of those visitors, the ones who converted at or after (see getPageReport). */
  conversions: number;
  /** conversions ÷ visitors. */
  conversionRate: number;
  /** Visible seconds per pageview of the page; null without pageviews in the range. */
  engagedSeconds: number | null;
  /** Average deepest scroll (%) of the page's views; null when no engagement was measured. */
  scrollDepth: number | null;
  /** Entry pages: sessions that bounced ÷ sessions; null on the other lists. */
  bounceRate: number | null;
}

export interface PageReport {
  from: number;
  to: number;
  top: PageRow[];
  entry: PageRow[];
  exit: PageRow[];
}

/** Engagement of the sessions that started in a range (docs/dashboard.md#engagement). */
export interface Engagement {
  sessions: number;
  /** Sessions of one page (or none), under 10 s engaged, without a touchpoint. */
  bounces: number;
  bounceRate: number;
  /** Average visible seconds per session (the sum of its engagement events). */
  timeOnSiteSeconds: number;
  pageviewsPerSession: number;
}

/** The touchpoint details (GET touchpoint-detail?kind=…). */
export type DetailKind =
  | 'forms'
  | 'not_found'
  | 'messenger_click'
  | 'file_download'
  | 'review_submit'
  | 'site_search';

export interface FormDetailRow {
  /** The form's id, name or DOM path as the script reported it ('' when none). */
  form: string;
  starts: number;
  submits: number;
  abandons: number;
  visitors: number;
  /** abandons ÷ starts (at most 1). */
  abandonRate: number;
  /** The field abandoned forms were left at (its name, never its value), most common first. */
  fields: { field: string | null; count: number }[];
}

export interface CountRow {
  /** The messenger, the file, or the page searched on. */
  key: string | null;
  count: number;
  visitors: number;
}

export type TouchpointDetail =
  | { kind: 'forms'; rows: FormDetailRow[] }
  | {
      kind: 'not_found';
      rows: {
        path: string | null;
        count: number;
        visitors: number;
        /** Where visitors came from: the linking page (origin and path), null when none was sent. */
        referrers: { referrer: string | null; count: number }[];
      }[];
    }
  | {
      kind: 'review_submit';
      count: number;
      /** Mean of the ratings 1–5; null when none was readable. */
      average: number | null;
      ratings: { rating: number; count: number }[];
      rows: { path: string | null; count: number; average: number | null }[];
    }
  | { kind: 'messenger_click' | 'file_download' | 'site_search'; rows: CountRow[] };

export interface AudienceRow {
  /** The device class, browser, OS or two-letter country code; null when unknown. */
  value: string | null;
  sessions: number;
  visitors: number;
}

/** Who the sessions that started in a range were (GET audience). */
export interface Audience {
  devices: AudienceRow[];
  browsers: AudienceRow[];
  operatingSystems: AudienceRow[];
  countries: AudienceRow[];
}

/** One metric of a page's speed row. */
export interface PageVital {
  p75: number;
  rating: VitalRating;
  samples: number;
}

/** One page of the page speed table (GET page-speed-pages): its Core Web Vitals at p75. */
export interface PageSpeedRow {
  path: string;
  lcp: PageVital | null;
  inp: PageVital | null;
  cls: PageVital | null;
  /** The worst rating of the three: the page's badge. */
  rating: VitalRating;
  /** Samples of the metric with the most. */
  samples: number;
}
