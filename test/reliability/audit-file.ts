import Database from 'better-sqlite3';

export interface FileAudit {
  /** Event uids in the file. */
  stored: Set<string>;
  /** `PRAGMA integrity_check`: 'ok' or the first problems found. */
  integrity: string;
  /** Acknowledged uids missing from the file: the figure every harness must keep at 0. */
  lost: string[];
}

/** Opens a harness's database read-only, after the collector stopped, and checks `acked` against it. */
export function auditFile(dbPath: string, acked: string[]): FileAudit {
  const db = new Database(dbPath, { readonly: true });
  try {
    const stored = new Set(
      (db.prepare('SELECT uid FROM events').all() as { uid: string }[]).map((r) => r.uid),
    );
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    return { stored, integrity, lost: acked.filter((u) => !stored.has(u)) };
  } finally {
    db.close();
  }
}
