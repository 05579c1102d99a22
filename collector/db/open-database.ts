import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { inspectWal, type WalFound } from './inspect-wal';
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
  /**
   * Told when a `-wal` file was left by an unclean stop, with how many frames SQLite replayed from it.
   * Only for the first connection a process opens: a later one sees the log of the ones already open.
   */
  onRecovery?: (found: WalFound, replayed: number) => void;
}

/** Opens (creating when missing) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(
  path: string,
  { readonly = false, synchronous = 'FULL', onRecovery }: OpenOptions = {},
): Db {
  if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const found = onRecovery && path !== ':memory:' ? inspectWal(path) : null;
  const db = new Database(path, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  if (found) {
    // The first read replays the log; this (passive) checkpoint then says how many frames it kept.
    const [kept] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    if (kept && kept.log >= 0) onRecovery!(found, kept.log);
  }
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  }
  return db;
}
