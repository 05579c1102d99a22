import * as v from 'valibot';
import { pagePattern, stepConditionSchema } from '../goals/step-condition';
import { DIMENSIONS, type Dimension, FUNNEL_MODES, MAX_STEPS } from '../model';

export const MAX_WINDOW_MINUTES = 90 * 24 * 60;
export const MAX_EXCLUSIONS = 5;

const label = v.optional(v.pipe(v.string(), v.maxLength(100, 'must be at most 100 characters')));
const instant = v.union([
  v.pipe(v.string(), v.maxLength(20, 'must be at most 20 characters')),
  v.pipe(v.number(), v.integer(), v.minValue(0)),
]);

/**
 * A funnel step: a goal of the site (page, event or contact), a condition written inline, or
 * "landed on page X" (`landing`: a path pattern, matched against the session's landing page).
 */
export const funnelStepSchema = v.union([
  v.strictObject({ goal: v.pipe(v.number(), v.integer(), v.minValue(1)), label }),
  v.strictObject({
    landing: v.pipe(pagePattern, v.regex(/^[/*]/, 'must be a path pattern starting with / or *')),
    label,
  }),
  v.strictObject({ ...stepConditionSchema.entries, label }),
]);

/** Body of `POST /api/sites/:site/funnel`. */
export const funnelBodySchema = v.strictObject({
  steps: v.pipe(
    v.array(funnelStepSchema),
    v.minLength(2, 'must hold at least 2 steps'),
    v.maxLength(MAX_STEPS, `must hold at most ${MAX_STEPS} steps`),
  ),
  exclusions: v.optional(
    v.pipe(
      v.array(v.strictObject(stepConditionSchema.entries)),
      v.maxLength(MAX_EXCLUSIONS, `must hold at most ${MAX_EXCLUSIONS} exclusions`),
    ),
  ),
  mode: v.optional(v.picklist(FUNNEL_MODES), 'ordered'),
  windowMinutes: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(MAX_WINDOW_MINUTES, `must be at most ${MAX_WINDOW_MINUTES}`),
    ),
    1440,
  ),
  countBy: v.optional(v.picklist(['visitor', 'session']), 'visitor'),
  from: v.optional(instant),
  to: v.optional(instant),
  breakdown: v.optional(v.picklist(Object.keys(DIMENSIONS) as Dimension[])),
  compare: v.optional(v.boolean(), false),
  trend: v.optional(v.boolean(), true),
  utcOffsetMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-840), v.maxValue(840)), 0),
});
export type FunnelBody = v.InferOutput<typeof funnelBodySchema>;
/** What a client sends (defaults not yet applied): the dashboard builds these. */
export type FunnelBodyInput = v.InferInput<typeof funnelBodySchema>;
