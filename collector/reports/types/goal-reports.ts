import type { AttributionModel } from '../../model';

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
