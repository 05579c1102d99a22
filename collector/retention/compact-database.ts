import type { Db } from '../db/open-database';

/**
 * Gives the space of deleted rows back to the file system: VACUUM rewrites the file, and a
 * truncating checkpoint empties the WAL it went through. Needs a connection with no open
 * transaction; other connections may keep reading meanwhile.
 */
export function compactDatabase(db: Db): { bytesBefore: number; bytesAfter: number } {
  const size = () =>
    (db.pragma('page_count', { simple: true }) as number) *
    (db.pragma('page_size', { simple: true }) as number);
  const bytesBefore = size();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { bytesBefore, bytesAfter: size() };
}
