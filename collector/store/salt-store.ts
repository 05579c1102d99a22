import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';

export const DAY_MS = 86_400_000;
/** A salt is kept this long after it was made, then deleted, so no hash can be recomputed later. */
export const SALT_TTL_MS = 2 * DAY_MS;

/** Where ingest gets the day's salt: this node's file, or the cluster's PostgreSQL (shared-config/). */
export interface Salts {
  /** The salt for the UTC day of `now`; a promise only while it is being fetched. */
  saltFor(now: number): string | Promise<string>;
}

/**
 * Daily salts for cookieless visitor hashes. Stored (not only in memory) so a restart in the middle
 * of a day keeps counting the same visitors as the same.
 */
export class SaltStore implements Salts {
  private salt = '';
  /** [start, end) of the salt's UTC day in ms: the per-request check is two comparisons, not a date format. */
  private from = 0;
  private to = 0;

  constructor(private readonly db: Db) {}

  /** The salt for the UTC day of `now`, made on first use; older salts are purged then. */
  saltFor(now: number): string {
    if (now >= this.from && now < this.to) return this.salt;
    const day = new Date(now).toISOString().slice(0, 10);
    const row = this.db.prepare('SELECT salt FROM salts WHERE day = ?').get(day) as
      | { salt: string }
      | undefined;
    let salt = row?.salt;
    if (!salt) {
      salt = randomBytes(16).toString('base64');
      this.db
        .prepare('INSERT OR IGNORE INTO salts (day, salt, created_at) VALUES (?, ?, ?)')
        .run(day, salt, now);
      salt = (this.db.prepare('SELECT salt FROM salts WHERE day = ?').get(day) as { salt: string }).salt;
    }
    this.db.prepare('DELETE FROM salts WHERE created_at < ?').run(now - SALT_TTL_MS);
    this.salt = salt;
    this.from = Date.parse(day);
    this.to = this.from + DAY_MS;
    return salt;
  }
}
