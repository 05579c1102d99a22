import { Hono } from 'hono';
import type { AppDeps } from './deps';
import { collectRoutes } from './routes/collect';
import { offlineEventRoutes } from './routes/offline-events';
import { sdkFileRoutes } from './routes/sdk-files';
import { siteRoutes } from './routes/sites';

/**
 * Builds the collector's HTTP app around its dependencies; starting a server is `server.ts`'s job.
 *
 * @example
 * const app = createApp({ db, read, writer, salts, auth: { adminToken } });
 * const res = await app.request('/api/collect', { method: 'POST', body });
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => {
    // Client input is answered with 4xx before this; what reaches here is our fault.
    console.error('unhandled error:', err);
    return c.json({ error: 'internal error' }, 500);
  });
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', collectRoutes(deps));
  app.route('/', offlineEventRoutes(deps));
  app.route('/', siteRoutes(deps));
  if (deps.staticDir) app.route('/', sdkFileRoutes(deps.staticDir));
  return app;
}
