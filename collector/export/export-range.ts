/** A half-open time range `[from, to)` in ms since epoch; `null` means open on that side. */
export interface ExportRange {
  from: number | null;
  to: number | null;
}

export type RangeResult =
  | { ok: true; range: ExportRange }
  | { ok: false; field: 'from' | 'to'; error: string };

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HINT = 'must be a date like 2026-11-01, an ISO 8601 timestamp like 2026-11-01T00:00:00Z, or ms since epoch';

/**
 * Parses `--from` / `--to` (or the query parameters). A bare date is a whole UTC day, and a bare
 * `to` date includes that day: `--from 2026-11-01 --to 2026-11-30` is all of November.
 */
export function parseExportRange(input: { from?: string | undefined; to?: string | undefined }): RangeResult {
  const from = parseBound(input.from, false);
  if (from === undefined) return { ok: false, field: 'from', error: `from ${HINT}` };
  const to = parseBound(input.to, true);
  if (to === undefined) return { ok: false, field: 'to', error: `to ${HINT}` };
  if (from !== null && to !== null && from >= to) return { ok: false, field: 'to', error: 'to must be after from' };
  return { ok: true, range: { from, to } };
}

/** null for an absent bound, undefined for a bad one. */
function parseBound(s: string | undefined, isEnd: boolean): number | null | undefined {
  if (s === undefined || s.trim() === '') return null;
  const t = s.trim();
  if (t.length > 40) return undefined;
  if (/^\d{1,15}$/.test(t)) return Number(t);
  const ms = Date.parse(DATE_ONLY.test(t) ? `${t}T00:00:00Z` : t);
  if (Number.isNaN(ms)) return undefined;
  return DATE_ONLY.test(t) && isEnd ? ms + DAY_MS : ms;
}

/** ISO text of a bound for the export's `meta` table; empty for an open side. */
export const boundText = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());
