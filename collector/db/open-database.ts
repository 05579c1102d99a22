import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open read-only (a reader connection); the schema must already exist. */
  readonly?: boolean;
  /**
   * FULL makes a commit survive power loss, not only a process crash; group commit keeps its
   * fsync cost per request small, so it is the default.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating when missing) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(path: string, { readonly = false, synchronous = 'FULL' }: OpenOptions = {}): Db {
  if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  }
  return db;
}
