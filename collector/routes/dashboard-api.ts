import { type Context, Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { parseReportQuery, type ReportQuery, reportFilter } from '../http/report-query';
import type { Site } from '../model';
import { getSite } from '../store/sites';

const CATALOG_DAYS = 90;

/**
 * The dashboard's read-only data: `GET /api/sites/:site/{overview,timeseries,sources,page-speed,
 * realtime,event-names,pages,has-events}`. Admin or the site's share link.
 */
export function dashboardApiRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  const guard = requireAdmin(deps.auth);
  const now = deps.now ?? Date.now;
  const { reports } = deps;
  const site = (c: Context): Site | undefined => getSite(deps.read, c.req.param('site') ?? '');
  const unknown = (c: Context) => c.json({ error: 'unknown site', field: 'site' }, 404);

  /** A route that needs the site and a checked `from`/`to` range with filters. */
  const ranged = (path: string, run: (s: Site, q: ReportQuery) => Promise<unknown>) =>
    app.get(`/api/sites/:site/${path}`, guard, async (c) => {
      const s = site(c);
      if (!s) return unknown(c);
      const q = parseReportQuery(c.req.query(), now());
      if (!q.ok) return c.json(q.error, 400);
      return c.json((await run(s, q.value)) as object);
    });

  const filter = (s: Site, q: ReportQuery, from = q.from, to = q.to) => reportFilter(s.id, q, from, to);

  ranged('overview', async (s, q) => {
    const current = await reports.overview(filter(s, q));
    if (!q.compare) return current;
    // The period of the same length right before, for "vs previous period".
    const span = q.to - q.from;
    return {
      ...current,
      previous: {
        from: q.from - span,
        to: q.from,
        ...(await reports.overview(filter(s, q, q.from - span, q.from))),
      },
    };
  });
  ranged('timeseries', async (s, q) => ({
    bucketMs: q.bucketMs,
    ...(await reports.timeseries(filter(s, q), q.bucketMs)),
  }));
  ranged('sources', (s, q) => reports.sources(filter(s, q)));
  ranged('page-speed', (s, q) => reports.pageSpeed(filter(s, q)));

  const simple = (path: string, run: (s: Site) => Promise<unknown>) =>
    app.get(`/api/sites/:site/${path}`, guard, async (c) => {
      const s = site(c);
      return s ? c.json((await run(s)) as object) : unknown(c);
    });
  const since = () => now() - CATALOG_DAYS * 24 * 60 * 60 * 1000;
  simple('realtime', (s) => reports.realtime(s.id, now()));
  simple('event-names', (s) => reports.eventNames(s.id, since()));
  simple('pages', (s) => reports.pages(s.id, since()));
  simple('has-events', (s) => reports.firstEvent(s.id));
  return app;
}
