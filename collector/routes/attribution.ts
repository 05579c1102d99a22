import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { getGoal } from '../goals/goal-store';
import { intParam } from '../goals/int-param';
import { isRangeError, parseRange } from '../goals/parse-range';
import { siteOf, unknownSite } from '../goals/site-of';
import { getAttribution } from '../queries/get-attribution';

/** `GET /api/sites/:site/goals/:id/attribution?from&to&lookbackDays` (1–365, default 90). */
export function attributionRoutes(deps: Pick<AppDeps, 'read' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.get('/api/sites/:site/goals/:id/attribution', requireAdmin(deps.auth), (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const raw = c.req.param('id');
    const goal = /^\d{1,12}$/.test(raw) ? getGoal(deps.read, site.id, Number(raw)) : undefined;
    if (!goal) return c.json({ error: 'unknown goal', field: 'id' }, 404);
    const range = parseRange(c.req.query('from'), c.req.query('to'), (deps.now ?? Date.now)());
    if (isRangeError(range)) return c.json(range, 400);
    const days = intParam(c.req.query('lookbackDays'), 'lookbackDays', 1, 365, 90);
    if (typeof days !== 'number') return c.json(days, 400);
    return c.json(getAttribution(deps.read, site.id, goal, { ...range, lookbackMs: days * 86_400_000 }));
  });
  return app;
}
