import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { readDirtyBlock, writePackedBlock } from '../queries/refresh-event-blocks';

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
}

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
  private queue: [number, number][] = [];
  private readonly list: Statement;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly backoffFactor: number;
  /** Blocks written / attempts that lost the version check, since start. */
  packed = 0;
  lost = 0;

  constructor(private readonly db: Db, { quietMs = 1000, maxWaitMs = 30_000, backoffFactor = 20 }: BlockPackerOptions = {}) {
    this.list = db.prepare('SELECT site_id, block, ver FROM funnel_dirty').raw(true);
    this.quietMs = quietMs;
    this.maxWaitMs = maxWaitMs;
    this.backoffFactor = backoffFactor;
  }

  /** Tries one block that is ready. Returns false when none is: the caller waits before the next step. */
  step(now = Date.now()): boolean {
    if (this.queue.length === 0) this.queue = this.ready(now);
    const next = this.queue.shift();
    if (!next) return false;
    const [siteId, block] = next;
    const t0 = performance.now();
    const snap = readDirtyBlock(this.db, siteId, block);
    if (!snap) return true;
    if (writePackedBlock(this.db, snap)) {
      this.packed++;
      this.seen.delete(`${siteId}:${block}`);
    } else {
      this.lost++;
      const cost = performance.now() - t0;
      this.seen.set(`${siteId}:${block}`, { ver: snap.ver, since: now, firstSeen: now, notBefore: now + this.backoffFactor * cost });
    }
    return true;
  }

  /** Dirty blocks due now, oldest marks first; forgets blocks that are no longer dirty. */
  private ready(now: number): [number, number][] {
    const due: [number, number, number][] = [];
    const still = new Set<string>();
    for (const [siteId, block, ver] of this.list.all() as [number, number, number][]) {
      const key = `${siteId}:${block}`;
      still.add(key);
      let s = this.seen.get(key);
      if (!s) this.seen.set(key, (s = { ver, since: now, firstSeen: now, notBefore: 0 }));
      else if (s.ver !== ver) Object.assign(s, { ver, since: now });
      const quiet = now - s.since >= this.quietMs;
      const overdue = now - s.firstSeen >= this.maxWaitMs;
      if ((quiet || overdue) && now >= s.notBefore) due.push([siteId, block, s.firstSeen]);
    }
    for (const key of this.seen.keys()) if (!still.has(key)) this.seen.delete(key);
    return due.sort((a, b) => a[2] - b[2]).map(([siteId, block]) => [siteId, block]);
  }
}
