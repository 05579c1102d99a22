import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { type EventBlock, encodeRuns, toBytes } from './event-blocks';
import { type BlockColumns, readBlockRows } from './read-block-rows';

export interface RefreshOptions {
  /** Stop after this many attempts (bounded work per call); default: all dirty blocks. */
  maxBlocks?: number;
  /** Only these sites; default: every site. */
  siteIds?: readonly number[];
}

/** A dirty block read from one snapshot, ready to be written if its version still holds. */
export interface BlockSnapshot {
  siteId: number;
  block: number;
  /** funnel_dirty.ver when the rows were read. */
  ver: number;
  rows: EventBlock;
}

interface Statements {
  list: Statement;
  ver: Statement;
  pathGet: Statement;
  pathPut: Statement;
  colsDel: Statement;
  colPut: Statement;
  blockDel: Statement;
  blockPut: Statement;
  dirtyDel: Statement;
}

const cache = new WeakMap<Db, Statements>();
function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      list: db.prepare('SELECT site_id, block FROM funnel_dirty ORDER BY site_id, block').raw(true),
      ver: db.prepare('SELECT ver FROM funnel_dirty WHERE site_id = ? AND block = ?').pluck(true),
      pathGet: db.prepare('SELECT id FROM funnel_paths WHERE site_id = ? AND path = ?').pluck(true),
      pathPut: db.prepare('INSERT INTO funnel_paths (site_id, path) VALUES (?, ?)'),
      colsDel: db.prepare('DELETE FROM funnel_cols WHERE site_id = ? AND block = ?'),
      colPut: db.prepare('INSERT INTO funnel_cols (site_id, block, col, data) VALUES (?, ?, ?, ?)'),
      blockDel: db.prepare('DELETE FROM funnel_blocks WHERE site_id = ? AND block = ?'),
      blockPut: db.prepare(
        'INSERT INTO funnel_blocks (site_id, block, events, min_ts, max_ts) VALUES (?, ?, ?, ?, ?)',
      ),
      dirtyDel: db.prepare('DELETE FROM funnel_dirty WHERE site_id = ? AND block = ? AND ver = ?'),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * Phase 1 of a repack: the block's dirty version and its rows from one read snapshot (a deferred
 * transaction: no write lock, writers carry on meanwhile). Undefined when the block is not dirty.
 * `columns` are reused for the rows (see BlockColumns): the snapshot is valid until their next use.
 */
export function readDirtyBlock(
  db: Db,
  siteId: number,
  block: number,
  columns?: BlockColumns,
): BlockSnapshot | undefined {
  const s = statements(db);
  return db
    .transaction((): BlockSnapshot | undefined => {
      const ver = s.ver.get(siteId, block) as number | undefined;
      if (ver === undefined) return undefined;
      return {
        siteId,
        block,
        ver,
        rows: readBlockRows(db, siteId, block, -Infinity, Infinity, true, columns),
      };
    })
    .deferred();
}

/**
 * Phase 2: in a short IMMEDIATE transaction, replaces the block's packed copy and clears its dirty
 * mark, unless the mark's version moved since phase 1 (events changed in between: writing would
 * store stale columns as clean). Then nothing is written and the block stays dirty for a later
 * round. Returns whether it was written.
 */
export function writePackedBlock(db: Db, snap: BlockSnapshot): boolean {
  const s = statements(db);
  const { siteId, block, rows: b } = snap;
  return db
    .transaction((): boolean => {
      if (s.ver.get(siteId, block) !== snap.ver) return false;
      s.colsDel.run(siteId, block);
      s.blockDel.run(siteId, block);
      s.dirtyDel.run(siteId, block, snap.ver);
      if (b.n === 0) return true;
      // Paths and dimension values new to the dictionary get their ids now (inside the write lock:
      // another packer may have added the same path since phase 1).
      const local = new Map<number, number>();
      for (const [tmp, p] of b.localPaths ?? []) {
        const id =
          (s.pathGet.get(siteId, p) as number | undefined) ??
          Number(s.pathPut.run(siteId, p).lastInsertRowid);
        local.set(tmp, id);
      }
      const path = b.path!;
      for (let i = 0; i < b.n; i++) if (path[i]! < 0) path[i] = local.get(path[i]!)!;
      const sdim = b.sdim!;
      for (let i = 0; i < sdim.length; i++) if (sdim[i]! < 0) sdim[i] = local.get(sdim[i]!)!;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < b.n; i++) {
        const t = b.ts[i]!;
        if (t < min) min = t;
        if (t > max) max = t;
      }
      s.blockPut.run(siteId, block, b.n, min, max);
      s.colPut.run(siteId, block, 'vis', toBytes(encodeRuns(b.visitors, b.runs)));
      s.colPut.run(siteId, block, 'ts', toBytes(b.ts));
      s.colPut.run(siteId, block, 'name', toBytes(b.name));
      s.colPut.run(siteId, block, 'sess', toBytes(b.sess!));
      s.colPut.run(siteId, block, 'path', toBytes(path));
      s.colPut.run(siteId, block, 'eid', toBytes(b.eid!));
      s.colPut.run(siteId, block, 'sdim', toBytes(sdim));
      s.colPut.run(siteId, block, 'num', toBytes(b.num!));
      return true;
    })
    .immediate();
}

/** Reads then writes one block (both phases); false when it was not dirty or changed meanwhile. */
export function repackBlock(db: Db, siteId: number, block: number): boolean {
  const snap = readDirtyBlock(db, siteId, block);
  return snap !== undefined && writePackedBlock(db, snap);
}

/**
 * Repacks dirty event blocks. The writer marks a block dirty when it stores events in it, triggers
 * when its events are re-pointed or deleted, and queries read dirty blocks from the events table, so answers are right
 * whether or not this ran: it only makes them faster. The background packer (block-packer.ts,
 * on its own thread) calls it per block; nothing on the HTTP thread does. Any connection may run it at the
 * same time as others: the write lock is taken only for the short write (see writePackedBlock).
 * Returns the number of blocks repacked.
 */
export function refreshEventBlocks(db: Db, { maxBlocks = Infinity, siteIds }: RefreshOptions = {}): number {
  const all = statements(db).list.all() as [number, number][];
  const dirty = siteIds ? all.filter(([s]) => siteIds.includes(s)) : all;
  let tried = 0;
  let done = 0;
  for (const [siteId, block] of dirty) {
    if (tried++ >= maxBlocks) break;
    if (repackBlock(db, siteId, block)) done++;
  }
  return done;
}
