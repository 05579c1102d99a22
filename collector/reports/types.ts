/**
 * What the reports answer: plain data in and out, the same from every storage engine (the SQLite
 * queries and the ClickHouse ones). The dashboard imports these types as they are.
 */
import type { AttributionModel, Dimension, FunnelMode, Goal, StepCondition } from '../model';

export interface ReportFilter {
  siteId: number;
  /** Inclusive start, ms since epoch. */
  from: number;
  /** Exclusive end, ms since epoch. */
  to: number;
  /** Session attributes of the event's session. */
  channel?: string;
  device?: string;
  /** Exact page path of the event. */
  page?: string;
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
  steps: readonly (StepCondition & { label?: string })[];
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

/**
 * One on-site touchpoint of the scorecard: an event name (`callback_request`), a page
 * (`page:/prices`) or a form (`form:booking`), rated on its own quality and on what it does for
 * conversion (docs/dashboard.md#scorecard says how).
 */
export interface ScorecardRow {
  /** `callback_request`, `page:/prices`, `form:booking`: unique in the answer. */
  key: string;
  /** The event that meets it: its own name, `pageview` for a page, `form_start` for a form. */
  name: string;
  /** What it is shown as: the name, the page path, the form's name. */
  label: string;
  kind: TouchpointKind;
  events: number;
  visitors: number;
  /** Converted visitors who met it before converting ÷ converted visitors. */
  shareOfConverted: number;
  /** Conversion of visitors who met it (before converting, or at all when they never did). */
  conversionTouched: number;
  conversionNotTouched: number;
  /** conversionTouched ÷ conversionNotTouched; null when nobody who did not meet it converted. */
  lift: number | null;
  /** Failure share of its worst quality check; null when its kind has no quality rule or no data. */
  negativeShare: number | null;
  effect: TouchpointEffect;
  quality: TouchpointQuality;
  rating: TouchpointRating;
  /** Why, in one sentence: the quality failure or the effect that decided the rating. */
  reason: string;
}

export interface Scorecard {
  from: number;
  to: number;
  /** Visitors with a web event in the range, and those of them who converted in it. */
  visitors: number;
  convertedVisitors: number;
  rows: ScorecardRow[];
  /** What is not rated: the goal's own events, offline and imported events, signals and measurements. */
  outcomes: ScorecardOutcome[];
  /** Pages left out of `rows` (beyond the busiest, none of them rated annoying). */
  pagesNotShown: number;
  /** The thresholds the ratings were made with, the site's response standard included. */
  rules: ScorecardRules;
}

/** `not-enough-data`: too few visitors met it, and too few of its checks, to say anything. */
export type TouchpointRating = 'wow' | 'ok' | 'annoying' | 'not-enough-data';

export interface ResponseSpeedQuery {
  from: number;
  to: number;
  /** Reaction time that meets the standard (default 15 minutes). */
  standardMs?: number;
  requestName?: string;
  answerNames?: readonly string[];
  /** Where hours and weekdays are read: an IANA zone (default UTC) or, when given, a fixed offset. */
  timeZone?: string;
  utcOffsetMinutes?: number;
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
  /** The clock `byHour` and `byWeekday` are read on: the zone's name, or `UTC+03:00` for an offset. */
  clock: string;
  /** 24 slots by the local hour a request came in, then 7 by weekday, Monday first. */
  byHour: ResponseSlot[];
  byWeekday: ResponseSlot[];
}

export interface ExportSummary {
  site: string;
  events: number;
  sessions: number;
  visitors: number;
  goals: number;
  conversions: number;
}

// issue 15

/** The kind of a touchpoint decides its quality rule (collector/scorecard/quality-rules.ts). */
export type TouchpointKind = 'callback' | 'call' | 'chat' | 'contact' | 'form' | 'page' | 'review' | 'other';

export type QualityCheckId =
  | 'late-callback'
  | 'missed-call'
  | 'form-abandoned'
  | 'form-blocked'
  | 'not-found'
  | 'poor-vitals'
  | 'frustrated-clicks'
  | 'low-review';

/**
 * One check of a touchpoint's own quality: how many of its units (callback requests, calls, form
 * starts, page visits, reviews) were checked and how many failed the customer.
 * - `bad`: the failure share's 95 % Wilson interval lies wholly above the limit;
 * - `good`: it lies wholly at or below the limit;
 * - `unclear`: it straddles the limit;
 * - `too-few`: fewer units than the rules' `minChecked`.
 */
export interface QualityCheck {
  check: QualityCheckId;
  checked: number;
  failed: number;
  failureRate: number;
  interval: [number, number];
  /** The failure share above which the touchpoint fails its customers. */
  limit: number;
  verdict: 'bad' | 'good' | 'unclear' | 'too-few';
  /** The most common cause among the failures: a field, an element, a metric, a source; else null. */
  top: string | null;
  sentence: string;
}

export interface TouchpointQuality {
  /** `bad` if any check is bad; `not-measured` when the kind has no rule or nothing was checked. */
  verdict: 'bad' | 'unclear' | 'good' | 'too-few' | 'not-measured';
  checks: QualityCheck[];
  sentence: string;
}

/**
 * What meeting a touchpoint does for conversion: visitors who met it (before converting, or at all
 * when they did not convert) against those who did not, each rate with its 95 % Wilson interval.
 * The lift's interval divides those bounds (lowest over highest, highest over lowest), so it
 * holds whenever both rates lie in their intervals.
 * - `better`: the lift's lower bound is at least `rules.wowLiftLowerBound`;
 * - `worse`: its upper bound is at most `rules.annoyingLiftUpperBound`;
 * - `unclear`: between; `too-few`: fewer than `rules.minSample` met it;
 * - `no-comparison`: fewer than `rules.minSample` did not meet it (nearly everyone did).
 */
export interface TouchpointEffect {
  touched: number;
  touchedConverted: number;
  notTouched: number;
  notTouchedConverted: number;
  conversionTouched: number;
  conversionTouchedInterval: [number, number];
  conversionNotTouched: number;
  conversionNotTouchedInterval: [number, number];
  lift: number | null;
  /** [lower, upper]; upper null when it is unbounded (no converted visitor is ruled out among the rest). */
  liftInterval: [number, number | null] | null;
  verdict: 'better' | 'worse' | 'unclear' | 'too-few' | 'no-comparison';
  sentence: string;
}

/**
 * An event kind that is not rated, and why:
 * - `goal`: the goal's own events (and touchpoints that are the goal, such as its page);
 * - `after-goal`: a touchpoint every visitor met only after converting (a thank-you page);
 * - `offline`: events from the site's server or an import (calls, callbacks made, meetings, deals);
 * - `signal`: web events counted inside another row (form events in the form's row; 404s, web
 *   vitals and rage or dead clicks in the page's);
 * - `technical`: engagement, identify, delivery losses.
 */
export interface ScorecardOutcome {
  key: string;
  name: string;
  label: string;
  role: 'goal' | 'after-goal' | 'offline' | 'signal' | 'technical';
  events: number;
  visitors: number;
  /** Sum of the events' values (money sent by your server); 0 when they carry none. */
  value: number;
  /** The quality of a touchpoint that is the goal (callback speed when any contact converts); else null. */
  quality: TouchpointQuality | null;
}

export interface ScorecardRules {
  /** Visitors who met a touchpoint (and who did not) needed to judge its effect. */
  minSample: number;
  /** Units a quality check needs before it is judged. */
  minChecked: number;
  wowLiftLowerBound: number;
  annoyingLiftUpperBound: number;
  responseStandardMinutes: number;
  /** Each check's limit: the failure share above which a touchpoint fails its customers. */
  limits: Record<QualityCheckId, number>;
}

/** What the scorecard is read against: a goal, or any contact touchpoint when `goal` is null. */
export interface ScorecardQuery {
  from: number;
  to: number;
  goal: Goal | null;
  /** The site's response standard: a callback request returned later than this is late. */
  responseStandardMs: number;
}

/** Response speed of the callback requests that came in one hour of the day, or one weekday. */
export interface ResponseSlot {
  /** `09:00` or `Mon`. */
  label: string;
  requests: number;
  answered: number;
  withinStandard: number;
  /** Not returned within the standard, unanswered ones included. */
  late: number;
  medianMs: number | null;
}

/** One callback request: when, where from, and how long it waited for the call. */
export interface CallbackRequestRow {
  ts: number;
  /** The request's hour and weekday on the report's clock. */
  localHour: number;
  localWeekday: string;
  path: string | null;
  channel: string | null;
  source: string | null;
  campaign: string | null;
  /** The CRM's lead id the page identified the visitor with, to find the person; null without one. */
  lead: string | null;
  /** ms until the first callback_made or call_answered; null when never answered. */
  waitedMs: number | null;
  answeredBy: string | null;
  status: 'on-time' | 'late' | 'unanswered';
}

export interface CallbackRequestQuery extends ResponseSpeedQuery {
  /** Which requests: `missed` (late or unanswered, the default), `late`, `unanswered` or `all`. */
  status?: 'missed' | 'late' | 'unanswered' | 'all';
  /** At most this many rows, newest first (`total` counts them all). */
  limit?: number;
}

export interface CallbackRequestList {
  from: number;
  to: number;
  standardMs: number;
  clock: string;
  status: NonNullable<CallbackRequestQuery['status']>;
  total: number;
  rows: CallbackRequestRow[];
}

/** The overview's conversion numbers (`GET conversions`): what the site's traffic turned into. */
export interface ConversionsQuery {
  from: number;
  to: number;
  /** Which session a conversion is credited to in `sources` and `campaigns`. */
  model: AttributionModel;
  /** How far before a conversion sessions still count as touches (default 90 days). */
  lookbackMs?: number;
  /** Adds `previous`: the period of the same length right before. */
  compare?: boolean;
  /** The site's currency, echoed in `revenue`. */
  currency: string | null;
}

/** One headline card: leads (any contact touchpoint) or a goal. */
export interface ConversionCard {
  /** `leads`, or `goal:<id>`. */
  key: string;
  goalId: number | null;
  name: string;
  /** Events (or composite sessions) that converted; a lead is a visitor who got in touch. */
  conversions: number;
  convertedVisitors: number;
  /** convertedVisitors ÷ visitors. */
  conversionRate: number;
  value: number;
}

/** Money the CRM reported: the values of offline and imported events (deals won, payments). */
export interface Revenue {
  currency: string | null;
  total: number;
  events: number;
  visitors: number;
  byName: { name: string; events: number; value: number }[];
}

/** Where converting visitors came from: a channel and source, or a campaign. */
export interface ConversionSourceRow {
  channel: string;
  /** utm_source, else the referrer's host, else `(direct)`. */
  source: string;
  /** The utm_campaign in `campaigns` rows; null in `sources` rows. */
  campaign: string | null;
  /** Visitors with a session from it that started in the range. */
  visitors: number;
  /** Visitors who got in touch, credited to it by the model. */
  leads: number;
  /** Converted visitors per goal id, credited to it by the model. */
  goals: Record<string, number>;
  /** Revenue credited to it (each paying visitor's sum, dated by their first valued event). */
  revenue: number;
}

export interface ConversionPeriod {
  from: number;
  to: number;
  /** Visitors with a web session starting in the range: the rates' denominator. */
  visitors: number;
  leads: ConversionCard;
  goals: ConversionCard[];
  revenue: Revenue;
}

export interface Conversions extends ConversionPeriod {
  model: AttributionModel;
  /** By leads, then visitors, most first. */
  sources: ConversionSourceRow[];
  campaigns: ConversionSourceRow[];
  /** Converted or paying visitors with no session within the lookback: in the cards, in no row. */
  unattributed: number;
  previous?: ConversionPeriod;
}
