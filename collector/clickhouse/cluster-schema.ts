import { ident, Sql, sql } from './sql';

/** How each sharded table spreads over the shards: a visitor's events stay on one shard. */
export const SHARD_KEYS: Readonly<Record<string, string>> = {
  events: 'visitor',
  leads: 'cityHash64(site_id, lead)',
};

/**
 * One schema version's statements as one server of a cluster runs them. A table becomes
 * `<name>_local` on every shard, with `<name>` a Distributed table over all of them, so the
 * queries and inserts of the single-server store run unchanged. ALTERs go to both. Without
 * replicas the cluster needs no ZooKeeper, and with no `ON CLUSTER` DDL each server is migrated on
 * its own (migrateClickHouse runs on every shard).
 */
export function clusterStatements(statements: readonly Sql[], db: string, cluster: string): Sql[] {
  const qualified = `${ident(db).text}.`;
  const out: Sql[] = [];
  for (const s of statements) {
    const create = /^\s*CREATE TABLE IF NOT EXISTS (\S+?)\.`?([A-Za-z_][A-Za-z0-9_]*)`? /.exec(s.text);
    const alter = /^\s*ALTER TABLE (\S+?)\.`?([A-Za-z_][A-Za-z0-9_]*)`? /.exec(s.text);
    const m = create ?? alter;
    if (!m || `${m[1]}.` !== qualified) {
      out.push(s);
      continue;
    }
    const table = m[2]!;
    const local = renamed(s, m[0], table);
    if (create) {
      const key = SHARD_KEYS[table];
      if (!key) throw new Error(`no shard key for table ${table}: add it to SHARD_KEYS`);
      out.push(
        local,
        sql`CREATE TABLE IF NOT EXISTS ${ident(db)}.${ident(table)} AS ${ident(db)}.${ident(`${table}_local`)}
          ENGINE = Distributed(${ident(cluster)}, ${ident(db)}, ${ident(`${table}_local`)}, ${rawKey(key)})`,
      );
    } else out.push(local, s);
  }
  return out;
}

/** The statement with its table renamed to `<table>_local` (only the name in its head changes). */
function renamed(s: Sql, head: string, table: string): Sql {
  const newHead = head.replace(new RegExp(`\\.\`?${table}\`? $`), `.\`${table}_local\` `);
  return sqlText(newHead + s.text.slice(head.length));
}

// The shard keys and the renamed statements are our own constant text, never input.
const sqlText = (text: string): Sql => Sql.of(text);
const rawKey = (key: string): Sql => Sql.of(key);
