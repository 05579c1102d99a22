import type { Context } from 'hono';
import type { StoreUnreachableError } from '../reports/store-unreachable-error';

/**
 * 503 + Retry-After for a report whose store did not answer (ClickHouse down or cut off): the
 * dashboard says so and asks again, rather than showing an internal error or partial numbers.
 */
export function storeUnreachable(c: Context, err: StoreUnreachableError): Response {
  c.header('Retry-After', String(err.retryAfterSeconds));
  return c.json({ error: err.message }, 503);
}
