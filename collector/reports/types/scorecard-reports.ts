import type { Goal } from '../../model';

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
