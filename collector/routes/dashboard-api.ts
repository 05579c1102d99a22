import { Hono, type Context } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { getOverview } from '../queries/get-overview';
import { getPageSpeed } from '../queries/get-page-speed';
import { getRealtime } from '../queries/get-realtime';
import { getSources } from '../queries/get-sources';
import { getTimeseries } from '../queries/get-timeseries';
import { hasEvents } from '../queries/has-events';
import { listEventNames } from '../queries/list-event-names';
import { listPages } from '../queries/list-pages';
import { getSite, type Site } from '../store/sites';
import { parseRangeQuery, type RangeQuery } from './dashboard-params';

const CATALOG_DAYS = 90;

/**
 * The dashboard's read-only data: `GET /api/sites/:site/{overview,timeseries,sources,page-speed,
 * realtime,event-names,pages,has-events}`. Admin or the site's share link.
 */
export function dashboardApiRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const guard = requireAdmin(deps.auth);
  const now = deps.now ?? Date.now;
  const site = (c: Context): Site | undefined => getSite(deps.read, c.req.param('site') ?? '');
  const unknown = (c: Context) => c.json({ error: 'unknown site', field: 'site' }, 404);

  /** A route that needs the site and a checked `from`/`to` range with filters. */
  const ranged = (path: string, run: (s: Site, q: RangeQuery) => unknown) =>
    app.get(`/api/sites/:site/${path}`, guard, (c) => {
      const s = site(c);
      if (!s) return unknown(c);
      const q = parseRangeQuery(c.req.query());
      if (!q.ok) return c.json(q.error, 400);
      return c.json(run(s, q.value) as object);
    });

  const filter = (s: Site, q: RangeQuery, from = q.from, to = q.to) => ({
    siteId: s.id, from, to, channel: q.channel, device: q.device, page: q.page,
  });

  ranged('overview', (s, q) => {
    const current = getOverview(deps.read, filter(s, q));
    if (!q.compare) return current;
    // The period of the same length right before, for "vs previous period".
    const span = q.to - q.from;
    return { ...current, previous: { from: q.from - span, to: q.from, ...getOverview(deps.read, filter(s, q, q.from - span, q.from)) } };
  });
  ranged('timeseries', (s, q) => ({ bucketMs: q.bucketMs, ...getTimeseries(deps.read, filter(s, q), q.bucketMs) }));
  ranged('sources', (s, q) => getSources(deps.read, filter(s, q)));
  ranged('page-speed', (s, q) => getPageSpeed(deps.read, filter(s, q)));

  const simple = (path: string, run: (s: Site) => unknown) =>
    app.get(`/api/sites/:site/${path}`, guard, (c) => {
      const s = site(c);
      return s ? c.json(run(s) as object) : unknown(c);
    });
  const since = () => now() - CATALOG_DAYS * 24 * 60 * 60 * 1000;
  simple('realtime', (s) => getRealtime(deps.read, s.id, now()));
  simple('event-names', (s) => listEventNames(deps.read, s.id, since()));
  simple('pages', (s) => listPages(deps.read, s.id, since()));
  simple('has-events', (s) => hasEvents(deps.read, s.id));
  return app;
}
