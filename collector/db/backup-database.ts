import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface BackupOptions {
  /** The collector's database (read through a connection of our own; it keeps serving meanwhile). */
  sourcePath: string;
  /** Written as `<outPath>.partial` and renamed once copied and checked. */
  outPath: string;
  /** Replace an existing `outPath`; without it an existing file is an error. */
  force?: boolean;
  /** Pages copied so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Pages copied per step; the event loop turns between steps. */
  pagesPerStep?: number;
}

export interface BackupSummary {
  pages: number;
  bytes: number;
  events: number;
  /** `PRAGMA quick_check` of the copy: 'ok'. */
  check: string;
}

/**
 * Copies the database with SQLite's online backup API, safe while the collector writes: the copy is
 * one snapshot taken when the backup starts (everything committed before then, nothing half-done),
 * then it is made a standalone file (no -wal to forget) and checked before it gets its name.
 *
 * @example
 * await backupDatabase({ sourcePath: 'data/touchpoint.db', outPath: 'backups/2026-12-04.db' });
 */
export async function backupDatabase({
  sourcePath,
  outPath,
  force = false,
  onProgress,
  pagesPerStep = 1000,
}: BackupOptions): Promise<BackupSummary> {
  if (!existsSync(sourcePath)) throw new Error(`no database at ${sourcePath}`);
  if (existsSync(outPath) && !force)
    throw new Error(`${outPath} exists: choose another name, or --force to replace it`);
  const partial = `${outPath}.partial`;
  for (const p of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`])
    rmSync(p, { force: true });
  const src = new Database(sourcePath, { readonly: true, fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    // A read transaction held across the steps: every step copies the same snapshot. Without it, a
    // commit between two steps restarts the copy from page 1, and a busy collector commits every
    // few ms: the backup would never end.
    src.exec('BEGIN');
    const events = src.prepare('SELECT count(*) FROM events').pluck().get() as number;
    await src.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return pagesPerStep;
      },
    });
    src.exec('COMMIT');
    const out = new Database(partial);
    let summary: BackupSummary;
    try {
      out.pragma('journal_mode = DELETE');
      const pages = out.pragma('page_count', { simple: true }) as number;
      summary = {
        pages,
        bytes: pages * (out.pragma('page_size', { simple: true }) as number),
        events,
        check: (out.pragma('quick_check(5)') as { quick_check: string }[])
          .map((r) => r.quick_check)
          .join('; '),
      };
    } finally {
      out.close();
    }
    if (summary.check !== 'ok')
      throw new Error(`the copy failed its check (${summary.check}): the database itself may be damaged`);
    renameSync(partial, outPath);
    return summary;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    src.close();
  }
}
