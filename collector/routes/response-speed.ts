import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { intParam, parseRange } from '../http/params';
import { siteOf, unknownSite } from './site-of';

/** `GET /api/sites/:site/response-speed?from&to&standardMinutes` (1–10080, default 15). */
export function responseSpeedRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.get('/api/sites/:site/response-speed', requireAdmin(deps.auth), async (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const range = parseRange(c.req.query(), (deps.now ?? Date.now)());
    if (!range.ok) return c.json(range.error, 400);
    const minutes = intParam(c.req.query('standardMinutes'), 'standardMinutes', 1, 7 * 24 * 60, 15);
    if (!minutes.ok) return c.json(minutes.error, 400);
    return c.json(
      await deps.reports.responseSpeed(site.id, { ...range.value, standardMs: minutes.value * 60_000 }),
    );
  });
  return app;
}
