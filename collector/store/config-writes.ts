import type { Db } from '../db/open-database';

/** The configuration tables a cluster shares (shared-config/); every other table stays per node. */
export const CONFIG_TABLES = [
  'sites',
  'goals',
  'saved_funnels',
  'share_links',
  'admin_sessions',
  'settings',
] as const;
export type ConfigTable = (typeof CONFIG_TABLES)[number];

export type ConfigValue = string | number | boolean | null;
export type ConfigRow = Record<string, ConfigValue>;

/**
 * A condition: `{ id: 3, site_id: 1 }` is `id = 3 AND site_id = 1`; a key may end in a comparison
 * (`{ 'expires_at <=': now }`). Keys and tables come from code, never from a request.
 */
export type ConfigWhere = Record<string, ConfigValue>;

/**
 * Where configuration writes go: straight into this node's file (the default), or to the
 * cluster's PostgreSQL first, which decides ids and uniqueness, then into this file, which is then
 * its read cache (shared-config/postgres-config-writes.ts). Reads stay synchronous on the file.
 */
export interface ConfigWrites {
  /** Inserts one row; answers its id (meaningless for admin_sessions and settings, keyed otherwise). */
  insert(table: ConfigTable, row: ConfigRow): Promise<number>;
  /** Inserts or replaces by `key` (a primary key column). */
  upsert(table: ConfigTable, row: ConfigRow, key: string): Promise<void>;
  /** Answers how many rows changed. */
  update(table: ConfigTable, where: ConfigWhere, values: ConfigRow): Promise<number>;
  /** Answers how many rows went. */
  delete(table: ConfigTable, where: ConfigWhere): Promise<number>;
  /**
   * Deletes a site: from the shared configuration first (when there is one), then its data here
   * with `deleteData` (retention/delete-site.ts, which also removes this file's row).
   */
  removeSite<T>(siteId: number, deleteData: () => Promise<T>): Promise<T>;
}

const NAME = /^[a-z_]+$/;
const WHERE_KEY = /^([a-z_]+)(?: (=|<|<=|>|>=))?$/;

function checked(table: string, columns: readonly string[]): void {
  if (!(CONFIG_TABLES as readonly string[]).includes(table))
    throw new Error(`not a configuration table: ${table}`);
  for (const c of columns) if (!NAME.test(c)) throw new Error(`bad column name: ${c}`);
}

/** SQL for one write, with `?` or `$n` placeholders, shared by both stores so they write the same rows. */
export function configSql(placeholder: (n: number) => string): {
  insert(table: ConfigTable, row: ConfigRow, returning?: string): { sql: string; params: ConfigValue[] };
  upsert(table: ConfigTable, row: ConfigRow, key: string): { sql: string; params: ConfigValue[] };
  update(table: ConfigTable, where: ConfigWhere, values: ConfigRow): { sql: string; params: ConfigValue[] };
  delete(table: ConfigTable, where: ConfigWhere): { sql: string; params: ConfigValue[] };
} {
  const whereSql = (where: ConfigWhere, from: number) => {
    const parts = Object.keys(where).map((k, i) => {
      const m = WHERE_KEY.exec(k);
      if (!m) throw new Error(`bad condition: ${k}`);
      return `${m[1]} ${m[2] ?? '='} ${placeholder(from + i)}`;
    });
    return parts.length ? parts.join(' AND ') : 'true';
  };
  return {
    insert: (table, row, returning) => {
      const cols = Object.keys(row);
      checked(table, cols);
      const values = cols.map((_, i) => placeholder(i + 1)).join(', ');
      return {
        sql: `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${values})${returning ? ` RETURNING ${returning}` : ''}`,
        params: Object.values(row),
      };
    },
    upsert: (table, row, key) => {
      const cols = Object.keys(row);
      checked(table, [...cols, key]);
      const set = cols.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
      const values = cols.map((_, i) => placeholder(i + 1)).join(', ');
      return {
        sql: `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${values}) ON CONFLICT (${key}) DO UPDATE SET ${set.join(', ')}`,
        params: Object.values(row),
      };
    },
    update: (table, where, values) => {
      const cols = Object.keys(values);
      checked(table, cols);
      const set = cols.map((c, i) => `${c} = ${placeholder(i + 1)}`).join(', ');
      return {
        sql: `UPDATE ${table} SET ${set} WHERE ${whereSql(where, cols.length + 1)}`,
        params: [...Object.values(values), ...Object.values(where)],
      };
    },
    delete: (table, where) => {
      checked(table, []);
      return { sql: `DELETE FROM ${table} WHERE ${whereSql(where, 1)}`, params: Object.values(where) };
    },
  };
}

const sqlite = configSql(() => '?');
const bind = (params: ConfigValue[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

/** Configuration writes straight into this file: one node, no PostgreSQL. */
export function localConfigWrites(db: Db): ConfigWrites {
  const run = (q: { sql: string; params: ConfigValue[] }) => db.prepare(q.sql).run(...bind(q.params));
  return {
    insert: async (table, row) => Number(run(sqlite.insert(table, row)).lastInsertRowid),
    upsert: async (table, row, key) => {
      run(sqlite.upsert(table, row, key));
    },
    update: async (table, where, values) => run(sqlite.update(table, where, values)).changes,
    delete: async (table, where) => run(sqlite.delete(table, where)).changes,
    removeSite: (_siteId, deleteData) => deleteData(),
  };
}
