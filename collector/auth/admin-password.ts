import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';
import { hashPassword, verifyPasswordSync } from './password-hash';

const KEY = 'admin_password';

export interface AdminPasswordResult {
  /** Set only when a password was generated now: print it once, it is stored only as a hash. */
  generated?: string;
  source: 'env' | 'stored' | 'generated';
}

/** The stored scrypt hash of the admin password, if one was set. */
export function getAdminPasswordHash(db: Db): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  return row?.value;
}

export function setAdminPassword(db: Db, password: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(KEY, hashPassword(password));
}

/**
 * Makes sure an admin password exists: `fromEnv` (TOUCHPOINT_ADMIN_PASSWORD) wins and replaces a
 * different stored one; otherwise the stored hash stays; on the very first start one is generated.
 */
export function ensureAdminPassword(db: Db, fromEnv?: string): AdminPasswordResult {
  const stored = getAdminPasswordHash(db);
  if (fromEnv) {
    if (!stored || !verifyPasswordSync(fromEnv, stored)) setAdminPassword(db, fromEnv);
    return { source: 'env' };
  }
  if (stored) return { source: 'stored' };
  const generated = randomBytes(15).toString('base64url');
  setAdminPassword(db, generated);
  return { source: 'generated', generated };
}
