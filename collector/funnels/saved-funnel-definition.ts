import type { FunnelMode, FunnelStepCondition, StepCondition } from '../model';

/**
 * What a saved funnel keeps, as the layers below HTTP read it: the funnel route's body without the
 * range. http/saved-funnel-body.ts validates it; its output type fits this one.
 */
export interface SavedFunnelDefinition {
  steps: readonly (({ goal: number } | FunnelStepCondition) & { label?: string | undefined })[];
  exclusions?: readonly StepCondition[] | undefined;
  mode: FunnelMode;
  windowMinutes: number;
  countBy: 'visitor' | 'session';
}
