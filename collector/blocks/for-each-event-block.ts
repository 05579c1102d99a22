import type { Db } from '../db/open-database';
import { BLOCK_SHIFT, type BlockCol, decodeRuns, type EventBlock, fromBytes } from './event-blocks';
import { readBlockRows } from './read-block-rows';

export interface BlockScan {
  siteId: number;
  /** Only blocks with an event in [lo, hi] (ms) are read; events outside may still be present. */
  lo: number;
  hi: number;
  /** Optional columns beyond vis/ts/name. */
  cols?: readonly ('sess' | 'path' | 'eid' | 'sdim' | 'num')[];
}

/**
 * Calls `fn` with every event block of a site that may hold events in [lo, hi], inside one read
 * transaction so packed blocks, dirty marks and fresh rows are one consistent snapshot. Packed
 * blocks are decoded from their BLOB columns; dirty ones (events changed since packing) are read
 * from the events table. One block is in memory at a time.
 */
export function forEachEventBlock(db: Db, scan: BlockScan, fn: (b: EventBlock) => void): void {
  const cols: BlockCol[] = ['vis', 'ts', 'name', ...(scan.cols ?? [])];
  const withDims = cols.includes('sdim');
  const colSql = db
    .prepare(
      `SELECT col, data FROM funnel_cols WHERE site_id = ? AND block = ? AND col IN (${cols.map(() => '?').join(',')})`,
    )
    .raw(true);
  db.transaction(() => {
    const dirty = new Set(
      db.prepare('SELECT block FROM funnel_dirty WHERE site_id = ?').pluck(true).all(scan.siteId) as number[],
    );
    const packed = db
      .prepare(
        'SELECT block FROM funnel_blocks WHERE site_id = ? AND max_ts >= ? AND min_ts <= ? ORDER BY block',
      )
      .pluck(true)
      .all(scan.siteId, scan.lo, scan.hi) as number[];
    for (const block of packed) {
      if (dirty.has(block)) continue;
      const data = new Map<string, Buffer>();
      for (const [col, buf] of colSql.all(scan.siteId, block, ...cols) as [string, Buffer][])
        data.set(col, buf);
      if (data.size < cols.length) {
        // Packed before a column existed (it is repacked soon: see migrations): read the rows.
        const b = readBlockRows(db, scan.siteId, block, scan.lo, scan.hi, withDims);
        if (b.n > 0) fn(b);
        continue;
      }
      const { visitors, runs } = decodeRuns(fromBytes(data.get('vis')!, Int32Array));
      const b: EventBlock = {
        block,
        n: runs[runs.length - 1]!,
        visitors,
        runs,
        ts: fromBytes(data.get('ts')!, Float64Array),
        name: fromBytes(data.get('name')!, Int32Array),
      };
      if (data.has('sess')) b.sess = fromBytes(data.get('sess')!, Int32Array);
      if (data.has('path')) b.path = fromBytes(data.get('path')!, Int32Array);
      if (data.has('eid')) b.eid = fromBytes(data.get('eid')!, Float64Array);
      if (data.has('sdim')) b.sdim = fromBytes(data.get('sdim')!, Int32Array);
      if (data.has('num')) b.num = fromBytes(data.get('num')!, Int32Array);
      fn(b);
    }
    for (const block of [...dirty].sort((a, b) => a - b)) {
      const b = readBlockRows(db, scan.siteId, block, scan.lo, scan.hi, withDims);
      if (b.n > 0) fn(b);
    }
  })();
}

export { BLOCK_SHIFT };
