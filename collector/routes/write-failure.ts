import type { Context } from 'hono';
import { ErrorLog } from '../db/error-log';
import { storageFault } from '../db/storage-fault';
import { SinkFullError, WriterClosedError } from '../store/event-sink';
import { storageUnavailable } from './storage-unavailable';

// Storage faults are logged by the database's health (one line per distinct error); this logs the rest.
const otherFailures = new ErrorLog('write failed');

/**
 * A write that could not commit (shutting down, disk full, locked file): 503 with Retry-After so
 * the SDK keeps the events and sends them again; nothing was acknowledged.
 */
export function writeFailure(c: Context, err: unknown): Response {
  const fault = storageFault(err);
  if (fault) return storageUnavailable(c, fault);
  if (err instanceof SinkFullError) {
    c.header('Retry-After', String(err.retryAfterSeconds));
    return c.json({ error: err.message }, 503);
  }
  c.header('Retry-After', '5');
  if (err instanceof WriterClosedError) return c.json({ error: err.message }, 503);
  otherFailures.failed(err);
  return c.json({ error: 'storage unavailable; try again later' }, 503);
}
