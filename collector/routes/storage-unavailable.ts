import type { Context } from 'hono';
import { FAULT_TEXT, type StorageFault } from '../db/storage-fault';

/**
 * 503 + Retry-After for a request the storage failed (read-only, full, locked, damaged): the
 * server's trouble, not the client's, and said plainly rather than as an internal error.
 */
export function storageUnavailable(c: Context, fault: StorageFault): Response {
  c.header('Retry-After', '5');
  const next = fault.kind === 'damaged' ? 'see /healthz' : 'try again later';
  return c.json({ error: `${FAULT_TEXT[fault.kind]}; ${next}` }, 503);
}
