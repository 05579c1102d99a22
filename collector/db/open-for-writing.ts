import { type Db, type OpenOptions, openDatabase } from './open-database';
import { probeWrite } from './probe-write';
import { FAULT_TEXT, storageFault } from './storage-fault';

/**
 * The collector's writer connection, proven writable by a committed probe. SQLite opens a file it
 * may not write read-only without a word, and every later write would fail: refuse to start instead.
 */
export function openForWriting(path: string, opts: OpenOptions = {}): Db {
  let db: Db | undefined;
  try {
    db = openDatabase(path, opts);
    probeWrite(db);
    return db;
  } catch (err) {
    db?.close();
    const fault = storageFault(err);
    if (!fault) throw err;
    const hint =
      fault.kind === 'damaged'
        ? 'restore it from a backup (touchpoint backup)'
        : 'the collector must be able to write the file, its folder and its -wal and -shm files: check their owner and permissions, and free space';
    throw new Error(
      `cannot write the database ${path}: ${FAULT_TEXT[fault.kind]} (${fault.detail}); ${hint}`,
      { cause: err },
    );
  }
}
