import * as v from 'valibot';
import { funnelBodySchema } from './funnel-body';

const { from: _from, to: _to, utcOffsetMinutes: _off, ...definitionEntries } = funnelBodySchema.entries;

/** What a saved funnel keeps: the funnel route's body without the range (picked when it is run). */
export const savedFunnelDefinitionSchema = v.strictObject(definitionEntries);
export type SavedFunnelDefinition = v.InferOutput<typeof savedFunnelDefinitionSchema>;

const name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(100, 'must be at most 100 characters'),
);

/** Body of `POST /api/sites/:site/funnels`. */
export const newSavedFunnelSchema = v.strictObject({ name, definition: savedFunnelDefinitionSchema });

/** Body of `PATCH /api/sites/:site/funnels/:id`: either or both. */
export const savedFunnelPatchSchema = v.strictObject({
  name: v.optional(name),
  definition: v.optional(savedFunnelDefinitionSchema),
});
