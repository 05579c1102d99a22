import type { Context } from 'hono';
import { WriterClosedError } from '../store/event-sink';

/**
 * A write that could not commit (shutting down, disk full, locked file): 503 with Retry-After so
 * the SDK keeps the events and sends them again; nothing was acknowledged.
 */
export function writeFailure(c: Context, err: unknown): Response {
  c.header('Retry-After', '5');
  const full = err instanceof Error && /SQLITE_FULL|database or disk is full/i.test(`${(err as { code?: string }).code} ${err.message}`);
  const error = err instanceof WriterClosedError ? err.message : full ? 'storage is full; try again later' : 'storage unavailable; try again later';
  if (!(err instanceof WriterClosedError)) console.error('write failed:', err);
  return c.json({ error }, 503);
}
