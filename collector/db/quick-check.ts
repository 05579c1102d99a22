import type { Db } from './open-database';
import { storageFault } from './storage-fault';

/**
 * `PRAGMA quick_check`: reads every page once (no index cross-check). Null when the file is sound,
 * else what SQLite found; a background thread runs it so /healthz reports a damaged page before a
 * report trips over it. Errors other than damage (a busy file) count as nothing found this time.
 */
export function quickCheck(db: Db): string | null {
  try {
    const found = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
    return found.join() === 'ok' ? null : found.join('; ');
  } catch (err) {
    return storageFault(err)?.kind === 'damaged' ? (err as Error).message : null;
  }
}
