import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database';
import { type ConfigPool, inConfigTransaction } from './config-pool';
import { MIRRORED, SHARED_SETTINGS } from './mirror-table';

/** The local setting naming the shared configuration this file's config tables are a cache of. */
const JOINED = 'shared_config_id';
const WITH_ID = new Set(['sites', 'goals', 'saved_funnels', 'share_links']);

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(a).every((k) => (typeof b[k] === 'boolean' ? (b[k] ? 1 : 0) : b[k]) === a[k]);

/**
 * The first time this file meets a shared configuration (a node joining a cluster, or the first
 * node of a new one), its sites, goals, saved funnels, share links, sign-ins and password go to
 * PostgreSQL with their ids, so the events it already holds keep their site. A row whose id
 * PostgreSQL already gives to a different row refuses the start: two installations' sites cannot
 * be merged by id. After that, PostgreSQL is the truth and this file only mirrors it (a site
 * missing there was deleted through another node). Answers how many rows went up.
 */
export async function joinSharedConfig(pool: ConfigPool, db: Db): Promise<number> {
  const joined = (
    db.prepare('SELECT value FROM settings WHERE key = ?').get(JOINED) as { value: string } | undefined
  )?.value;
  const { id, sent } = await inConfigTransaction(pool, async (c) => {
    await c.query("SELECT pg_advisory_xact_lock(hashtext('touchpoint config join'))");
    await c.query("INSERT INTO settings (key, value) VALUES ('config_id', $1) ON CONFLICT (key) DO NOTHING", [
      randomUUID(),
    ]);
    const id = (await c.query<{ value: string }>("SELECT value FROM settings WHERE key = 'config_id'"))
      .rows[0]!.value;
    if (id === joined) return { id, sent: 0 };
    let sent = 0;
    for (const { table, key } of MIRRORED) {
      const rows = (
        table === 'settings'
          ? db
              .prepare(
                `SELECT key, value FROM settings WHERE key IN (${SHARED_SETTINGS.map(() => '?').join(', ')})`,
              )
              .all(...SHARED_SETTINGS)
          : db.prepare(`SELECT * FROM ${table}`).all()
      ) as Record<string, unknown>[];
      for (const row of rows) {
        const cols = Object.keys(row);
        const inserted = await c.query(
          `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING`,
          cols.map((k) => row[k]),
        );
        if (inserted.rowCount) {
          sent++;
          continue;
        }
        if (!WITH_ID.has(table)) continue; // a sign-in or a setting PostgreSQL already has: its own wins
        const there = (await c.query(`SELECT * FROM ${table} WHERE ${key} = $1`, [row[key]])).rows[0];
        if (!there || !same(row, there))
          throw new Error(
            `this file's ${table} row ${key}=${String(row[key])} is not the shared configuration's: a node that already has sites can join only an empty shared configuration, or the one it was made from (docs/scaling.md#shared-configuration)`,
          );
      }
      // Ids inserted by hand leave the identity behind: the next new row must not take one of them.
      if (WITH_ID.has(table))
        await c.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), COALESCE((SELECT max(id) FROM ${table}), 0) + 1, false)`,
        );
    }
    return { id, sent };
  });
  if (id !== joined)
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(JOINED, id);
  return sent;
}
