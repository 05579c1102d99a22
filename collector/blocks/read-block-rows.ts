import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { Int32List, NumberList } from '../funnels/number-list';
import { BLOCK_SHIFT, type EventBlock } from './event-blocks';
import { NUM_SQL } from './event-number';
import { readSessionDims } from './read-session-dims';

/**
 * The typed columns readBlockRows fills. A caller that reads block after block and is done with
 * each before the next (the packer thread) passes the same one every time: the columns' storage
 * is reused instead of left to a full GC, which a thread with a small heap runs rarely, while
 * dropped columns pile up as external memory (docs/performance.md#memory).
 */
export class BlockColumns {
  readonly ts = new NumberList();
  readonly eid = new NumberList();
  readonly name = new Int32List();
  readonly sess = new Int32List();
  readonly path = new Int32List();
  readonly num = new Int32List();
  readonly visitors = new Int32List();
  readonly runs = new Int32List();

  /** Events the columns hold room for. */
  get capacity(): number {
    return this.ts.capacity;
  }

  clear(): void {
    for (const list of [
      this.ts,
      this.eid,
      this.name,
      this.sess,
      this.path,
      this.num,
      this.visitors,
      this.runs,
    ])
      list.clear();
  }
}

/**
 * Reads one block straight from the events table (index order), for blocks whose packed copy is
 * missing or stale. Path ids come from the dictionary; paths it lacks get negative local ids, as
 * do all session dimension values (`sdim`, read when `withSessionDims`). With `columns`, the
 * returned arrays are views into them, valid until they are filled again.
 */
export function readBlockRows(
  db: Db,
  siteId: number,
  block: number,
  lo = -Infinity,
  hi = Infinity,
  withSessionDims = false,
  columns = new BlockColumns(),
): EventBlock {
  const { rows: stmt, pathId } = statements(db);
  // Typed columns that grow by doubling: a block of a flooding visitor can hold hundreds of
  // thousands of events, and boxed number arrays cost three times the memory.
  columns.clear();
  const { ts, eid, name, sess, path, num, visitors, runs } = columns;
  const localPaths = new Map<number, string>();
  const localIds = new Map<string, number>();
  const localId = (p: string): number => {
    let local = localIds.get(p);
    if (local === undefined) {
      local = -(localIds.size + 1);
      localIds.set(p, local);
      localPaths.set(local, p);
    }
    return local;
  };
  // A block's paths repeat: each is looked up in the dictionary once (same snapshot as the rows),
  // not joined per row.
  const pathCode = new Map<string, number>();
  const codeOf = (p: string): number => {
    let code = pathCode.get(p);
    if (code === undefined) {
      code = (pathId.get(siteId, p) as number | undefined) ?? localId(p);
      pathCode.set(p, code);
    }
    return code;
  };
  const first = block << BLOCK_SHIFT;
  const rows = stmt.iterate(
    siteId,
    first,
    first + (1 << BLOCK_SHIFT),
    lo === -Infinity ? -8.64e15 : lo,
    hi === Infinity ? 8.64e15 : hi,
  ) as Iterable<unknown[]>;
  let n = 0;
  for (const r of rows) {
    const v = r[0] as number;
    if (n === 0 || v !== visitors.last()) {
      visitors.push(v);
      runs.push(n);
    }
    ts.push(r[1] as number);
    name.push(r[2] as number);
    sess.push((r[3] as number | null) ?? 0);
    const p = r[4] as string | null;
    path.push(p === null ? 0 : codeOf(p));
    eid.push(r[5] as number);
    num.push(r[6] as number);
    n++;
  }
  if (n > 0) runs.push(n);
  else runs.push(0);
  const sdim = withSessionDims
    ? readSessionDims(
        db,
        [...new Set(sess.values())].filter((s) => s > 0).sort((a, b) => a - b),
        (v) => (v === null ? 0 : localId(v)),
      )
    : undefined;
  return {
    sdim,
    block,
    n,
    visitors: visitors.values(),
    runs: runs.values(),
    ts: ts.values(),
    name: name.values(),
    sess: sess.values(),
    path: path.values(),
    eid: eid.values(),
    num: num.values(),
    localPaths,
  };
}

const cache = new WeakMap<Db, { rows: Statement; pathId: Statement }>();
function statements(db: Db): { rows: Statement; pathId: Statement } {
  let s = cache.get(db);
  if (!s) {
    s = {
      rows: db
        .prepare(`SELECT e.visitor_id, e.ts, e.name_id, e.session_id, e.path, e.id, ${NUM_SQL} FROM events e
        WHERE e.site_id = ? AND e.visitor_id >= ? AND e.visitor_id < ? AND e.ts >= ? AND e.ts <= ?
        ORDER BY e.visitor_id, e.ts, e.name_id, e.id`)
        .raw(true),
      pathId: db.prepare('SELECT id FROM funnel_paths WHERE site_id = ? AND path = ?').pluck(true),
    };
    cache.set(db, s);
  }
  return s;
}
