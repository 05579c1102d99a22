import type { Db } from '../db/open-database';
import { encodeRuns, toBytes } from './event-blocks';
import { readBlockRows } from './read-block-rows';

export interface RefreshOptions {
  /** Stop after this many blocks (bounded work per call); default: all dirty blocks. */
  maxBlocks?: number;
  /** Only these sites; default: every site. */
  siteIds?: readonly number[];
}

/**
 * Repacks dirty event blocks (writer connection). Triggers mark a block dirty on every insert,
 * re-pointing update or delete of its events, and queries read dirty blocks from the events
 * table, so answers are right whether or not this ran: it only makes them faster. Call it after
 * commits (see afterCommit) or from a timer. Returns the number of blocks repacked.
 */
export function refreshEventBlocks(db: Db, { maxBlocks = Infinity, siteIds }: RefreshOptions = {}): number {
  const all = db.prepare('SELECT site_id, block FROM funnel_dirty ORDER BY site_id, block').raw(true).all() as [number, number][];
  const dirty = siteIds ? all.filter(([s]) => siteIds.includes(s)) : all;
  const pathGet = db.prepare('SELECT id FROM funnel_paths WHERE site_id = ? AND path = ?').pluck(true);
  const pathPut = db.prepare('INSERT INTO funnel_paths (site_id, path) VALUES (?, ?)');
  const colsDel = db.prepare('DELETE FROM funnel_cols WHERE site_id = ? AND block = ?');
  const colPut = db.prepare('INSERT INTO funnel_cols (site_id, block, col, data) VALUES (?, ?, ?, ?)');
  const blockDel = db.prepare('DELETE FROM funnel_blocks WHERE site_id = ? AND block = ?');
  const blockPut = db.prepare('INSERT INTO funnel_blocks (site_id, block, events, min_ts, max_ts) VALUES (?, ?, ?, ?, ?)');
  const dirtyDel = db.prepare('DELETE FROM funnel_dirty WHERE site_id = ? AND block = ?');
  let done = 0;
  const repack = db.transaction((siteId: number, block: number) => {
    const b = readBlockRows(db, siteId, block, -Infinity, Infinity, true);
    colsDel.run(siteId, block);
    blockDel.run(siteId, block);
    dirtyDel.run(siteId, block);
    if (b.n === 0) return;
    // Paths and dimension values new to the dictionary get their ids now.
    const local = new Map<number, number>();
    for (const [tmp, p] of b.localPaths ?? []) {
      const id = (pathGet.get(siteId, p) as number | undefined) ?? Number(pathPut.run(siteId, p).lastInsertRowid);
      local.set(tmp, id);
    }
    const path = b.path!;
    for (let i = 0; i < b.n; i++) if (path[i]! < 0) path[i] = local.get(path[i]!)!;
    const sdim = b.sdim!;
    for (let i = 0; i < sdim.length; i++) if (sdim[i]! < 0) sdim[i] = local.get(sdim[i]!)!;
    const vis = new Int32Array(b.n);
    for (let r = 0; r < b.visitors.length; r++) vis.fill(b.visitors[r]!, b.runs[r]!, b.runs[r + 1]!);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < b.n; i++) {
      const t = b.ts[i]!;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    blockPut.run(siteId, block, b.n, min, max);
    colPut.run(siteId, block, 'vis', toBytes(encodeRuns(vis, b.n)));
    colPut.run(siteId, block, 'ts', toBytes(b.ts));
    colPut.run(siteId, block, 'name', toBytes(b.name));
    colPut.run(siteId, block, 'sess', toBytes(b.sess!));
    colPut.run(siteId, block, 'path', toBytes(path));
    colPut.run(siteId, block, 'eid', toBytes(b.eid!));
    colPut.run(siteId, block, 'sdim', toBytes(sdim));
  });
  for (const [siteId, block] of dirty) {
    if (done >= maxBlocks) break;
    repack.immediate(siteId, block);
    done++;
  }
  return done;
}

const lastRun = new WeakMap<Db, number>();

export interface AfterCommitOptions {
  now?: number;
  /** Run at most this often: the block receiving new visitors is dirtied by every commit. */
  everyMs?: number;
  /** Stop repacking once this much time went by (checked between blocks). */
  budgetMs?: number;
}

/**
 * Hook for the event writer: call after each group commit with the sites it touched. At most
 * once a second it repacks dirty blocks for about 25 ms, so the writer's extra cost stays near
 * 2 % while a backlog (an import) drains in the background of normal traffic. Queries are right
 * whether or not it runs.
 */
export function afterCommit(db: Db, siteIds: readonly number[], { now = Date.now(), everyMs = 1000, budgetMs = 25 }: AfterCommitOptions = {}): number {
  if (db.inTransaction || siteIds.length === 0) return 0;
  if (now - (lastRun.get(db) ?? -Infinity) < everyMs) return 0;
  lastRun.set(db, now);
  const until = performance.now() + budgetMs;
  let done = 0;
  while (performance.now() < until) {
    const n = refreshEventBlocks(db, { siteIds, maxBlocks: 1 });
    if (n === 0) break;
    done += n;
  }
  return done;
}
