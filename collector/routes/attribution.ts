import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { getGoal } from '../goals/goal-store';
import { intParam, parseRange } from '../http/params';
import { siteOf, unknownSite } from './site-of';

/** `GET /api/sites/:site/goals/:id/attribution?from&to&lookbackDays` (1–365, default 90). */
export function attributionRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.get('/api/sites/:site/goals/:id/attribution', requireAdmin(deps.auth), async (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const raw = c.req.param('id');
    const goal = /^\d{1,12}$/.test(raw) ? getGoal(deps.read, site.id, Number(raw)) : undefined;
    if (!goal) return c.json({ error: 'unknown goal', field: 'id' }, 404);
    const range = parseRange(c.req.query(), (deps.now ?? Date.now)());
    if (!range.ok) return c.json(range.error, 400);
    const days = intParam(c.req.query('lookbackDays'), 'lookbackDays', 1, 365, 90);
    if (!days.ok) return c.json(days.error, 400);
    return c.json(
      await deps.reports.attribution(site.id, goal, { ...range.value, lookbackMs: days.value * 86_400_000 }),
    );
  });
  return app;
}
