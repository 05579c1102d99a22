import type { Context } from 'hono';
import type { RateLimits } from './rate-limits';
import { tooManyRequests } from './too-many-requests';

/**
 * The per-site check for a route that learns the site from the body (`/api/collect`): a 429 to
 * return, or undefined to go on. Called after the body is validated, so junk never spends a
 * site's tokens.
 */
export function limitSite(c: Context, limits: RateLimits | undefined, siteId: string): Response | undefined {
  const buckets = limits?.site;
  if (!buckets) return undefined;
  const wait = buckets.take(siteId, limits.now());
  return wait > 0 ? tooManyRequests(c, wait, 'site', buckets) : undefined;
}
