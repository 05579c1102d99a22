import type { Db } from '../db/open-database';

/** Session columns a funnel can be broken down by; the API name maps to a fixed column. */
export const DIMENSIONS = {
  channel: 'channel',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
  device: 'device',
  landing_page: 'landing_path',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

/**
 * The dimension's value for each session id (missing or NULL → null). Ids travel as one bound
 * JSON array per chunk, so there is no SQL text built from data.
 */
export function sessionDimension(db: Db, dim: Dimension, ids: Iterable<number>): Map<number, string | null> {
  const stmt = db.prepare(`SELECT id, ${DIMENSIONS[dim]} FROM sessions WHERE id IN (SELECT value FROM json_each(?))`).raw(true);
  const out = new Map<number, string | null>();
  let chunk: number[] = [];
  const flush = () => {
    for (const [id, value] of stmt.all(JSON.stringify(chunk)) as [number, string | null][]) out.set(id, value);
    chunk = [];
  };
  for (const id of ids) {
    chunk.push(id);
    if (chunk.length === 20_000) flush();
  }
  if (chunk.length) flush();
  return out;
}
