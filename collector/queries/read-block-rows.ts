import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { BLOCK_SHIFT, type EventBlock } from './event-blocks';
import { readSessionDims } from './read-session-dims';

/**
 * Reads one block straight from the events table (index order), for blocks whose packed copy is
 * missing or stale. Path ids come from the dictionary; paths it lacks get negative local ids, as
 * do all session dimension values (`sdim`, read when `withSessionDims`).
 */
export function readBlockRows(db: Db, siteId: number, block: number, lo = -Infinity, hi = Infinity, withSessionDims = false): EventBlock {
  const stmt = statement(db);
  const vis: number[] = [];
  const ts: number[] = [];
  const name: number[] = [];
  const sess: number[] = [];
  const path: number[] = [];
  const eid: number[] = [];
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
  const first = block << BLOCK_SHIFT;
  const rows = stmt.iterate(siteId, first, first + (1 << BLOCK_SHIFT), lo === -Infinity ? -8.64e15 : lo, hi === Infinity ? 8.64e15 : hi) as Iterable<unknown[]>;
  for (const r of rows) {
    vis.push(r[0] as number);
    ts.push(r[1] as number);
    name.push(r[2] as number);
    sess.push((r[3] as number | null) ?? 0);
    const pid = r[5] as number | null;
    const p = r[4] as string | null;
    if (pid !== null) path.push(pid);
    else if (p === null) path.push(0);
    else {
      path.push(localId(p));
    }
    eid.push(r[6] as number);
  }
  const runsV: number[] = [];
  const runs: number[] = [0];
  for (let i = 0; i < vis.length; i++) {
    if (i === 0 || vis[i] !== vis[i - 1]) {
      if (i > 0) runs.push(i);
      runsV.push(vis[i]!);
    }
  }
  if (vis.length > 0) runs.push(vis.length);
  const sdim = withSessionDims
    ? readSessionDims(db, [...new Set(sess)].filter((s) => s > 0).sort((a, b) => a - b), (v) => (v === null ? 0 : localId(v)))
    : undefined;
  return {
    sdim,
    block, n: vis.length, visitors: Int32Array.from(runsV), runs: Int32Array.from(runs),
    ts: Float64Array.from(ts), name: Int32Array.from(name), sess: Int32Array.from(sess),
    path: Int32Array.from(path), eid: Float64Array.from(eid), localPaths,
  };
}

const cache = new WeakMap<Db, Statement>();
function statement(db: Db): Statement {
  let s = cache.get(db);
  if (!s) {
    s = db.prepare(`SELECT e.visitor_id, e.ts, e.name_id, e.session_id, e.path, fp.id, e.id
      FROM events e LEFT JOIN funnel_paths fp ON fp.site_id = e.site_id AND fp.path = e.path
      WHERE e.site_id = ? AND e.visitor_id >= ? AND e.visitor_id < ? AND e.ts >= ? AND e.ts <= ?
      ORDER BY e.visitor_id, e.ts, e.name_id, e.id`).raw(true);
    cache.set(db, s);
  }
  return s;
}
