import { type Context, Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin';
import type { AppDeps } from '../deps';
import { goalCondition } from '../goals/goal-condition';
import { getGoal } from '../goals/goal-store';
import { idParam } from '../http/params';
import { parseReportQuery, type ReportQuery, reportFilter } from '../http/report-query';
import { CONTACT_NAMES, type Site, type StepCondition } from '../model';
import type { DetailKind } from '../reports/types';
import { siteOf, unknownSite } from './site-of';

const DETAIL_KINDS: readonly DetailKind[] = [
  'forms',
  'not_found',
  'messenger_click',
  'file_download',
  'review_submit',
  'site_search',
];
/** The form touchpoints all open the forms detail. */
const DETAIL_KIND = new Map<string, DetailKind>([
  ...DETAIL_KINDS.map((k) => [k, k] as const),
  ['form_start', 'forms'],
  ['form_submit', 'forms'],
  ['form_abandon', 'forms'],
]);

/** How far back the setup check reports drops. */
const DROPS_SINCE_MS = 24 * 3_600_000;

/**
 * The dashboard's reports of issue 16, all `GET /api/sites/:site/…` with the range and filters of
 * every report (`from`, `to`, `channel`, `device`, `country`, `page`, `pageMatch`):
 * `page-report` (`goal`), `engagement` (`compare=1`), `audience`, `touchpoint-detail` (`kind`),
 * `page-speed-pages`; and `setup-check`, the Setup view's "why is nothing arriving".
 */
export function dashboardReportRoutes(
  deps: Pick<AppDeps, 'read' | 'reports' | 'auth' | 'now' | 'drops'>,
): Hono {
  const app = new Hono();
  const guard = requireAdmin(deps.auth);
  const now = deps.now ?? Date.now;
  const { reports } = deps;

  type Answer = { ok: true; value: unknown } | { ok: false; status: 400 | 404; body: object };
  const ranged = (path: string, run: (s: Site, q: ReportQuery, c: Context) => Promise<Answer>) =>
    app.get(`/api/sites/:site/${path}`, guard, async (c) => {
      const s = siteOf(deps.read, c);
      if (!s) return c.json(unknownSite, 404);
      const q = parseReportQuery(c.req.query(), now());
      if (!q.ok) return c.json(q.error, 400);
      const a = await run(s, q.value, c);
      return a.ok ? c.json(a.value as object) : c.json(a.body, a.status);
    });
  const ok = async (p: Promise<unknown>): Promise<Answer> => ({ ok: true, value: await p });

  ranged('page-report', async (s, q, c) => {
    const converted = conversionOf(deps, s, c.req.query('goal'));
    if ('error' in converted) return { ok: false, status: 400, body: converted };
    return ok(reports.pageReport(reportFilter(s.id, q), converted.cond));
  });
  ranged('engagement', async (s, q) => {
    const current = await reports.engagement(reportFilter(s.id, q));
    if (!q.compare) return { ok: true, value: { from: q.from, to: q.to, ...current } };
    const span = q.to - q.from;
    const previous = await reports.engagement(reportFilter(s.id, q, q.from - span, q.from));
    return {
      ok: true,
      value: {
        from: q.from,
        to: q.to,
        ...current,
        previous: { from: q.from - span, to: q.from, ...previous },
      },
    };
  });
  ranged('audience', (s, q) => ok(reports.audience(reportFilter(s.id, q))));
  ranged('page-speed-pages', (s, q) => ok(reports.pageSpeedRows(reportFilter(s.id, q))));
  ranged('touchpoint-detail', async (s, q, c) => {
    const kind = DETAIL_KIND.get(c.req.query('kind') ?? '');
    if (!kind)
      return {
        ok: false,
        status: 400,
        body: { error: `kind must be one of ${[...DETAIL_KIND.keys()].join(', ')}`, field: 'kind' },
      };
    return ok(reports.touchpointDetail(reportFilter(s.id, q), kind));
  });

  app.get('/api/sites/:site/setup-check', guard, async (c) => {
    const s = siteOf(deps.read, c);
    if (!s) return c.json(unknownSite, 404);
    const first = await reports.firstEvent(s.id);
    const dropped = deps.drops?.recent(s.id, now() - DROPS_SINCE_MS) ?? [];
    return c.json({ ...first, hostnames: s.hostnames, countBots: s.countBots, dropped });
  });
  return app;
}

/** The conversion a page report counts: `?goal=<id>` (page, event or contact goal), else any contact. */
function conversionOf(
  deps: Pick<AppDeps, 'read'>,
  site: Site,
  raw: string | undefined,
): { cond: StepCondition } | { error: string; field: string } {
  if (raw === undefined || raw === '') return { cond: { names: [...CONTACT_NAMES] } };
  const id = idParam(raw);
  const goal = id === null ? undefined : getGoal(deps.read, site.id, id);
  if (!goal) return { error: 'goal is not a goal of this site', field: 'goal' };
  const cond = goalCondition(goal.definition);
  return cond
    ? { cond }
    : { error: 'goal is a composite goal; pages count page, event and contact goals', field: 'goal' };
}
