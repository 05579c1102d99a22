import * as v from 'valibot';
import { CONTACT_NAMES, type GoalDefinition, MAX_STEPS, type Same } from '../model';
import { eventNameSchema, pagePattern, propFilterSchema, stepConditionSchema } from './step-condition';

const NINETY_DAYS_MIN = 90 * 24 * 60;

/** Validates a GoalDefinition (model.ts) from request JSON. */
export const goalDefinitionSchema = v.variant('kind', [
  v.object({ kind: v.literal('page'), pattern: pagePattern }),
  v.object({
    kind: v.literal('event'),
    name: eventNameSchema,
    props: v.optional(v.pipe(v.array(propFilterSchema), v.maxLength(10, 'must hold at most 10 filters'))),
  }),
  v.object({
    kind: v.literal('contact'),
    names: v.optional(
      v.pipe(v.array(v.picklist(CONTACT_NAMES)), v.minLength(1), v.maxLength(CONTACT_NAMES.length)),
    ),
  }),
  v.object({
    kind: v.literal('composite'),
    steps: v.pipe(
      v.array(stepConditionSchema),
      v.minLength(2, 'must hold at least 2 steps'),
      v.maxLength(MAX_STEPS, `must hold at most ${MAX_STEPS} steps`),
    ),
    windowMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(NINETY_DAYS_MIN))),
  }),
]);
const goalDefinitionMatches: Same<v.InferOutput<typeof goalDefinitionSchema>, GoalDefinition> = true;
void goalDefinitionMatches;

const goalName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(100, 'must be at most 100 characters'),
);
const goalValue = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1e12)));
const goalCurrency = v.nullable(
  v.pipe(
    v.string(),
    v.trim(),
    v.toUpperCase(),
    v.regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like RUB or EUR'),
  ),
);

export const newGoalSchema = v.object({
  name: goalName,
  value: v.optional(goalValue),
  currency: v.optional(goalCurrency),
  definition: goalDefinitionSchema,
});
export const goalPatchSchema = v.object({
  name: v.optional(goalName),
  value: v.optional(goalValue),
  currency: v.optional(goalCurrency),
  definition: v.optional(goalDefinitionSchema),
});
export type NewGoal = v.InferOutput<typeof newGoalSchema>;
export type GoalPatch = v.InferOutput<typeof goalPatchSchema>;
