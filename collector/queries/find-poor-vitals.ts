import type { Db } from '../db/open-database';

/** The core web vitals the scorecard judges a page by, in the order of their bits. */
export const CORE_VITALS = ['LCP', 'INP', 'CLS'] as const;

/**
 * The web vitals of [from, to) rated poor, by event id, with their metric's index in CORE_VITALS.
 * The metric and the rating test are written exactly as migration 11's `events_poor_vitals` index
 * has them, so SQLite reads that index's few entries alone instead of every web vital's row.
 */
export function findPoorVitals(db: Db, siteId: number, q: { from: number; to: number }): Map<number, number> {
  const out = new Map<number, number>();
  for (const [id, metric] of db
    .prepare(`SELECT id, CASE WHEN json_valid(props) THEN json_extract(props, '$.metric') END FROM events
    WHERE site_id = ? AND ts >= ? AND ts < ? AND name_id = (SELECT id FROM names WHERE name = 'web_vital')
      AND CASE WHEN json_valid(props) THEN json_extract(props, '$.rating') END = 'poor'`)
    .raw(true)
    .iterate(siteId, q.from, q.to) as IterableIterator<[number, unknown]>) {
    const k = CORE_VITALS.indexOf(metric as (typeof CORE_VITALS)[number]);
    if (k >= 0) out.set(id, k);
  }
  return out;
}
