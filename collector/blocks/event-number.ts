/**
 * The `num` column of a packed block: one int32 per event holding what the dashboard's reports
 * read from props, so they never parse JSON per event:
 * - `engagement`: `seconds * 128 + scroll` (seconds clamped to 0 … 2^23 − 1, scroll to 0 … 100);
 * - `web_vital`: `-(metric * 2^26 + value)`, metric 1–5 (VITAL_METRICS order), value in units of
 *   VITAL_SCALE (0.1 ms; CLS in ten-thousandths), clamped to 0 … 2^26 − 1;
 * - anything else, or props that do not parse: 0.
 */
export const VITAL_METRICS = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] as const;
const VITAL_SCALE = [10, 10, 10_000, 10, 10] as const;
const VALUE_SPAN = 2 ** 26;

/** Seconds and deepest scroll of an engagement event's `num` (0 for any other event). */
export const engagedSeconds = (num: number): number => (num > 0 ? num >> 7 : 0);
export const scrollDepth = (num: number): number => (num > 0 ? num & 127 : 0);

/** A web vital's metric (VITAL_METRICS) and value from its `num`; null for any other event. */
export function vitalOf(num: number): { metric: string; value: number } | null {
  if (num >= 0) return null;
  const x = -num;
  const m = Math.floor(x / VALUE_SPAN) - 1;
  const metric = VITAL_METRICS[m];
  return metric ? { metric, value: (x % VALUE_SPAN) / VITAL_SCALE[m]! } : null;
}

const clamp = (sql: string, max: number) => `min(max(coalesce(${sql}, 0), 0), ${max})`;
const vitalCase = VITAL_METRICS.map(
  (m, i) =>
    `WHEN '${m}' THEN -(${(i + 1) * VALUE_SPAN} + ${clamp(
      `CAST(round(json_extract(e.props, '$.value') * ${VITAL_SCALE[i]}) AS INTEGER)`,
      VALUE_SPAN - 1,
    )})`,
).join(' ');

/** The `num` value as SQL over events `e` (what readBlockRows selects); names looked up once per query. */
export const NUM_SQL = `CASE
  WHEN e.props IS NULL OR NOT json_valid(e.props) THEN 0
  WHEN e.name_id = (SELECT id FROM names WHERE name = 'engagement')
    THEN ${clamp(`CAST(json_extract(e.props, '$.seconds') AS INTEGER)`, 2 ** 23 - 1)} * 128
       + ${clamp(`CAST(json_extract(e.props, '$.scroll') AS INTEGER)`, 100)}
  WHEN e.name_id = (SELECT id FROM names WHERE name = 'web_vital')
       AND typeof(json_extract(e.props, '$.value')) IN ('integer', 'real')
    THEN CASE json_extract(e.props, '$.metric') ${vitalCase} ELSE 0 END
  ELSE 0 END`;
