import * as v from 'valibot';
import { bodyMayNeedCleaning, cleanJson } from './clean-text';

/**
 * Validates a parsed JSON body, then its cleaned strings (cleanText) when it holds any to clean.
 * Both must pass: a string over a limit is refused even if cleaning would shorten it (600 NULs are
 * not a short prop), and one that cleaning empties is refused by the same minimum as an empty one.
 * The output is the cleaned value.
 */
export function validateClean<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  bytes: Uint8Array,
): v.SafeParseResult<S> {
  const raw = v.safeParse(schema, value);
  if (!raw.success || !bodyMayNeedCleaning(bytes)) return raw;
  return v.safeParse(schema, cleanJson(value));
}
