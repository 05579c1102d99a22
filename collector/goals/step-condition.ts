import * as v from 'valibot';

/** A filter on an event's props: `props[key] op value`; a missing key fails every op but `neq`. */
export const propFilterSchema = v.object({
  key: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, _ . -'), v.maxLength(64, 'must be at most 64 characters')),
  op: v.optional(v.picklist(['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists']), 'eq'),
  value: v.optional(v.union([v.pipe(v.string(), v.maxLength(256, 'must be at most 256 characters')), v.number(), v.boolean()])),
});
export type PropFilter = v.InferOutput<typeof propFilterSchema>;

const eventName = v.pipe(v.string(), v.minLength(1), v.maxLength(64, 'must be at most 64 characters'));
export const pagePattern = v.pipe(v.string(), v.minLength(1), v.maxLength(512, 'must be at most 512 characters'));

/**
 * What an event must be to match a funnel step or a goal: one of `names` (default `pageview`
 * when only `page` is given), on a page matching `page` (see page-pattern.ts), with every prop
 * filter holding.
 */
export const stepConditionSchema = v.object({
  names: v.optional(v.pipe(v.array(eventName), v.minLength(1), v.maxLength(20, 'must hold at most 20 names'))),
  page: v.optional(pagePattern),
  props: v.optional(v.pipe(v.array(propFilterSchema), v.maxLength(10, 'must hold at most 10 filters'))),
});
export type StepCondition = v.InferOutput<typeof stepConditionSchema>;

export const eventNameSchema = eventName;
