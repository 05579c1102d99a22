import type { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { clientIp } from '../http/client-ip';
import { limitBy } from './limit-by';

const isLoopback = (ip: string): boolean => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

/**
 * Puts the per-IP buckets in front of both ingest routes. Must run before the routes are mounted.
 * `/api/collect` learns its site from the body, so it checks the per-site bucket itself with
 * `limitSite` once the body is valid. The offline-events route gets no per-site bucket: it would
 * run before the secret is checked, and the site id is public, so anyone could spend the tokens
 * of a site's own server.
 *
 * A loopback peer without `trustProxy` is most likely a reverse proxy speaking for every visitor:
 * one bucket for all of them would throttle the whole site, so it gets no per-IP limit (the
 * per-site limit still holds). Set `trustProxy` to limit by the forwarded address instead.
 */
export function applyRateLimits(app: Hono, deps: AppDeps): void {
  const limits = deps.rateLimits;
  if (!limits) return;
  const trust = deps.trustProxy ?? false;
  const ipOf = deps.clientIp ?? ((c) => {
    const ip = clientIp(c, trust);
    return !trust && isLoopback(ip) ? undefined : ip;
  });
  const byIp = limitBy({ buckets: limits.ip, scope: 'ip', keyOf: ipOf, now: limits.now });
  app.use('/api/collect', byIp);
  app.use('/api/sites/:site/events', byIp);
}
