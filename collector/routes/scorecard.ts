import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { goalCondition } from '../goals/goal-condition';
import { getGoal } from '../goals/goal-store';
import { intParam, parseRange } from '../http/params';
import { CONTACT_NAMES } from '../model';
import { siteOf, unknownSite } from './site-of';

/**
 * `GET /api/sites/:site/scorecard?from&to&goal=<id>`: the touchpoint scorecard against a page,
 * event or contact goal; without `goal`, against "contacted us" (any contact touchpoint).
 */
export function scorecardRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.get('/api/sites/:site/scorecard', requireAdmin(deps.auth), async (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const range = parseRange(c.req.query(), (deps.now ?? Date.now)());
    if (!range.ok) return c.json(range.error, 400);
    const goalId = intParam(c.req.query('goal'), 'goal', 1, Number.MAX_SAFE_INTEGER, 0);
    if (!goalId.ok) return c.json(goalId.error, 400);
    let cond = { names: [...CONTACT_NAMES] } as ReturnType<typeof goalCondition>;
    let goal = null;
    if (goalId.value) {
      const g = getGoal(deps.read, site.id, goalId.value);
      if (!g) return c.json({ error: 'goal is not a goal of this site', field: 'goal' }, 400);
      cond = goalCondition(g.definition);
      if (!cond)
        return c.json(
          {
            error: 'goal is a composite goal; the scorecard needs a page, event or contact goal',
            field: 'goal',
          },
          400,
        );
      goal = g;
    }
    return c.json({ goal, ...(await deps.reports.scorecard(site.id, cond!, range.value)) });
  });
  return app;
}
