import type { Db } from '../db/open-database';

/**
 * Total value per name id over [from, to), for the given names (events without a value left out).
 * Reads migration 11's `events_with_value`, which holds only the rows that carry a value.
 */
export function sumNameValues(
  db: Db,
  siteId: number,
  q: { from: number; to: number },
  nameIds: readonly number[],
): Map<number, number> {
  if (!nameIds.length) return new Map();
  return new Map(
    db
      .prepare(`SELECT name_id, total(value) FROM events
      WHERE site_id = ? AND ts >= ? AND ts < ? AND name_id IN (SELECT value FROM json_each(?)) AND value IS NOT NULL
      GROUP BY name_id`)
      .raw(true)
      .all(siteId, q.from, q.to, JSON.stringify(nameIds)) as [number, number][],
  );
}
