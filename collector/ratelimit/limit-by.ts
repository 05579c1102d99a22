import type { Context, MiddlewareHandler } from 'hono';
import type { BucketMap } from './bucket-map';
import { tooManyRequests } from './too-many-requests';

export interface LimitByOptions {
  buckets: BucketMap | null;
  scope: 'ip' | 'site';
  /** The bucket key of a request (client IP, site id); undefined lets it through unlimited. */
  keyOf: (c: Context) => string | undefined;
  now?: () => number;
}

/**
 * Middleware: takes a token from the request's bucket before any body is read (a refused flood
 * costs a Map lookup), answering 429 + Retry-After when it is empty. CORS preflights pass free.
 *
 * @example
 * app.use('/api/collect', limitBy({ buckets: limits.ip, scope: 'ip', keyOf: (c) => ipOf(c) }));
 */
export function limitBy({ buckets, scope, keyOf, now = Date.now }: LimitByOptions): MiddlewareHandler {
  return async (c, next) => {
    if (!buckets || c.req.method === 'OPTIONS') return next();
    const key = keyOf(c);
    const wait = key === undefined ? 0 : buckets.take(key, now());
    if (wait > 0) return tooManyRequests(c, wait, scope, buckets);
    return next();
  };
}
