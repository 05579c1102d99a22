/**
 * The collector's shared domain model: plain types and the constants that bound them. Request
 * schemas (valibot, in goals/ and http/) are checked against these types; queries, the funnel
 * engine and both storage engines speak them. Nothing here does I/O or imports another module.
 */

/** How a session was reached (see ingest/channel.ts for the rules). */
export type Channel = 'paid' | 'search' | 'social' | 'email' | 'referral' | 'direct';
export const CHANNELS: readonly Channel[] = ['paid', 'search', 'social', 'email', 'referral', 'direct'];

/** Where an event came from: the browser, the offline API, or a CSV import. */
export type Origin = 'web' | 'offline' | 'import';

export type PropOp = 'eq' | 'neq' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists';
export const PROP_OPS: readonly PropOp[] = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'];

/**
 * A filter on an event's props: `props[key] op value`; a missing key fails every op but `neq`.
 * Numbers compare as numbers (see conditions/prop-filter-sql.ts for the rule).
 */
export interface PropFilter {
  key: string;
  op: PropOp;
  value?: string | number | boolean | undefined;
}

/**
 * What an event must be to match a funnel step or a goal: one of `names` (default `pageview`
 * when only `page` is given), on a page matching `page` (see conditions/page-pattern.ts), with
 * every prop filter holding.
 */
export interface StepCondition {
  names?: string[] | undefined;
  page?: string | undefined;
  props?: PropFilter[] | undefined;
}

export const MAX_PROP_FILTERS = 10;
export const MAX_STEP_NAMES = 20;

/**
 * - `ordered`: steps in order; other events (funnel or not) may come between.
 * - `strict`: steps in order with no other funnel event between two consecutive steps.
 * - `any`: step 1 first, then steps 2..n in any order.
 */
export type FunnelMode = 'ordered' | 'strict' | 'any';
export const FUNNEL_MODES: readonly FunnelMode[] = ['ordered', 'strict', 'any'];

/** What a funnel counts: visitors, or sessions (each its own attempt at the funnel). */
export type CountBy = 'visitor' | 'session';

/**
 * A funnel step: a step condition, or (issue 16) "landed on page X": `landing` is a page pattern,
 * and the step matches the first pageview of every session whose landing page matches it. A
 * landing step has no `names`, `page` or `props`.
 */
export interface FunnelStepCondition extends StepCondition {
  landing?: string | undefined;
}

/** Funnel steps: 2–10 (ten fit the engine's bitmask with room for the exclusion bit). */
export const MIN_STEPS = 2;
export const MAX_STEPS = 10;
export const MAX_EXCLUSIONS = 5;
export const MAX_WINDOW_MINUTES = 90 * 24 * 60;

/**
 * Session columns a funnel can be broken down by: the API name maps to a fixed column. The
 * order is the order of the code columns in a packed block's `sdim` (blocks/event-blocks.ts):
 * changing it means repacking every block.
 */
export const DIMENSIONS = {
  channel: 'channel',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
  device: 'device',
  landing_page: 'landing_path',
  country: 'country',
} as const;
export type Dimension = keyof typeof DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];
export const DIMENSION_COUNT = DIMENSION_NAMES.length;
/** Column of each dimension inside `sdim`, 0-based. */
export const dimensionIndex = (dim: Dimension): number => DIMENSION_NAMES.indexOf(dim);

/** Touchpoints that count as "contacted us" unless a contact goal lists its own. */
export const CONTACT_NAMES = [
  'call_click',
  'email_click',
  'messenger_click',
  'callback_request',
  'chat_open',
] as const;
export type ContactName = (typeof CONTACT_NAMES)[number];

/**
 * A goal, Metrica-style:
 * - `page`: a pageview whose path (or URL, when the pattern starts with http) matches `pattern`;
 * - `event`: an event `name` whose props pass every filter;
 * - `contact`: any of `names` (default: all CONTACT_NAMES);
 * - `composite`: `steps` done in order within one session (and `windowMinutes`, default 1 day).
 */
export type GoalDefinition =
  | { kind: 'page'; pattern: string }
  | { kind: 'event'; name: string; props?: PropFilter[] | undefined }
  | { kind: 'contact'; names?: ContactName[] | undefined }
  | { kind: 'composite'; steps: StepCondition[]; windowMinutes?: number | undefined };
export type GoalKind = GoalDefinition['kind'];

/** A half-open time range [from, to) in ms since the epoch. */
export interface TimeRange {
  from: number;
  to: number;
}

/** True when A and B are the same type; used to check schemas against the model at compile time. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export interface Site {
  id: number;
  publicId: string;
  domain: string;
  hostnames: string[];
  secret: string;
  countBots: boolean;
  defaultCountry: string | null;
  retentionDays: number | null;
  /** Link a lead on an unsigned `tp('identify', lead)`; off, only a lead signed by the site's server is linked. */
  unsignedIdentify: boolean;
  /** Store a web event's `p.value` as its value (money); off, only offline events, imports and goals carry value. */
  webValues: boolean;
  createdAt: number;
}

export interface Goal {
  id: number;
  siteId: number;
  name: string;
  /** Value of one conversion when the event carries none. */
  value: number | null;
  definition: GoalDefinition;
  createdAt: number;
  updatedAt: number;
}

export type AttributionModel = 'firstTouch' | 'lastTouch' | 'lastSignificant';

/** A half-open time range `[from, to)` in ms since epoch; `null` means open on that side. */
export interface OpenRange {
  from: number | null;
  to: number | null;
}

/** The JSON body of every 4xx: which field, what is wrong, and the limit when there is one. */
export interface ValidationError {
  error: string;
  field?: string;
  limit?: number;
}

// issue 16

/** How a report's page filter matches a path: the whole path, part of it, or its beginning. */
export type PageMatch = 'exact' | 'contains' | 'prefix';
export const PAGE_MATCHES: readonly PageMatch[] = ['exact', 'contains', 'prefix'];
