import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open-database';
import type { ConfigWrites } from '../store/config-writes';
import { hashPassword, verifyPasswordSync } from './password-hash';
import { endAllSessions } from './session-store';

const KEY = 'admin_password';
/** For passwords chosen by hand (`touchpoint admin reset-password --stdin`); sign-in takes up to 200. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** 15 random bytes: 20 URL-safe characters, far beyond guessing at the sign-in's rate. */
export const generatePassword = (): string => randomBytes(15).toString('base64url');

export interface AdminPasswordResult {
  /** Set only when a password was generated now: print it once, it is stored only as a hash. */
  generated?: string;
  source: 'env' | 'stored' | 'generated';
}

/** The stored scrypt hash of the admin password, if one was set. */
export function getAdminPasswordHash(db: Db): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as
    | { value: string }
    | undefined;
  return row?.value;
}

/**
 * Stores a new admin password and ends every dashboard session, including the one that asked:
 * whoever held a session under the old password must prove they know the new one. A running
 * collector sees the new hash at the next sign-in attempt and clears its sign-in limits.
 * Returns how many sessions ended.
 */
export function setAdminPassword(db: Db, password: string): number {
  const hash = hashPassword(password);
  return db.transaction(() => {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(KEY, hash);
    return endAllSessions(db);
  })();
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
  const generated = generatePassword();
  setAdminPassword(db, generated);
  return { source: 'generated', generated };
}

/**
 * setAdminPassword through `writes`: with a shared configuration the hash and the ended sessions
 * are PostgreSQL's, so every node of the cluster signs in with the new password at once.
 */
export async function changeAdminPassword(writes: ConfigWrites, password: string): Promise<number> {
  await writes.upsert('settings', { key: KEY, value: hashPassword(password) }, 'key');
  return writes.delete('admin_sessions', {});
}

/**
 * ensureAdminPassword for a node of a cluster, run once its cache holds the shared configuration:
 * the password every node was started with wins; else the cluster's; else the first node to start
 * generates it (another node starting at the same instant may overwrite it: give the cluster
 * TOUCHPOINT_ADMIN_PASSWORD, as `touchpoint cluster up` does).
 */
export async function ensureSharedAdminPassword(
  writes: ConfigWrites,
  db: Db,
  fromEnv?: string,
): Promise<AdminPasswordResult> {
  const stored = getAdminPasswordHash(db);
  if (fromEnv) {
    if (!stored || !verifyPasswordSync(fromEnv, stored)) await changeAdminPassword(writes, fromEnv);
    return { source: 'env' };
  }
  if (stored) return { source: 'stored' };
  const generated = generatePassword();
  await changeAdminPassword(writes, generated);
  return { source: 'generated', generated };
}

/** Why a hand-chosen password is refused, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN)
    return `the password must be at least ${PASSWORD_MIN} characters (got ${password.length})`;
  if (password.length > PASSWORD_MAX)
    return `the password must be at most ${PASSWORD_MAX} characters (got ${password.length})`;
  return undefined;
}
