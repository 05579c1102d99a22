import type { Context } from 'hono';
import type { BucketMap } from './bucket-map';

/**
 * 429 with Retry-After in whole seconds (at least 1). The CORS headers are set here because this
 * answer is given before the route's own CORS middleware runs, and a browser hides a response
 * without them; Retry-After must be exposed or the SDK cannot read it cross-origin.
 */
export function tooManyRequests(
  c: Context,
  waitMs: number,
  scope: 'ip' | 'site',
  buckets: BucketMap,
): Response {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const { perSecond, burst } = buckets.limit;
  c.header('Retry-After', String(seconds));
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Access-Control-Expose-Headers', 'Retry-After');
  const who = scope === 'ip' ? 'this address' : 'this site';
  return c.json(
    {
      error: `too many requests from ${who}: at most ${perSecond} per second (burst ${burst}); retry after ${seconds} s`,
      field: scope === 'ip' ? 'ip' : 's',
      limit: perSecond,
    },
    429,
  );
}
