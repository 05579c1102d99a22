import { Hono } from 'hono';
import * as v from 'valibot';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { goalPatchSchema, newGoalSchema } from '../goals/goal-schema';
import { getGoal, listGoals, MAX_GOALS_PER_SITE } from '../goals/goal-store';
import { addGoal, changeGoal, removeGoal } from '../goals/goal-writes';
import { idParam, intParam, parseRange } from '../http/params';
import { toValidationError } from '../http/validation-error';
import { localConfigWrites } from '../store/config-writes';
import { siteOf, unknownSite } from './site-of';

const unknownGoal = { error: 'unknown goal', field: 'id' } as const;

/**
 * Goals API: `GET/POST /api/sites/:site/goals`, `GET/PATCH/DELETE /api/sites/:site/goals/:id`
 * (GET answers the goal with its stats for `?from&to&utcOffsetMinutes`).
 */
export function goalRoutes(
  deps: Pick<AppDeps, 'db' | 'read' | 'reports' | 'auth' | 'now' | 'configWrites'>,
): Hono {
  const app = new Hono();
  const writes = deps.configWrites ?? localConfigWrites(deps.db);
  const guard = requireAdmin(deps.auth);
  const now = () => (deps.now ?? Date.now)();

  app.get('/api/sites/:site/goals', guard, (c) => {
    const site = siteOf(deps.read, c);
    return site ? c.json(listGoals(deps.read, site.id)) : c.json(unknownSite, 404);
  });

  app.post('/api/sites/:site/goals', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const body = v.safeParse(newGoalSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const goal = await addGoal(writes, deps.db, site.id, body.output, now());
    if (!goal)
      return c.json(
        {
          error: `a site may have at most ${MAX_GOALS_PER_SITE} goals`,
          field: 'goals',
          limit: MAX_GOALS_PER_SITE,
        },
        400,
      );
    return c.json(goal, 201);
  });

  app.get('/api/sites/:site/goals/:id', guard, async (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    const goal = id === null ? undefined : getGoal(deps.read, site.id, id);
    if (!goal) return c.json(unknownGoal, 404);
    const range = parseRange(c.req.query(), now());
    if (!range.ok) return c.json(range.error, 400);
    const off = intParam(c.req.query('utcOffsetMinutes'), 'utcOffsetMinutes', -840, 840, 0);
    if (!off.ok) return c.json(off.error, 400);
    return c.json({
      goal,
      stats: await deps.reports.goalStats(site.id, goal, { ...range.value, utcOffsetMinutes: off.value }),
    });
  });

  app.patch('/api/sites/:site/goals/:id', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    if (id === null) return c.json(unknownGoal, 404);
    const body = v.safeParse(goalPatchSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const goal = await changeGoal(writes, deps.db, site.id, id, body.output, now());
    return goal ? c.json(goal) : c.json(unknownGoal, 404);
  });

  app.delete('/api/sites/:site/goals/:id', guard, async (c) => {
    const site = siteOf(deps.db, c);
    if (!site) return c.json(unknownSite, 404);
    const id = idParam(c.req.param('id'));
    return id !== null && (await removeGoal(writes, site.id, id))
      ? c.body(null, 204)
      : c.json(unknownGoal, 404);
  });
  return app;
}
