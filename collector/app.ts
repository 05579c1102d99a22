import { join } from 'node:path';
import { Hono } from 'hono';
import { completeAuth } from './auth/complete-auth';
import { DatabaseHealth } from './db/database-health';
import { storageFault } from './db/storage-fault';
import type { AppDeps } from './deps';
import { rateLimitKey } from './http/client-ip';
import { DropLog } from './ingest/drop-log';
import { incompleteNote } from './middleware/incomplete-note';
import { rateLimit } from './middleware/rate-limit';
import { StoreUnreachableError } from './reports/store-unreachable-error';
import { alertLinkRoutes } from './routes/alert-links';
import { alertRoutes } from './routes/alerts';
import { attributionRoutes } from './routes/attribution';
import { authRoutes } from './routes/auth';
import { collectRoutes } from './routes/collect';
import { conversionRoutes } from './routes/conversions';
import { dashboardApiRoutes } from './routes/dashboard-api';
import { dashboardPageRoutes } from './routes/dashboard-pages';
import { dashboardReportRoutes } from './routes/dashboard-reports';
import { exportRoutes } from './routes/export';
import { funnelRoutes } from './routes/funnels';
import { goalRoutes } from './routes/goals';
import { healthRoutes } from './routes/healthz';
import { offlineEventRoutes } from './routes/offline-events';
import { responseSpeedRoutes } from './routes/response-speed';
import { savedFunnelRoutes } from './routes/saved-funnels';
import { scorecardRoutes } from './routes/scorecard';
import { sdkFileRoutes } from './routes/sdk-files';
import { siteRoutes } from './routes/sites';
import { storageUnavailable } from './routes/storage-unavailable';
import { storeUnreachable } from './routes/store-unreachable';
import { ConfigUnavailableError } from './shared-config/config-unavailable';
import { localConfigWrites } from './store/config-writes';
import { SiteCache } from './store/site-cache';
import { watchWrites } from './store/watch-writes';

/**
 * Builds the collector's HTTP app around its dependencies; starting a server is `server.ts`'s job.
 *
 * @example
 * const app = createApp({ db, read, writer, salts, auth: { adminToken } });
 * const res = await app.request('/api/collect', { method: 'POST', body });
 */
export function createApp(deps: AppDeps): Hono {
  // Sessions and share links live in the database: every guard below sees the same stores.
  const health = deps.health ?? new DatabaseHealth(deps.now ? { now: deps.now } : {});
  const configWrites = deps.configWrites ?? localConfigWrites(deps.db);
  deps = {
    ...deps,
    auth: completeAuth(deps.auth, deps.db, deps.trustProxy, configWrites),
    writer: watchWrites(deps.writer, health),
    drops: deps.drops ?? new DropLog(),
    configWrites,
  };
  const app = new Hono();
  app.onError((err, c) => {
    // A write (sign-in, admin, today's salt) or a read the storage failed: the file's fault, not ours.
    const fault = storageFault(err);
    if (fault) {
      if (fault.kind === 'damaged') health.damaged(fault.detail);
      else health.writeFailed(fault);
      return storageUnavailable(c, fault);
    }
    // The cluster's PostgreSQL is away: the client retries, as for a busy file.
    if (err instanceof ConfigUnavailableError) {
      c.header('Retry-After', '5');
      return c.json({ error: 'shared configuration unavailable; try again later' }, 503);
    }
    if (err instanceof StoreUnreachableError) return storeUnreachable(c, err);
    // Client input is answered with 4xx before this; what reaches here is our fault.
    console.error('unhandled error:', err);
    return c.json({ error: 'internal error' }, 500);
  });
  app.route('/', healthRoutes(deps.db, health, deps.now, deps.shipping));
  if (deps.shipping) {
    const note = incompleteNote(deps.shipping);
    // The reports: every GET under a site, and the funnel (a POST only for its body).
    app.use('/api/sites/:site/*', (c, next) =>
      c.req.method === 'GET' || c.req.path.endsWith('/funnel') ? note(c, next) : next(),
    );
  }
  if (deps.rateLimits) {
    // Per-IP buckets in front of both ingest routes, before any body is read. `/api/collect` learns
    // its site from the body and checks the per-site bucket itself (limitSite) once the body is
    // valid; the offline API gets none: the site id is public, so anyone could spend its tokens.
    const limits = deps.rateLimits;
    const byIp = rateLimit(deps.clientIp ?? rateLimitKey(deps.trustProxy ?? false), {
      buckets: limits.ip,
      scope: 'ip',
      now: limits.now,
    });
    app.use('/api/collect', byIp);
    app.use('/api/sites/:site/events', byIp);
  }
  // One cache of sites for ingest, which the sites API clears on a change: a host added in the
  // dashboard is accepted from the next event on, not seconds later.
  const siteCache = deps.siteCache ?? new SiteCache(deps.read);
  app.route('/', collectRoutes(deps, siteCache));
  app.route('/', offlineEventRoutes(deps));
  app.route('/', siteRoutes(deps, siteCache));
  app.route('/', authRoutes(deps));
  app.route('/', dashboardApiRoutes(deps));
  app.route('/', exportRoutes(deps));
  app.route('/', goalRoutes(deps));
  app.route('/', funnelRoutes(deps));
  app.route('/', scorecardRoutes(deps));
  app.route('/', attributionRoutes(deps));
  app.route('/', responseSpeedRoutes(deps));
  app.route('/', conversionRoutes(deps));
  app.route('/', dashboardReportRoutes(deps));
  app.route('/', savedFunnelRoutes(deps));
  app.route('/', alertRoutes(deps));
  app.route('/', alertLinkRoutes(deps));
  if (deps.staticDir) app.route('/', dashboardPageRoutes(deps, join(deps.staticDir, 'dashboard')));
  if (deps.staticDir) app.route('/', sdkFileRoutes(deps.staticDir));
  return app;
}
