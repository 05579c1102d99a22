import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Deletes what an earlier, killed run left beside `outPath`: `<out>.partial` and its SQLite
 * companions (`.partial-journal`, `-wal`, `-shm`). An export is written under that name and renamed
 * only once complete, so such a file is never a finished export.
 */
export function removeStalePartials(outPath: string): string[] {
  const dir = dirname(outPath);
  const prefix = `${basename(outPath)}.partial`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => n.startsWith(prefix)).map((n) => join(dir, n));
  for (const p of stale) rmSync(p, { force: true });
  return stale;
}
