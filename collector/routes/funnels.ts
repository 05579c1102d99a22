import { Hono } from 'hono';
import * as v from 'valibot';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { goalCondition } from '../goals/goal-condition';
import { getGoal } from '../goals/goal-store';
import { funnelBodySchema } from '../http/funnel-body';
import { parseRange } from '../http/params';
import { toValidationError } from '../http/validation-error';
import type { FunnelStepCondition } from '../model';
import { siteOf, unknownSite } from './site-of';

/**
 * `POST /api/sites/:site/funnel` with a funnel definition (goal-schema/funnel-schema.ts) answers
 * steps, weakest link, conversion, and on request breakdown, comparison and daily trend.
 */
export function funnelRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.post('/api/sites/:site/funnel', requireAdmin(deps.auth), async (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const parsed = v.safeParse(funnelBodySchema, await c.req.json().catch(() => null));
    if (!parsed.success) return c.json(toValidationError(parsed.issues), 400);
    const body = parsed.output;
    const range = parseRange(body, (deps.now ?? Date.now)());
    if (!range.ok) return c.json(range.error, 400);
    const steps: (FunnelStepCondition & { label?: string })[] = [];
    for (const [i, step] of body.steps.entries()) {
      if (!('goal' in step)) {
        steps.push(step);
        continue;
      }
      const goal = getGoal(deps.read, site.id, step.goal);
      if (!goal)
        return c.json(
          { error: `steps[${i}].goal is not a goal of this site`, field: `steps[${i}].goal` },
          400,
        );
      const cond = goalCondition(goal.definition);
      if (!cond)
        return c.json(
          { error: `steps[${i}].goal is a composite goal; use its steps instead`, field: `steps[${i}].goal` },
          400,
        );
      steps.push({ ...cond, label: step.label ?? goal.name });
    }
    return c.json(
      await deps.reports.funnel({
        siteId: site.id,
        steps,
        exclusions: body.exclusions,
        mode: body.mode,
        windowMs: body.windowMinutes * 60_000,
        countBy: body.countBy,
        from: range.value.from,
        to: range.value.to,
        breakdown: body.breakdown,
        compare: body.compare,
        trend: body.trend,
        utcOffsetMinutes: body.utcOffsetMinutes,
      }),
    );
  });
  return app;
}
