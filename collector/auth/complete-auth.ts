import type { Db } from '../db/open-database';
import type { AdminAuth } from './require-admin';
import { SessionStore } from './session-store';
import { ShareLinkStore } from './share-links';

/** Fills in the database-backed parts of AdminAuth that a caller (a test, a script) left out. */
export function completeAuth(auth: AdminAuth, db: Db, trustProxy?: boolean): AdminAuth {
  return {
    ...auth,
    sessions: auth.sessions ?? new SessionStore(db),
    shares: auth.shares ?? new ShareLinkStore(db),
    trustProxy: auth.trustProxy ?? trustProxy ?? false,
  };
}
