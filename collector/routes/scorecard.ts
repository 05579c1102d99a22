import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { getGoal } from '../goals/goal-store';
import { intParam, parseRange } from '../http/params';
import { siteOf, unknownSite } from './site-of';

/**
 * `GET /api/sites/:site/scorecard?from&to&goal=<id>|any&standardMinutes`: the touchpoint scorecard
 * against any goal of the site (page, event, contact or composite); with `goal=any` or without it, against "got in
 * touch" (any contact touchpoint). Callback requests are judged by the site's response standard
 * unless `standardMinutes` (1–10080) asks for another.
 */
export function scorecardRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.get('/api/sites/:site/scorecard', requireAdmin(deps.auth), async (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const range = parseRange(c.req.query(), (deps.now ?? Date.now)());
    if (!range.ok) return c.json(range.error, 400);
    // `any` (or no goal) is "got in touch": the dashboard's picker sends it as a value of its own.
    const rawGoal = c.req.query('goal');
    const goalId = intParam(rawGoal === 'any' ? undefined : rawGoal, 'goal', 1, Number.MAX_SAFE_INTEGER, 0);
    if (!goalId.ok)
      return c.json({ ...goalId.error, error: 'goal must be a goal id of this site or any' }, 400);
    const minutes = intParam(
      c.req.query('standardMinutes'),
      'standardMinutes',
      1,
      7 * 24 * 60,
      site.responseStandardMinutes,
    );
    if (!minutes.ok) return c.json(minutes.error, 400);
    const goal = goalId.value ? getGoal(deps.read, site.id, goalId.value) : null;
    if (goal === undefined) return c.json({ error: 'goal is not a goal of this site', field: 'goal' }, 400);
    const card = await deps.reports.scorecard(site.id, {
      ...range.value,
      goal,
      responseStandardMs: minutes.value * 60_000,
    });
    return c.json({ goal, converted: goal ? goal.name : 'any contact', ...card });
  });
  return app;
}
