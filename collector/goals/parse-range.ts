import type { ValidationError } from '../ingest/validation-error';

const DAY = 86_400_000;
/** Longest range one query may cover. */
export const MAX_RANGE_DAYS = 3 * 366;
export const DEFAULT_RANGE_DAYS = 30;

/** A `from`/`to` value: a day `YYYY-MM-DD` (UTC) or ms since the epoch. */
function parseInstant(raw: string | number, end: boolean): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const t = Date.parse(`${raw}T00:00:00Z`);
  if (Number.isNaN(t)) return null;
  // A day as `to` includes that whole day.
  return end ? t + DAY : t;
}

/**
 * The half-open range [from, to) of a query. Defaults: `to` = now, `from` = 30 days before `to`.
 * Days are UTC and `to` as a day is inclusive (`from=2026-11-01&to=2026-11-30` = all November).
 */
export function parseRange(from: string | number | undefined, to: string | number | undefined, now: number): { from: number; to: number } | ValidationError {
  const t = to === undefined || to === '' ? now : parseInstant(to, true);
  if (t === null) return { error: 'to must be a day YYYY-MM-DD or ms since the epoch', field: 'to' };
  const f = from === undefined || from === '' ? t - DEFAULT_RANGE_DAYS * DAY : parseInstant(from, false);
  if (f === null) return { error: 'from must be a day YYYY-MM-DD or ms since the epoch', field: 'from' };
  if (f >= t) return { error: 'from must be before to', field: 'from' };
  if (t - f > MAX_RANGE_DAYS * DAY) return { error: `range must be at most ${MAX_RANGE_DAYS} days`, field: 'to', limit: MAX_RANGE_DAYS };
  return { from: f, to: t };
}

export const isRangeError = (r: { from: number; to: number } | ValidationError): r is ValidationError => 'error' in r;
