import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';
import { type ConfigWrites, localConfigWrites } from '../store/config-writes';

export const SESSION_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

/** Ends every dashboard session; returns how many there were. */
export const endAllSessions = (db: Db): number => db.prepare('DELETE FROM admin_sessions').run().changes;

/** Only a hash is stored: a copy of the database does not hand out live sessions. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** Signed-in dashboard sessions, kept in the `admin_sessions` table so a restart keeps people signed in. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    /** Where sign-ins are written: this file, or the cluster's PostgreSQL (then every node knows them). */
    private readonly writes: ConfigWrites = localConfigWrites(db),
  ) {}

  /** Opens a session; returns the token for the cookie. */
  async create(): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const expiresAt = at + SESSION_DAYS * DAY;
    await this.writes.delete('admin_sessions', { 'expires_at <=': at });
    await this.writes.insert('admin_sessions', {
      token_hash: tokenHash(token),
      created_at: at,
      expires_at: expiresAt,
    });
    return { token, expiresAt };
  }

  isValid(token: string | undefined): boolean {
    if (!token || token.length > 100) return false;
    const row = this.db
      .prepare('SELECT expires_at FROM admin_sessions WHERE token_hash = ?')
      .get(tokenHash(token)) as { expires_at: number } | undefined;
    return !!row && row.expires_at > this.now();
  }

  async delete(token: string | undefined): Promise<void> {
    if (token) await this.writes.delete('admin_sessions', { token_hash: tokenHash(token) });
  }

  /** "Sign out everywhere": returns how many sessions ended. */
  deleteAll(): Promise<number> {
    return this.writes.delete('admin_sessions', {});
  }
}
