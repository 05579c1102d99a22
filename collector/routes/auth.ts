import { Hono } from 'hono';
import * as v from 'valibot';
import { getAdminPasswordHash } from '../auth/admin-password';
import { verifyPassword } from '../auth/password-hash';
import { refuseCrossSite } from '../auth/refuse-cross-site';
import { accessOf, requireAdmin } from '../auth/require-admin';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../auth/session-cookie';
import { SessionStore } from '../auth/session-store';
import { ShareLinkStore } from '../auth/share-links';
import { SignInLimiter } from '../auth/sign-in-limiter';
import type { AppDeps } from '../deps';
import { toValidationError } from '../ingest/validation-error';
import { getSite } from '../store/sites';

const signInSchema = v.object({
  password: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(200, 'must be at most 200 characters')),
}, 'must be an object with a password');

const shareSchema = v.object({
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(64, 'must be at most 64 characters')),
  label: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(100, 'must be at most 100 characters')))),
}, 'must be an object with a site');

/** Dashboard sign-in / sign-out, "who am I", and the admin's share links. */
export function authRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { auth } = deps;
  const trustProxy = auth.trustProxy ?? false;
  const sessions = auth.sessions ?? new SessionStore(deps.db);
  const shares = auth.shares ?? new ShareLinkStore(deps.db);
  const limiter = new SignInLimiter(deps.db, deps.now ? { now: deps.now } : {});
  const guard = requireAdmin(auth);
  const sameSite = refuseCrossSite({ trustProxy });

  app.post('/api/auth/sign-in', sameSite, async (c) => {
    const locked = limiter.lockedForSeconds();
    if (locked > 0) {
      c.header('Retry-After', String(locked));
      return c.json({ error: `too many failed sign-ins (${limiter.maxFailures} an hour); try again in ${Math.ceil(locked / 60)} min`, limit: limiter.maxFailures }, 429);
    }
    const body = v.safeParse(signInSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const hash = getAdminPasswordHash(deps.db);
    if (!hash || !(await verifyPassword(body.output.password, hash))) {
      limiter.recordFailure();
      return c.json({ error: 'wrong password', field: 'password' }, 401);
    }
    limiter.reset();
    const { token, expiresAt } = sessions.create();
    writeSessionCookie(c, token, expiresAt, trustProxy);
    return c.json({ access: 'admin' });
  });

  app.post('/api/auth/sign-out', sameSite, (c) => {
    sessions.delete(readSessionCookie(c));
    clearSessionCookie(c, trustProxy);
    return c.json({ ok: true });
  });

  app.get('/api/auth/me', (c) => {
    const access = accessOf(c, { ...auth, sessions, shares });
    if (access.kind === 'none') return c.json({ error: 'sign-in required' }, 401);
    if (access.kind === 'admin') return c.json({ access: 'admin' });
    // A share viewer sees the site's domain (to title the page) but never its secret.
    return c.json({ access: 'share', site: access.site, domain: getSite(deps.read, access.site)?.domain ?? access.site });
  });

  app.get('/api/share-links', guard, (c) => {
    const site = getSite(deps.read, c.req.query('site') ?? '');
    if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
    return c.json(shares.list(site.id));
  });
  app.post('/api/share-links', guard, async (c) => {
    const body = v.safeParse(shareSchema, await c.req.json().catch(() => null));
    if (!body.success) return c.json(toValidationError(body.issues), 400);
    const site = getSite(deps.read, body.output.site);
    if (!site) return c.json({ error: 'unknown site', field: 'site' }, 404);
    const { link, token } = shares.create(site.id, body.output.label?.trim() || null);
    // The token is shown this once: only its hash is stored.
    return c.json({ ...link, token, path: `/share/${token}` }, 201);
  });
  app.delete('/api/share-links/:id{[0-9]{1,12}}', guard, (c) =>
    shares.delete(Number(c.req.param('id'))) ? c.json({ ok: true }) : c.json({ error: 'unknown share link', field: 'id' }, 404));
  return app;
}
