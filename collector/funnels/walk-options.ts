import type { FunnelMode } from '../model';

/** What one funnel walk needs to know; times are ms since the epoch. */
export interface WalkOptions {
  /** Number of steps, 1..MAX_STEPS. */
  steps: number;
  mode: FunnelMode;
  /** Conversion window measured from the step-1 event (inclusive). */
  windowMs: number;
  /** Attempts start only at step-1 events with from <= ts < to; later steps may fall after `to`. */
  from: number;
  to: number;
}
