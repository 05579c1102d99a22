import { existsSync, renameSync, rmSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../collector/db/open-database';

/**
 * Copies the benchmark rows (visitor, ts, name, path) from the SQLite file into a DuckDB file
 * once (cached next to it), and returns a connection.
 */
export async function openDuckCopy(sqlitePath: string, siteId: number): Promise<DuckDBConnection> {
  const path = `${sqlitePath}.duckdb`;
  const fresh = !existsSync(path);
  // A copy interrupted earlier leaves its .tmp behind: start that one over.
  if (fresh) for (const f of [`${path}.wal`, `${path}.tmp`, `${path}.tmp.wal`]) rmSync(f, { force: true });
  const instance = await DuckDBInstance.create(fresh ? `${path}.tmp` : path);
  const conn = await instance.connect();
  if (!fresh) return conn;
  await conn.run('CREATE TABLE names (id INTEGER, name VARCHAR)');
  await conn.run('CREATE TABLE events (visitor_id INTEGER, ts BIGINT, name_id INTEGER, path VARCHAR)');
  const db = openDatabase(sqlitePath, { readonly: true });
  const names = await conn.createAppender('names');
  for (const [id, name] of db.prepare('SELECT id, name FROM names').raw(true).all() as [number, string][]) {
    names.appendInteger(id);
    names.appendVarchar(name);
    names.endRow();
  }
  names.closeSync();
  const app = await conn.createAppender('events');
  const rows = db
    .prepare('SELECT visitor_id, ts, name_id, path FROM events WHERE site_id = ?')
    .raw(true)
    .iterate(siteId) as Iterable<[number, number, number, string | null]>;
  for (const [v, ts, n, p] of rows) {
    app.appendInteger(v);
    app.appendBigInt(BigInt(ts));
    app.appendInteger(n);
    if (p === null) app.appendNull();
    else app.appendVarchar(p);
    app.endRow();
  }
  app.closeSync();
  db.close();
  conn.closeSync();
  instance.closeSync();
  renameSync(`${path}.tmp`, path);
  return (await DuckDBInstance.create(path)).connect();
}

/**
 * The same ordered funnel in DuckDB SQL, written for speed: for each step k an event's best
 * chain start is the latest start carried by an earlier step k-1 event (a running max over the
 * visitor's time order), kept when it is inside the window. `steps` are SQL predicates over `e`
 * with no user input (benchmark only).
 */
export function duckFunnelSql(steps: readonly string[], from: number, to: number, windowMs: number): string {
  const n = steps.length;
  const flags = steps.map((s, k) => `(${s}) AS f${k + 1}`).join(', ');
  let sql = `SELECT visitor_id, ts, ${flags}, CASE WHEN (${steps[0]}) AND ts >= ${from} AND ts < ${to} THEN ts END AS s1
    FROM events e WHERE ts >= ${from} AND ts <= ${to + windowMs} AND (${steps.map((s) => `(${s})`).join(' OR ')})`;
  for (let k = 2; k <= n; k++) {
    const carry = `max(s${k - 1}) OVER (PARTITION BY visitor_id ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
    sql = `SELECT *, CASE WHEN f${k} AND ts - ${carry} <= ${windowMs} THEN ${carry} END AS s${k} FROM (${sql})`;
  }
  const levels = steps.map((_, k) => `max(CASE WHEN s${k + 1} IS NOT NULL THEN 1 ELSE 0 END)`).join(' + ');
  const counts = steps.map((_, k) => `count(*) FILTER (WHERE level >= ${k + 1})`).join(', ');
  return `SELECT ${counts} FROM (SELECT visitor_id, ${levels} AS level FROM (${sql}) GROUP BY visitor_id)`;
}
