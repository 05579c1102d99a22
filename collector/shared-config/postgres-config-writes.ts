import { type ConfigTable, type ConfigWrites, configSql } from '../store/config-writes';
import { type ConfigPool, inConfigTransaction } from './config-pool';
import { CONFIG_CHANNEL, type ConfigSync } from './config-sync';

const pgSql = configSql((n) => `$${n}`);
const HAS_ID: readonly ConfigTable[] = ['sites', 'goals', 'saved_funnels', 'share_links'];

/**
 * Configuration writes for a cluster node: each runs in a PostgreSQL transaction (which decides the
 * new row's id and enforces uniqueness) that also notifies the other nodes; once committed, this
 * node refreshes its read cache (`refresh`), so what it answers next already shows the change.
 */
export function postgresConfigWrites(pool: ConfigPool, sync: ConfigSync): ConfigWrites {
  const write = async (table: ConfigTable, q: { sql: string; params: unknown[] }) => {
    const result = await inConfigTransaction(pool, async (c) => {
      const r = await c.query(q.sql, q.params);
      await c.query('SELECT pg_notify($1, $2)', [CONFIG_CHANNEL, table]);
      return r;
    });
    await sync.refresh();
    return result;
  };
  return {
    insert: async (table, row) => {
      const r = await write(table, pgSql.insert(table, row, HAS_ID.includes(table) ? 'id' : undefined));
      return HAS_ID.includes(table) ? Number(r.rows[0].id) : 0;
    },
    upsert: async (table, row, key) => {
      await write(table, pgSql.upsert(table, row, key));
    },
    update: async (table, where, values) =>
      (await write(table, pgSql.update(table, where, values))).rowCount ?? 0,
    delete: async (table, where) => (await write(table, pgSql.delete(table, where))).rowCount ?? 0,
    // This node deletes the site's data itself (and answers how much): refreshes leave it alone meanwhile.
    removeSite: (siteId, deleteData) =>
      sync.whileDeleting(siteId, async () => {
        await write('sites', pgSql.delete('sites', { id: siteId }));
        return deleteData();
      }),
  };
}
