import type Database from 'better-sqlite3';

/**
 * Runs `fn` with every table of the attached source database `src` also reachable by its bare
 * name, through TEMP views (SQLite looks in `temp` before `main`). The goals engine's queries name
 * the collector's tables unqualified (`events`, `names`, `funnel_blocks`, …), and the export file's
 * own `events` or `sessions` must not answer them; this way the export runs the very code the API
 * runs, inside its own read transaction. The views are dropped afterwards.
 */
export function withSourceTables<T>(out: Database.Database, fn: () => T): T {
  const tables = out
    .prepare(
      `SELECT name FROM src.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
    )
    .pluck()
    .all() as string[];
  const quoted = tables.map((t) => `"${t.replaceAll('"', '""')}"`);
  for (const q of quoted) out.exec(`CREATE TEMP VIEW ${q} AS SELECT * FROM src.${q}`);
  try {
    return fn();
  } finally {
    for (const q of quoted) out.exec(`DROP VIEW IF EXISTS temp.${q}`);
  }
}
