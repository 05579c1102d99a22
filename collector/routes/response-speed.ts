import { type Context, Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { intParam, parseRange } from '../http/params';
import type { Site } from '../model';
import type { ResponseSpeedQuery } from '../reports/types';
import { isTimeZone } from '../response/local-clock';
import { siteOf, unknownSite } from './site-of';

const STATUSES = ['missed', 'late', 'unanswered', 'all'] as const;
type Status = (typeof STATUSES)[number];

/**
 * `GET /api/sites/:site/response-speed?from&to&standardMinutes&timeZone` and
 * `GET /api/sites/:site/callback-requests?…&status&limit`: how fast callback requests are returned,
 * by the site's response standard and in its time zone unless the query asks for others.
 */
export function responseSpeedRoutes(deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now'>): Hono {
  const app = new Hono();
  type Parsed =
    | { res: Response }
    | { res?: undefined; site: Site; q: ResponseSpeedQuery & { from: number; to: number } };
  const common = (c: Context): Parsed => {
    const site = siteOf(deps.read, c);
    if (!site) return { res: c.json(unknownSite, 404) };
    const range = parseRange(c.req.query(), (deps.now ?? Date.now)());
    if (!range.ok) return { res: c.json(range.error, 400) };
    const minutes = intParam(
      c.req.query('standardMinutes'),
      'standardMinutes',
      1,
      7 * 24 * 60,
      site.responseStandardMinutes,
    );
    if (!minutes.ok) return { res: c.json(minutes.error, 400) };
    const timeZone = c.req.query('timeZone') || site.timeZone;
    if (!isTimeZone(timeZone))
      return {
        res: c.json(
          { error: 'timeZone must be an IANA time zone like Europe/Moscow or UTC', field: 'timeZone' },
          400,
        ),
      };
    return { site, q: { ...range.value, standardMs: minutes.value * 60_000, timeZone } };
  };
  app.get('/api/sites/:site/response-speed', requireAdmin(deps.auth), async (c) => {
    const p = common(c);
    if (p.res) return p.res;
    return c.json(await deps.reports.responseSpeed(p.site.id, p.q));
  });
  app.get('/api/sites/:site/callback-requests', requireAdmin(deps.auth), async (c) => {
    const p = common(c);
    if (p.res) return p.res;
    const status = (c.req.query('status') || 'missed') as Status;
    if (!STATUSES.includes(status))
      return c.json({ error: `status must be one of ${STATUSES.join(', ')}`, field: 'status' }, 400);
    const limit = intParam(c.req.query('limit'), 'limit', 1, 1000, 100);
    if (!limit.ok) return c.json(limit.error, 400);
    return c.json(await deps.reports.callbackRequests(p.site.id, { ...p.q, status, limit: limit.value }));
  });
  return app;
}
