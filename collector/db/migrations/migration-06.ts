/**
 * 6 (ingest speed): new events are marked dirty by the writer, once per block per commit
 * (collector/store/mark-dirty-block.ts), instead of by a trigger once per row (~15 % of an
 * insert). Updates and deletes keep their triggers. A tool that inserts into `events` directly
 * must mark the blocks itself, or funnels will not see its rows until the block is dirtied again.
 */
export const migration06 = `
  DROP TRIGGER funnel_dirty_insert;
  `;
