import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { BLOCK_SHIFT } from './event-blocks';
import { BlockColumns } from './read-block-rows';
import { readDirtyBlock, writePackedBlock } from './refresh-event-blocks';

export interface BlockPackerOptions {
  /**
   * A block is packed once its dirty version has not moved for this long. A block still being
   * written (the newest visitors' block, or one visitor flooding) would lose the version check
   * anyway: reading it again and again only burns the core ingest needs.
   */
  quietMs?: number;
  /** A block dirty this long is tried even if never quiet, so a busy block is not left unpacked forever. */
  maxWaitMs?: number;
  /** After a lost version check, wait this many times the attempt's cost before the next one. */
  backoffFactor?: number;
  /**
   * An overdue block that was written since the last look is tried only if it holds at most this
   * many events. Reading a bigger one (one visitor flooding) takes longer than the gap between its
   * writes, so the attempt would lose its version check anyway,
   * after a burst of CPU and memory taken from ingest. It is packed once it goes quiet.
   */
  maxBusyEvents?: number;
}

/** Events the reused columns may keep room for between blocks (~40 bytes each). */
const KEPT_CAPACITY = 1 << 18;

interface Seen {
  ver: number;
  /** When this version was first seen. */
  since: number;
  /** When the block was first seen dirty (reset by a lost attempt). */
  firstSeen: number;
  notBefore: number;
}

/**
 * Keeps the funnel engine's packed blocks fresh from a connection of its own (the packer thread):
 * one block per step, each read from a snapshot and written in a short transaction (see
 * writePackedBlock), so the ingest writer waits at most for one block's write, never for a read.
 */
export class BlockPacker {
  private readonly seen = new Map<string, Seen>();
  /** Due blocks: site, block, and whether it is due only as overdue while still being written. */
  private queue: [number, number, boolean][] = [];
  private readonly list: Statement;
  private readonly count: Statement;
  private readonly maxBusyEvents: number;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly backoffFactor: number;
  /** One block's rows at a time: reused from block to block (see BlockColumns). */
  private columns = new BlockColumns();
  /** Blocks written / attempts that lost the version check, since start. */
  packed = 0;
  lost = 0;
  /** Overdue attempts not made: the block was big and still being written. */
  skippedBusy = 0;

  constructor(
    private readonly db: Db,
    {
      quietMs = 1000,
      maxWaitMs = 30_000,
      backoffFactor = 20,
      maxBusyEvents = 50_000,
    }: BlockPackerOptions = {},
  ) {
    this.list = db.prepare('SELECT site_id, block, ver FROM funnel_dirty').raw(true);
    // The covering index answers this without touching rows.
    this.count = db
      .prepare('SELECT count(*) FROM events WHERE site_id = ? AND visitor_id >= ? AND visitor_id < ?')
      .pluck(true);
    this.maxBusyEvents = maxBusyEvents;
    this.quietMs = quietMs;
    this.maxWaitMs = maxWaitMs;
    this.backoffFactor = backoffFactor;
  }

  /** Tries one block that is ready. Returns false when none is: the caller waits before the next step. */
  step(now = Date.now()): boolean {
    if (this.queue.length === 0) this.queue = this.ready(now);
    const next = this.queue.shift();
    if (!next) return false;
    const [siteId, block, busy] = next;
    if (busy) {
      const first = block * 2 ** BLOCK_SHIFT;
      if ((this.count.get(siteId, first, first + 2 ** BLOCK_SHIFT) as number) > this.maxBusyEvents) {
        this.skippedBusy++;
        // Looked at again when it goes quiet, or after another maxWaitMs.
        Object.assign(this.seen.get(`${siteId}:${block}`)!, { firstSeen: now });
        return true;
      }
    }
    const t0 = performance.now();
    const snap = readDirtyBlock(this.db, siteId, block, this.columns);
    // A flooding visitor's block needs columns many times the usual size: not kept for the next one.
    if (this.columns.capacity > KEPT_CAPACITY) this.columns = new BlockColumns();
    if (!snap) return true;
    if (writePackedBlock(this.db, snap)) {
      this.packed++;
      this.seen.delete(`${siteId}:${block}`);
    } else {
      this.lost++;
      const cost = performance.now() - t0;
      this.seen.set(`${siteId}:${block}`, {
        ver: snap.ver,
        since: now,
        firstSeen: now,
        notBefore: now + this.backoffFactor * cost,
      });
    }
    return true;
  }

  /** Dirty blocks due now, oldest marks first; forgets blocks that are no longer dirty. */
  private ready(now: number): [number, number, boolean][] {
    const due: [number, number, number, boolean][] = [];
    const still = new Set<string>();
    for (const [siteId, block, ver] of this.list.all() as [number, number, number][]) {
      const key = `${siteId}:${block}`;
      still.add(key);
      let s = this.seen.get(key);
      if (!s) this.seen.set(key, (s = { ver, since: now, firstSeen: now, notBefore: 0 }));
      else if (s.ver !== ver) Object.assign(s, { ver, since: now });
      const quiet = now - s.since >= this.quietMs;
      const overdue = now - s.firstSeen >= this.maxWaitMs;
      if ((quiet || overdue) && now >= s.notBefore)
        due.push([siteId, block, s.firstSeen, !quiet && s.since === now]);
    }
    for (const key of this.seen.keys()) if (!still.has(key)) this.seen.delete(key);
    return due.sort((a, b) => a[2] - b[2]).map(([siteId, block, , busy]) => [siteId, block, busy]);
  }
}
