import type { Db } from '../db/open-database';
import type { ConfigRow, ConfigTable, ConfigValue } from '../store/config-writes';

/** A shared table and the column that identifies a row in it, in parents-before-children order. */
export const MIRRORED: readonly { table: ConfigTable; key: string }[] = [
  { table: 'sites', key: 'id' },
  { table: 'goals', key: 'id' },
  { table: 'saved_funnels', key: 'id' },
  { table: 'share_links', key: 'id' },
  { table: 'admin_sessions', key: 'token_hash' },
  { table: 'settings', key: 'key' },
];

/** Settings every node must agree on; the others (none yet) stay per node. */
export const SHARED_SETTINGS = ['admin_password', 'device_key'] as const;

/** SQLite keeps booleans as 0/1: PostgreSQL's rows are written and compared that way. */
const local = (v: ConfigValue): string | number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * Makes this file's copy of `table` hold `rows` (PostgreSQL's): inserts and updates what differs,
 * leaves equal rows alone (no write at all on a quiet refresh). Answers the keys this file has
 * and PostgreSQL no longer does; the caller removes them (a site's removal takes its data along).
 * Run inside the caller's transaction.
 */
export function mirrorTable(
  db: Db,
  table: ConfigTable,
  key: string,
  rows: readonly ConfigRow[],
  only?: readonly string[],
): { changed: number; gone: (string | number)[] } {
  const filter = only ? ` WHERE ${key} IN (${only.map(() => '?').join(', ')})` : '';
  const mine = new Map<unknown, Record<string, unknown>>();
  for (const r of db.prepare(`SELECT * FROM ${table}${filter}`).all(...(only ?? [])) as Record<
    string,
    unknown
  >[])
    mine.set(r[key], r);
  let changed = 0;
  for (const row of rows) {
    const cols = Object.keys(row);
    const values = cols.map((c) => local(row[c]!));
    const have = mine.get(row[key]);
    mine.delete(row[key]);
    if (have && cols.every((c, i) => have[c] === values[i])) continue;
    const set = cols.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
    db.prepare(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${set.join(', ')}`,
    ).run(...values);
    changed++;
  }
  return { changed, gone: [...mine.keys()] as (string | number)[] };
}
