import type { ValidationError } from '../ingest/validation-error';

/** An optional integer query parameter within [min, max]; the default when absent. */
export function intParam(raw: string | undefined, field: string, min: number, max: number, fallback: number): number | ValidationError {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d{1,12}$/.test(raw)) return { error: `${field} must be an integer`, field };
  const n = Number(raw);
  if (n < min) return { error: `${field} must be at least ${min}`, field, limit: min };
  if (n > max) return { error: `${field} must be at most ${max}`, field, limit: max };
  return n;
}
