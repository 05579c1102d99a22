import { BLOCK_SHIFT } from './event-blocks';

/**
 * Marks a funnel block dirty (its packed copy is stale) and bumps its version, as the triggers on
 * `events` do for updates and deletes. New events are marked by the writer once per block per
 * commit with this statement (migration 6 dropped the per-row insert trigger: it cost ~15 % of an
 * insert). Parameters: site id, block. A new mark starts at a random version (see migration 5).
 */
export const MARK_DIRTY_BLOCK_SQL = `INSERT INTO funnel_dirty (site_id, block, ver) VALUES (?, ?, random() >> 12)
  ON CONFLICT (site_id, block) DO UPDATE SET ver = ver + 1`;

/** The funnel block of a visitor id: SQLite's `visitor_id >> 10`, without JavaScript's 32-bit shift. */
export const blockOf = (visitorId: number): number => Math.floor(visitorId / 2 ** BLOCK_SHIFT);
