import type { QualityCheckId, TouchpointKind } from '../reports/types';

/**
 * What a storage engine counts for the scorecard; buildScorecard (pure) turns it into rows. Both
 * engines count the same things the same way, so their scorecards are equal:
 * - a visitor *met* a touchpoint at their first web event of it in the range; *converted* at their
 *   first conversion in the range; only visitors with a web event in the range count;
 * - `touched`: visitors who met it before converting, or at all when they did not convert.
 */
export interface ScorecardTallies {
  visitors: number;
  converted: number;
  touchpoints: TouchpointTally[];
  /** Every event name in the range, any origin (outcomes are drawn from these). */
  names: NameTally[];
}

export interface TouchpointTally {
  key: string;
  name: string;
  label: string;
  kind: TouchpointKind;
  events: number;
  visitors: number;
  touched: number;
  touchedConverted: number;
  /** The kind's quality checks that had anything to check (quality-rules.ts says what each counts). */
  checks: Partial<Record<QualityCheckId, CheckTally>>;
}

export interface CheckTally {
  checked: number;
  failed: number;
  /** The most common cause among the failures (field, element, metric, source), if known. */
  top?: string | null;
  /** late-callback: requests never returned (counted in `failed` too). */
  never?: number;
  /** low-review: the average of the numeric ratings. */
  average?: number | null;
}

export interface NameTally {
  name: string;
  events: number;
  /** Distinct visitors with an event of this name in the range. */
  visitors: number;
  /** Of `events`, those from the site (origin `web`). */
  webEvents: number;
  /** Sum of the values of its events (offline and imported ones; web ones only where the site stores web values). */
  value: number;
}
