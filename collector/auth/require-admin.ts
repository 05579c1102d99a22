import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { noStore } from '../middleware/no-store';
import { isCrossSite, requestOrigin } from './refuse-cross-site';
import { readSessionCookie } from './session-cookie';
import type { SessionStore } from './session-store';
import { SHARE_PREFIX, type ShareLinkStore } from './share-links';

export interface AdminAuth {
  /** Token accepted as `Authorization: Bearer <token>` on the admin API (scripts, tests). */
  adminToken?: string;
  /** Dashboard sign-ins (the `tp_session` cookie); `createApp` fills it in from the database. */
  sessions?: SessionStore;
  /** Read-only per-site share tokens (`Authorization: Bearer tps_…`); filled in like `sessions`. */
  shares?: ShareLinkStore;
  /** Believe X-Forwarded-Host / -Proto (cookie Secure flag, same-origin check). */
  trustProxy?: boolean;
}

/** Who a request is: the admin, a share link's reader of one site, or nobody. */
export type Access = { kind: 'admin' } | { kind: 'share'; site: string } | { kind: 'none' };

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function accessOf(c: Context, { adminToken, sessions, shares }: AdminAuth): Access {
  const header = c.req.header('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (token && adminToken && same(token, adminToken)) return { kind: 'admin' };
  if (sessions?.isValid(readSessionCookie(c))) return { kind: 'admin' };
  const site = token.startsWith(SHARE_PREFIX) ? shares?.siteOf(token) : undefined;
  return site ? { kind: 'share', site } : { kind: 'none' };
}

/**
 * What a share link may read under `/api/sites/<its site>/`: the reports, nothing else. An allowlist,
 * so a new admin route (an export, the site record with its secret) stays closed until added here.
 * The funnel is a POST only because its definition travels as a body; it changes nothing.
 */
export const SHAREABLE: readonly { method: string; path: RegExp }[] = [
  {
    method: 'GET',
    path: /^(overview|timeseries|sources|page-speed|realtime|event-names|pages|has-events|scorecard|response-speed)$/,
  },
  { method: 'GET', path: /^goals(\/\d{1,12}(\/attribution)?)?$/ },
  { method: 'POST', path: /^funnel$/ },
  // issue 16
  { method: 'GET', path: /^(page-report|engagement|audience|touchpoint-detail|page-speed-pages)$/ },
  { method: 'GET', path: /^funnels(\/\d{1,12})?$/ },
];

function shareMayRead(c: Context, site: string): boolean {
  if (c.req.param('site') !== site) return false;
  const prefix = `/api/sites/${encodeURIComponent(site)}/`;
  if (!c.req.path.startsWith(prefix)) return false;
  const sub = c.req.path.slice(prefix.length);
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  return SHAREABLE.some((r) => r.method === method && r.path.test(sub));
}

/**
 * The guard of every admin route: 403 for a cross-site mutation, then 401 unless the request
 * carries the admin token, a signed-in session cookie, or a share token allowed to read this route.
 * Every answer behind it is `Cache-Control: no-store`.
 */
export function requireAdmin(auth: AdminAuth): MiddlewareHandler {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (isCrossSite(requestOrigin(c, auth.trustProxy))) {
      return c.json(
        { error: 'cross-site request refused: admin changes must come from the dashboard itself' },
        403,
      );
    }
    const access = accessOf(c, auth);
    if (access.kind === 'admin' || (access.kind === 'share' && shareMayRead(c, access.site)))
      return noStore(c, next);
    return c.json({ error: 'sign-in required' }, 401);
  };
}
