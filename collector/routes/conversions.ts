import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { listGoals } from '../goals/goal-store';
import { intParam, parseRange } from '../http/params';
import type { AttributionModel } from '../model';
import { siteOf, unknownSite } from './site-of';

const MODELS: readonly AttributionModel[] = ['firstTouch', 'lastTouch', 'lastSignificant'];

/**
 * `GET /api/sites/:site/conversions?from&to&compare=1&model&lookbackDays`: the overview's leads,
 * every goal's conversions, revenue in the site's currency, and sources and campaigns by what
 * they converted (credited by `model`, default `lastSignificant`).
 */
export function conversionRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  app.get('/api/sites/:site/conversions', requireAdmin(deps.auth), async (c) => {
    const site = siteOf(deps.read, c);
    if (!site) return c.json(unknownSite, 404);
    const range = parseRange(c.req.query(), (deps.now ?? Date.now)());
    if (!range.ok) return c.json(range.error, 400);
    const model = (c.req.query('model') || 'lastSignificant') as AttributionModel;
    if (!MODELS.includes(model))
      return c.json({ error: `model must be one of ${MODELS.join(', ')}`, field: 'model' }, 400);
    const compare = c.req.query('compare') || '0';
    if (compare !== '0' && compare !== '1')
      return c.json({ error: 'compare must be 0 or 1', field: 'compare' }, 400);
    const days = intParam(c.req.query('lookbackDays'), 'lookbackDays', 1, 365, 90);
    if (!days.ok) return c.json(days.error, 400);
    return c.json(
      await deps.reports.conversions(site.id, listGoals(deps.read, site.id), {
        ...range.value,
        model,
        compare: compare === '1',
        lookbackMs: days.value * 86_400_000,
        currency: site.currency,
      }),
    );
  });
  return app;
}
