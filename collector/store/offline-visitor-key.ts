import type { Db } from '../db/open-database';

/**
 * The stored key of a visitor named by a server-side caller: Touchpoint's numeric visitor id
 * (undefined when the site has no such visitor), or the first-party id the SDK sends under consent
 * (the visitor may not have reached the collector yet; it joins when it does).
 */
export function offlineVisitorKey(db: Db, siteId: number, visitor: string | number): string | undefined {
  if (typeof visitor === 'number' || /^\d+$/.test(visitor)) {
    const row = db
      .prepare('SELECT key FROM visitors WHERE id = ? AND site_id = ?')
      .get(Number(visitor), siteId) as { key: string } | undefined;
    return row?.key;
  }
  return `c:${visitor}`;
}
