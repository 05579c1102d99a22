import type { OpenRange, TimeRange, ValidationError } from '../model';

const DAY = 86_400_000;
/** Longest range a report covers (a year and a month: a year-over-year comparison is two of them). */
export const MAX_RANGE_DAYS = 400;
/** A report without `from` covers the 30 days before `to`. */
export const DEFAULT_RANGE_DAYS = 30;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ValidationError };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HINT =
  'must be a day like 2026-11-01, an ISO 8601 time like 2026-11-01T00:00:00Z, or ms since the epoch';

/**
 * One bound of a range: ms since the epoch (digits), a UTC day `YYYY-MM-DD` (as an end, the whole
 * day is included: `to=2026-11-30` runs to December's first instant), or an ISO 8601 time.
 * null when absent (or empty), undefined when malformed.
 */
export function parseInstant(raw: string | number | undefined, end: boolean): number | null | undefined {
  if (raw === undefined || raw === '') return null;
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
  const s = raw.trim();
  if (s.length === 0 || s.length > 40) return s.length === 0 ? null : undefined;
  if (/^\d{1,15}$/.test(s)) return Number(s);
  const t = Date.parse(DATE_ONLY.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  return DATE_ONLY.test(s) && end ? t + DAY : t;
}

/**
 * The half-open range [from, to) of a report: `to` defaults to now, `from` to 30 days before
 * `to`; at most MAX_RANGE_DAYS long.
 */
export function parseRange(
  q: { from?: string | number | undefined; to?: string | number | undefined },
  now: number,
): Parsed<TimeRange> {
  const to = parseInstant(q.to, true);
  if (to === undefined) return bad('to', `to ${HINT}`);
  const end = to ?? now;
  const from = parseInstant(q.from, false);
  if (from === undefined) return bad('from', `from ${HINT}`);
  const start = from ?? end - DEFAULT_RANGE_DAYS * DAY;
  if (start >= end) return bad('to', 'to must be after from');
  if (end - start > MAX_RANGE_DAYS * DAY)
    return bad('to', `to must be at most ${MAX_RANGE_DAYS} days after from`, MAX_RANGE_DAYS);
  return { ok: true, value: { from: start, to: end } };
}

/** Like parseRange, but an absent side stays open and there is no length limit. */
export function parseOpenRange(q: { from?: string | undefined; to?: string | undefined }): Parsed<OpenRange> {
  const from = parseInstant(q.from, false);
  if (from === undefined) return bad('from', `from ${HINT}`);
  const to = parseInstant(q.to, true);
  if (to === undefined) return bad('to', `to ${HINT}`);
  if (from !== null && to !== null && from >= to) return bad('to', 'to must be after from');
  return { ok: true, value: { from, to } };
}

/** An optional integer query parameter within [min, max]; the default when absent. */
export function intParam(
  raw: string | undefined,
  field: string,
  min: number,
  max: number,
  fallback: number,
): Parsed<number> {
  if (raw === undefined || raw === '') return { ok: true, value: fallback };
  if (!/^-?\d{1,15}$/.test(raw)) return bad(field, `${field} must be an integer`);
  const n = Number(raw);
  if (n < min) return bad(field, `${field} must be at least ${min}`, min);
  if (n > max) return bad(field, `${field} must be at most ${max}`, max);
  return { ok: true, value: n };
}

/** A numeric row id from a path (`/goals/:id`): 1–12 digits, else null. */
export const idParam = (raw: string | undefined): number | null =>
  raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;

const bad = (field: string, error: string, limit?: number): { ok: false; error: ValidationError } => ({
  ok: false,
  error: limit === undefined ? { error, field } : { error, field, limit },
});
