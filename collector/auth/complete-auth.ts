import type { Db } from '../db/open-database';
import { type ConfigWrites, localConfigWrites } from '../store/config-writes';
import type { AdminAuth } from './require-admin';
import { SessionStore } from './session-store';
import { ShareLinkStore } from './share-links';

/** Fills in the database-backed parts of AdminAuth that a caller (a test, a script) left out. */
export function completeAuth(
  auth: AdminAuth,
  db: Db,
  trustProxy?: boolean,
  writes: ConfigWrites = localConfigWrites(db),
): AdminAuth {
  return {
    ...auth,
    sessions: auth.sessions ?? new SessionStore(db, Date.now, writes),
    shares: auth.shares ?? new ShareLinkStore(db, Date.now, writes),
    trustProxy: auth.trustProxy ?? trustProxy ?? false,
  };
}
