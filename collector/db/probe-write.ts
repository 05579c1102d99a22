import type { Db } from './open-database';

/**
 * Commits one small row, so a file that cannot be written fails here and now (at start, or when
 * `/healthz` checks whether failing writes work again) rather than at the first visitor's event.
 */
export function probeWrite(db: Db, now = Date.now()): void {
  db.prepare(`INSERT INTO settings (key, value) VALUES ('last_write_probe', ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(now));
}
