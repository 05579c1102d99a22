/**
 * 2: dashboard sign-in sessions, failed sign-ins (lock-out), read-only share links
 */
export const migration02 = `
  CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL
  );
  CREATE INDEX sign_in_failures_by_time ON sign_in_failures (ts);
  CREATE TABLE share_links (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT,
    created_at INTEGER NOT NULL
  );
  `;
