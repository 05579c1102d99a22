import type { Db } from '../db/open-database';
import { DIMENSION_COUNT, DIMENSIONS } from '../model';

const COLUMNS = Object.values(DIMENSIONS)
  .map((c) => `s.${c}`)
  .join(', ');

/**
 * A block's `sdim` column (layout in event-blocks.ts) for the given session ids, sorted
 * ascending; `code` turns each value (null when unset or the session row is gone) into an int.
 * json_each drives the join so each id is one primary-key probe whatever the table's size.
 */
export function readSessionDims(
  db: Db,
  sessionIds: readonly number[],
  code: (value: string | null) => number,
): Int32Array {
  const k = sessionIds.length;
  const out = new Int32Array(k * (1 + DIMENSION_COUNT));
  out.set(sessionIds);
  if (k === 0) return out;
  const at = new Map<number, number>();
  sessionIds.forEach((id, i) => {
    at.set(id, i);
  });
  const rows = db
    .prepare(`SELECT s.id, ${COLUMNS} FROM json_each(?) j CROSS JOIN sessions s ON s.id = j.value`)
    .raw(true)
    .iterate(JSON.stringify(sessionIds)) as Iterable<[number, ...(string | null)[]]>;
  for (const [id, ...values] of rows) {
    const i = at.get(id)!;
    for (let d = 0; d < DIMENSION_COUNT; d++) out[(1 + d) * k + i] = code(values[d] ?? null);
  }
  return out;
}
