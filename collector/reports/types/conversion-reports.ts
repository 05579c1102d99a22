import type { AttributionModel } from '../../model';

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
