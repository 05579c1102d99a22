import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { intParam } from '../goals/int-param';
import { isRangeError, parseRange } from '../goals/parse-range';
import { siteOf, unknownSite } from '../goals/site-of';
import { getResponseSpeed } from '../queries/get-response-speed';

/** `GET /api/sites/:site/response-speed?from&to&standardMinutes` (1–10080, default 15). */
export function responseSpeedRoutes(deps: Pick<AppDeps, 'read' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.get('/api/sites/:site/response-speed', requireAdmin(deps.auth), (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const range = parseRange(c.req.query('from'), c.req.query('to'), (deps.now ?? Date.now)());
    if (isRangeError(range)) return c.json(range, 400);
    const minutes = intParam(c.req.query('standardMinutes'), 'standardMinutes', 1, 7 * 24 * 60, 15);
    if (typeof minutes !== 'number') return c.json(minutes, 400);
    return c.json(getResponseSpeed(deps.read, site.id, { ...range, standardMs: minutes * 60_000 }));
  });
  return app;
}
