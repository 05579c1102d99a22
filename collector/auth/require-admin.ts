import type { Context, MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
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
 * A share token reads one site's analytics and nothing else: safe methods only, on a sub-resource
 * of `/api/sites/<its site>/…` (never the site record itself, which holds the secret).
 */
function shareMayRead(c: Context, site: string): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  if (c.req.param('site') !== site) return false;
  return c.req.path.startsWith(`/api/sites/${encodeURIComponent(site)}/`) && !c.req.path.endsWith('/share-links');
}

/**
 * The guard of every admin route: 403 for a cross-site mutation, then 401 unless the request
 * carries the admin token, a signed-in session cookie, or a share token allowed to read this route.
 */
export function requireAdmin(auth: AdminAuth): MiddlewareHandler {
  return async (c, next) => {
    if (isCrossSite(requestOrigin(c, auth.trustProxy))) {
      return c.json({ error: 'cross-site request refused: admin changes must come from the dashboard itself' }, 403);
    }
    const access = accessOf(c, auth);
    if (access.kind === 'admin' || (access.kind === 'share' && shareMayRead(c, access.site))) return next();
    return c.json({ error: 'sign-in required' }, 401);
  };
}
