/**
 * 4 (funnel breakdowns): packed blocks gained an `sdim` column (session dimensions, see
 * collector/queries/event-blocks.ts); blocks packed before it are repacked by the writer's
 * refresh. Until then queries read them from the events table, so answers never change.
 */
export const migration04 = `
  INSERT OR IGNORE INTO funnel_dirty (site_id, block) SELECT site_id, block FROM funnel_blocks;
  `;
