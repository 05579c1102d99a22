import type { Context, MiddlewareHandler } from 'hono';
import type { BucketMap } from './bucket-map';
import { tooManyRequests } from './too-many-requests';

export interface RateLimitOptions {
  buckets: BucketMap | null;
  scope: 'ip' | 'site';
  now?: () => number;
}

/**
 * Middleware: takes a token from the bucket of the request's key before any body is read (a
 * refused flood costs a Map lookup), answering 429 + Retry-After when it is empty. CORS
 * preflights pass free. Like Hono's `ipRestriction(getIP, …)`, it is handed the function that
 * names a request's client (or another key); undefined lets the request through unlimited.
 *
 * @example
 * app.use('/api/collect', rateLimit((c) => clientIp(c, trustProxy), { buckets: limits.ip, scope: 'ip' }));
 */
export function rateLimit(
  keyOf: (c: Context) => string | undefined,
  { buckets, scope, now = Date.now }: RateLimitOptions,
): MiddlewareHandler {
  return async (c, next) => {
    if (!buckets || c.req.method === 'OPTIONS') return next();
    const key = keyOf(c);
    const wait = key === undefined ? 0 : buckets.take(key, now());
    if (wait > 0) return tooManyRequests(c, wait, scope, buckets);
    return next();
  };
}
