import * as v from 'valibot';
import {
  MAX_PROP_FILTERS,
  MAX_STEP_NAMES,
  PROP_OPS,
  type PropFilter,
  type Same,
  type StepCondition,
} from '../model';

/** Validates a PropFilter (model.ts) from request JSON. */
export const propFilterSchema = v.object({
  key: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, _ . -'),
    v.maxLength(64, 'must be at most 64 characters'),
  ),
  op: v.optional(v.picklist(PROP_OPS), 'eq'),
  value: v.optional(
    v.union([
      v.pipe(v.string(), v.maxLength(256, 'must be at most 256 characters')),
      v.number(),
      v.boolean(),
    ]),
  ),
});

const eventName = v.pipe(v.string(), v.minLength(1), v.maxLength(64, 'must be at most 64 characters'));
export const pagePattern = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(512, 'must be at most 512 characters'),
);

/** Validates a StepCondition (model.ts) from request JSON. */
export const stepConditionSchema = v.object({
  names: v.optional(
    v.pipe(
      v.array(eventName),
      v.minLength(1),
      v.maxLength(MAX_STEP_NAMES, `must hold at most ${MAX_STEP_NAMES} names`),
    ),
  ),
  page: v.optional(pagePattern),
  props: v.optional(
    v.pipe(
      v.array(propFilterSchema),
      v.maxLength(MAX_PROP_FILTERS, `must hold at most ${MAX_PROP_FILTERS} filters`),
    ),
  ),
});

export const eventNameSchema = eventName;

// The schemas must produce exactly the model's types (a mismatch fails typecheck).
const propFilterMatches: Same<v.InferOutput<typeof propFilterSchema>, PropFilter> = true;
const stepConditionMatches: Same<v.InferOutput<typeof stepConditionSchema>, StepCondition> = true;
void propFilterMatches;
void stepConditionMatches;
