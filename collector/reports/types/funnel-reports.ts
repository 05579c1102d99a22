import type { Dimension, FunnelMode, FunnelStepCondition, StepCondition } from '../../model';

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
  breakdown?: {
    by: Dimension;
    /** `tooSmall`: fewer than 30 units started it, too few to judge its conversion. */
    groups: { value: string | null; entered: number[]; conversion: number; tooSmall: boolean }[];
  };
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

/** The step that loses the most would-be conversions (collector/funnels/weakest-link.ts). */
export interface WeakestLink {
  /** 1-based. */
  step: number;
  /** Units that reached the step before and not this one, and their share of those. */
  dropOff: number;
  dropOffRate: number;
  /** Of the units that reach this step, the share that reaches the last; null when nobody reached it. */
  restConversion: number | null;
  /** dropOff × restConversion: conversions lost here; null when nobody reached the step (it stops the funnel). */
  lostConversions: number | null;
  /** The verdict in one sentence, with both numbers. */
  sentence: string;
}
